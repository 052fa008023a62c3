//! The drill-down tests' backends: each check on a fresh SQLite file and on a fresh MariaDB
//! database (dropped afterwards); `on_both_backends!` makes a test of each per check.

use pipeline::warehouse::{MySqlWarehouse, SqliteWarehouse, Warehouse};

pub async fn on_sqlite(check: impl AsyncFnOnce(&dyn Warehouse)) {
    let dir = tempfile::tempdir().unwrap();
    let w = SqliteWarehouse::open(&dir.path().join("w.sqlite")).await.unwrap();
    check(&w).await;
}

pub async fn on_mariadb(tag: &str, check: impl AsyncFnOnce(&dyn Warehouse)) {
    let url = crate::support::mysql_url(&crate::support::unique(tag));
    let w = MySqlWarehouse::connect(&url).await.unwrap();
    check(&w).await;
    w.pool().close().await;
    MySqlWarehouse::drop_database(&url).await.unwrap();
}

macro_rules! on_both_backends {
    ($($check:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $check() {
                    super::on_sqlite(async |w| super::$check(w).await).await;
                }
            )*
        }
        mod mariadb {
            $(
                #[tokio::test]
                async fn $check() {
                    super::on_mariadb(stringify!($check), async |w| super::$check(w).await).await;
                }
            )*
        }
    };
}
