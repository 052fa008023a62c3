//! Many rows as one bound value: a JSON array of arrays that SQLite expands with `json_each`
//! (`INSERT … SELECT value->>0, value->>1 … FROM json_each(?)`). Binding 10,000 rows of 18
//! columns one value at a time costs more than the insert itself; one text value costs a copy.
//! Values are written exactly as sqlx would bind them (times as RFC 3339 with `+00:00`, dates
//! as `YYYY-MM-DD`, booleans as 1/0), so rows written either way compare equal.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::value::RawValue;

/// A JSON array of row arrays, built column by column.
#[derive(Debug, Default)]
pub struct JsonRows {
    buf: Vec<u8>,
    rows: usize,
    first_in_row: bool,
}

impl JsonRows {
    pub fn new() -> Self {
        Self { buf: b"[".to_vec(), rows: 0, first_in_row: true }
    }

    /// Starts the next row.
    pub fn row(&mut self) -> &mut Self {
        if self.rows > 0 {
            self.buf.extend_from_slice(b"],");
        }
        self.buf.push(b'[');
        self.rows += 1;
        self.first_in_row = true;
        self
    }

    fn sep(&mut self) {
        if !self.first_in_row {
            self.buf.push(b',');
        }
        self.first_in_row = false;
    }

    pub fn text(&mut self, v: &str) -> &mut Self {
        self.sep();
        // Writing a &str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.buf, v);
        self
    }

    pub fn opt_text(&mut self, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => self.text(v),
            None => self.null(),
        }
    }

    /// A JSON document stored as its text (`value->N`, not `->>`, reads it back as JSON text).
    pub fn json(&mut self, v: &RawValue) -> &mut Self {
        self.sep();
        self.buf.extend_from_slice(v.get().as_bytes());
        self
    }

    pub fn int(&mut self, v: i64) -> &mut Self {
        self.sep();
        self.buf.extend_from_slice(v.to_string().as_bytes());
        self
    }

    /// Not-a-number and infinities become NULL, as SQLite stores them.
    pub fn num(&mut self, v: f64) -> &mut Self {
        if !v.is_finite() {
            return self.null();
        }
        self.sep();
        let _ = serde_json::to_writer(&mut self.buf, &v);
        self
    }

    pub fn opt_num(&mut self, v: Option<f64>) -> &mut Self {
        match v {
            Some(v) => self.num(v),
            None => self.null(),
        }
    }

    pub fn opt_bool(&mut self, v: Option<bool>) -> &mut Self {
        match v {
            Some(v) => self.int(i64::from(v)),
            None => self.null(),
        }
    }

    pub fn time(&mut self, v: DateTime<Utc>) -> &mut Self {
        self.text(&v.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }

    pub fn opt_time(&mut self, v: Option<DateTime<Utc>>) -> &mut Self {
        match v {
            Some(v) => self.time(v),
            None => self.null(),
        }
    }

    pub fn date(&mut self, v: NaiveDate) -> &mut Self {
        self.text(&v.format("%F").to_string())
    }

    pub fn null(&mut self) -> &mut Self {
        self.sep();
        self.buf.extend_from_slice(b"null");
        self
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The finished array.
    pub fn finish(mut self) -> String {
        if self.rows > 0 {
            self.buf.push(b']');
        }
        self.buf.push(b']');
        // Only JSON text and escaped strings were written.
        String::from_utf8(self.buf).unwrap_or_default()
    }
}

/// `SELECT value->>0, …, value->>{n-1} FROM jsonb_each(?) WHERE true` (the `WHERE` keeps SQLite's
/// parser from reading a following `ON CONFLICT` as a join constraint). Columns listed in
/// `json_columns` are read with `->` and stay JSON text.
pub fn json_each_select(columns: usize, json_columns: &[usize]) -> String {
    let cols: Vec<String> = (0..columns)
        .map(|i| if json_columns.contains(&i) { format!("value->{i}") } else { format!("value->>{i}") })
        .collect();
    format!("SELECT {} FROM jsonb_each(?) WHERE true", cols.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn rows_are_a_json_array_of_arrays() {
        let mut rows = JsonRows::new();
        rows.row().text("a\"b\n").opt_text(None).num(1.5).num(f64::NAN).opt_bool(Some(true));
        rows.row().time(Utc.with_ymd_and_hms(2026, 10, 25, 21, 30, 0).unwrap()).int(-3);
        assert_eq!(rows.finish(), r#"[["a\"b\n",null,1.5,null,1],["2026-10-25T21:30:00+00:00",-3]]"#);
        assert_eq!(JsonRows::new().finish(), "[]");
    }

    #[test]
    fn the_select_reads_every_column() {
        assert_eq!(json_each_select(3, &[2]), "SELECT value->>0, value->>1, value->2 FROM jsonb_each(?) WHERE true");
    }
}
