//! What a response body is, before any source's splitter looks for its records: an empty body,
//! an HTML page, text that is not JSON, or JSON of some shape. A splitter that finds a shape it
//! does not expect names it ("a single object where a list of records was expected"), so a
//! rejection always says what was wrong and nothing is ever read as "0 records" by accident.

use super::Rejection;
use serde_json::Value;

/// Parses a response body as JSON, or says truly why it is not: empty, HTML, not UTF-8, the
/// bare text of an error (`invalid request`), or malformed JSON.
pub fn parse_json_body(body: &[u8]) -> Result<Value, Rejection> {
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() {
        return Err(Rejection::new("empty body: no JSON response"));
    }
    match serde_json::from_slice::<Value>(trimmed) {
        Ok(v) => Ok(v),
        Err(e) => Err(Rejection::new(not_json_reason(trimmed, &e))),
    }
}

fn not_json_reason(body: &[u8], e: &serde_json::Error) -> String {
    let head: String = String::from_utf8_lossy(&body[..body.len().min(200)]).to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<html") {
        return "an HTML page, not a JSON response".into();
    }
    if head.starts_with('<') {
        return "XML or markup, not a JSON response".into();
    }
    if !matches!(body.first(), Some(b'{' | b'[' | b'"')) && e.classify() == serde_json::error::Category::Syntax {
        let text = crate::model::text::sanitize(&String::from_utf8_lossy(&body[..body.len().min(60)]));
        return format!("the text {text:?}, not a JSON response");
    }
    format!("malformed JSON: {e}")
}

/// A short name for the shape of a JSON value, for a rejection's reason.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(_) => "a number".into(),
        Value::String(s) => {
            format!("the text {:?}", crate::model::text::sanitize(&s.chars().take(60).collect::<String>()))
        }
        Value::Array(a) if a.is_empty() => "an empty list".into(),
        Value::Array(a) => format!("a bare list of {}", plural(a.len(), "element")),
        Value::Object(o) if o.is_empty() => "an empty object".into(),
        Value::Object(o) if is_indexed(o) => {
            format!("an object keyed \"0\"…\"{}\" ({})", o.len() - 1, plural(o.len(), "entry"))
        }
        Value::Object(o) => {
            let keys: Vec<&str> = o.keys().take(4).map(String::as_str).collect();
            let more = if o.len() > 4 { ", …" } else { "" };
            format!("a single object (keys {}{more})", keys.join(", "))
        }
    }
}

/// `{"0": …, "1": …}`: a list saved as an object keyed by position.
pub fn is_indexed(o: &serde_json::Map<String, Value>) -> bool {
    !o.is_empty() && (0..o.len()).all(|i| o.contains_key(&i.to_string()))
}

fn plural(n: usize, what: &str) -> String {
    match (n, what) {
        (1, _) => format!("1 {what}"),
        (_, "entry") => format!("{n} entries"),
        _ => format!("{n} {what}s"),
    }
}

/// The rejection for a body of an unexpected shape: `{found} where {expected} was expected`.
pub fn unexpected(v: &Value, expected: &str) -> Rejection {
    Rejection::new(format!("{} where {expected} was expected", describe(v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn not_json_says_what_it_is() {
        let reason = |b: &[u8]| parse_json_body(b).unwrap_err().reason;
        assert_eq!(reason(b""), "empty body: no JSON response");
        assert_eq!(reason(b"  \n"), "empty body: no JSON response");
        assert_eq!(
            reason(b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"),
            "an HTML page, not a JSON response"
        );
        assert_eq!(reason(b"invalid request"), "the text \"invalid request\", not a JSON response");
        assert!(reason(b"{\"a\":").starts_with("malformed JSON"));
    }

    #[test]
    fn shapes_are_named() {
        assert_eq!(describe(&json!([1, 2])), "a bare list of 2 elements");
        assert_eq!(describe(&json!({"0": {}, "1": {}})), "an object keyed \"0\"…\"1\" (2 entries)");
        assert_eq!(describe(&json!({"hex": "a"})), "a single object (keys hex)");
        assert_eq!(describe(&json!("invalid request")), "the text \"invalid request\"");
        assert!(!is_indexed(&serde_json::Map::new()));
        assert!(!is_indexed(json!({"0": 1, "2": 2}).as_object().unwrap()));
    }
}
