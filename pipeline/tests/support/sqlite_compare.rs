//! Compares two SQLite warehouses attached to one connection (`main` and `b`), table by table.

use sqlx::SqliteConnection;

/// Rows of `table` in one warehouse and not in the other (both ways), over `columns`.
pub async fn difference(conn: &mut SqliteConnection, table: &str, columns: &str) -> i64 {
    let sql = format!(
        "SELECT (SELECT COUNT(*) FROM (SELECT {columns} FROM main.{table} EXCEPT SELECT {columns} FROM b.{table}))
              + (SELECT COUNT(*) FROM (SELECT {columns} FROM b.{table} EXCEPT SELECT {columns} FROM main.{table}))"
    );
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(conn).await.unwrap()
}

/// Every column of `table` except its surrogate id.
pub async fn columns(conn: &mut SqliteConnection, table: &str) -> String {
    let names: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT name FROM pragma_table_info('{table}') WHERE name <> 'id' ORDER BY cid"
    )))
    .fetch_all(conn)
    .await
    .unwrap();
    names.join(", ")
}

/// Rows of `table` (`main.flights`, `b.flights`).
pub async fn count(conn: &mut SqliteConnection, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_one(conn).await.unwrap()
}
