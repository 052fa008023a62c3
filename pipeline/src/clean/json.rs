//! Lenient reading of API JSON: the same field may be a string, a number or a `{"$": text}` node,
//! and a container may hold one object instead of a list.

use serde_json::Value;

/// The node at `path` (`/a/b`, plain keys and array indexes; no `~` escapes). Faster than
/// `Value::pointer`, which allocates for every segment.
fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('/').skip(1).try_fold(v, |node, key| match node {
        Value::Object(m) => m.get(key),
        Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

/// Text at `path` (a JSON pointer): strings as they are, numbers in their shortest form (`1.0` →
/// `1`), `{"$": "x"}` text nodes unwrapped. Control characters stripped; empty becomes `None`.
pub fn text(v: &Value, path: &str) -> Option<String> {
    let node = if path.is_empty() { v } else { at(v, path)? };
    let raw = match node {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => {
                let f = n.as_f64()?;
                if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
            }
        },
        Value::Object(o) => return o.get("$").and_then(|t| text(t, "")),
        _ => return None,
    };
    crate::model::text::sanitize_opt(Some(&raw))
}

/// A number at `path`, from a JSON number or a numeric string.
pub fn number(v: &Value, path: &str) -> Option<f64> {
    match at(v, path)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|f: &f64| f.is_finite())
}

/// The elements of a container that may be a list, a single object, or absent.
pub fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_text_in_every_shape() {
        let v = json!({"a": "x", "b": 1.0, "c": 841, "d": {"$": "Frankfurt", "@LanguageCode": "en"}, "e": "  ", "f": [1], "g": 2.5});
        assert_eq!(text(&v, "/a").as_deref(), Some("x"));
        assert_eq!(text(&v, "/b").as_deref(), Some("1"));
        assert_eq!(text(&v, "/c").as_deref(), Some("841"));
        assert_eq!(text(&v, "/d").as_deref(), Some("Frankfurt"));
        assert_eq!(text(&v, "/e"), None);
        assert_eq!(text(&v, "/f"), None);
        assert_eq!(text(&v, "/g").as_deref(), Some("2.5"));
        assert_eq!(text(&v, "/missing"), None);
    }

    #[test]
    fn numbers_from_strings() {
        let v = json!({"a": "2.0", "b": 3, "c": "x"});
        assert_eq!(number(&v, "/a"), Some(2.0));
        assert_eq!(number(&v, "/b"), Some(3.0));
        assert_eq!(number(&v, "/c"), None);
    }

    #[test]
    fn one_or_many() {
        let v = json!({"one": {"k": 1}, "many": [{"k": 1}, {"k": 2}], "null": null});
        assert_eq!(as_list(v.get("one")).len(), 1);
        assert_eq!(as_list(v.get("many")).len(), 2);
        assert_eq!(as_list(v.get("null")).len(), 0);
        assert_eq!(as_list(v.get("absent")).len(), 0);
    }
}
