//! A lenient JSON scalar for typed, zero-copy record parsing: the same field may come as a
//! string, a number or not at all, and a nested value where a scalar belongs is ignored rather
//! than failing the record.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// One JSON value read as a scalar. Strings borrow from the input when they have no escapes.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Scalar<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    /// `null`, a boolean, an object or an array: nothing usable as a scalar.
    #[default]
    Other,
}

impl Scalar<'_> {
    /// Text as the sources mean it: strings as they are, integral numbers without a fraction
    /// (`1.0` → `1`); control and escape characters stripped; empty becomes `None`.
    pub fn text(&self) -> Option<String> {
        match self {
            Self::Text(s) => crate::model::text::sanitize_opt(Some(s)),
            Self::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{}", *f as i64)),
            Self::Number(f) => Some(f.to_string()),
            Self::Other => None,
        }
    }

    /// Like [`text`](Self::text) but without a copy when the text needs no cleaning.
    pub fn text_ref(&self) -> Option<Cow<'_, str>> {
        match self {
            Self::Text(s) if crate::model::text::is_plain(s) => (!s.is_empty()).then_some(Cow::Borrowed(s.as_ref())),
            _ => self.text().map(Cow::Owned),
        }
    }

    /// A finite number, from a JSON number or a numeric string.
    pub fn number(&self) -> Option<f64> {
        match self {
            Self::Number(f) => Some(*f),
            Self::Text(s) => s.trim().parse().ok(),
            Self::Other => None,
        }
        .filter(|f: &f64| f.is_finite())
    }
}

/// `Option<Scalar>` field helpers: a missing key and `null` read the same.
pub fn text_of(v: &Option<Scalar<'_>>) -> Option<String> {
    v.as_ref().and_then(Scalar::text)
}

/// A field's text without a copy when it needs no cleaning.
pub fn text_ref<'s>(v: &'s Option<Scalar<'_>>) -> Option<Cow<'s, str>> {
    v.as_ref()?.text_ref()
}

/// An upper-cased code (`LH`, `FRA`) from a field, copied once.
pub fn upper_of(v: &Option<Scalar<'_>>) -> Option<String> {
    let t = v.as_ref()?.text_ref()?;
    Some(if t.bytes().any(|b| b.is_ascii_lowercase()) { t.to_ascii_uppercase() } else { t.into_owned() })
}

pub fn number_of(v: &Option<Scalar<'_>>) -> Option<f64> {
    v.as_ref().and_then(Scalar::number)
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;

        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Owned(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Scalar::Number(v))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Other)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Other)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }

        deserializer.deserialize_any(ScalarVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Probe<'a> {
        #[serde(borrow)]
        a: Option<Scalar<'a>>,
    }

    fn read(json: &str) -> Option<Scalar<'_>> {
        serde_json::from_str::<Probe>(json).unwrap().a
    }

    #[test]
    fn every_shape() {
        assert_eq!(text_of(&read(r#"{"a": "x"}"#)).as_deref(), Some("x"));
        assert!(matches!(read(r#"{"a": "x"}"#), Some(Scalar::Text(Cow::Borrowed("x")))), "zero-copy");
        assert_eq!(text_of(&read(r#"{"a": "\u001b[31mred"}"#)).as_deref(), Some("red"));
        assert_eq!(text_of(&read(r#"{"a": 1.0}"#)).as_deref(), Some("1"));
        assert_eq!(text_of(&read(r#"{"a": 2.5}"#)).as_deref(), Some("2.5"));
        assert_eq!(number_of(&read(r#"{"a": "48.35"}"#)), Some(48.35));
        assert_eq!(number_of(&read(r#"{"a": "NaN"}"#)), None);
        assert_eq!(number_of(&read(r#"{"a": 7}"#)), Some(7.0));
        for other in [r#"{"a": null}"#, r#"{"a": true}"#, r#"{"a": [1, {"b": 2}]}"#, r#"{"a": {"b": [3]}}"#, "{}"] {
            assert_eq!(text_of(&read(other)), None, "{other}");
            assert_eq!(number_of(&read(other)), None, "{other}");
        }
        let v = serde_json::json!({"a": "from a value"});
        let p = Probe::deserialize(&v).unwrap();
        assert!(matches!(p.a, Some(Scalar::Text(Cow::Borrowed("from a value")))), "zero-copy from a Value too");
    }
}
