//! A list element's JSON text, written compact as it is read, without building a `Value`: a
//! tree of a large response would cost several times its text. The output is what
//! `serde_json::Value::to_string` gives for the element (the text earlier releases filed, so the
//! lake keys of a file stay what they were), except that a key given twice in one object is
//! kept twice instead of once.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// Writes the value it reads into `out` as compact JSON text; a string at the top is written as
/// the text it holds when `bare_string` is set (a list of JSON-encoded responses).
pub(super) struct Compact<'a> {
    pub out: &'a mut Vec<u8>,
    pub bare_string: bool,
}

impl<'a> Compact<'a> {
    fn inner(out: &'a mut Vec<u8>) -> Self {
        Self { out, bare_string: false }
    }

    fn put<T: serde::Serialize + ?Sized>(&mut self, v: &T) {
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *self.out, v);
    }
}

impl<'de> DeserializeSeed<'de> for Compact<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Compact<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(mut self, v: bool) -> Result<(), E> {
        self.put(&v);
        Ok(())
    }
    fn visit_i64<E: de::Error>(mut self, v: i64) -> Result<(), E> {
        self.put(&v);
        Ok(())
    }
    fn visit_u64<E: de::Error>(mut self, v: u64) -> Result<(), E> {
        self.put(&v);
        Ok(())
    }
    fn visit_f64<E: de::Error>(mut self, v: f64) -> Result<(), E> {
        self.put(&v);
        Ok(())
    }
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        if self.bare_string {
            self.out.extend_from_slice(v.as_bytes());
        } else {
            self.put(v);
        }
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.out.push(b'[');
        let mut first = true;
        loop {
            // The separator goes before an element, so it is taken back when there is none.
            let mark = self.out.len();
            if !first {
                self.out.push(b',');
            }
            if seq.next_element_seed(Compact::inner(&mut *self.out))?.is_none() {
                self.out.truncate(mark);
                break;
            }
            first = false;
        }
        self.out.push(b']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.out.push(b'{');
        let mut first = true;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if !first {
                self.out.push(b',');
            }
            first = false;
            let _ = serde_json::to_writer(&mut *self.out, key.as_ref());
            self.out.push(b':');
            map.next_value_seed(Compact::inner(&mut *self.out))?;
        }
        self.out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn writes_what_a_parsed_value_writes() {
        for text in [
            r#"{"b": [1, -2, 3.5, 1e300, 0.1, true, null, {}], "a": "é\n\"\\/\u0001", "c": {"x": []}}"#,
            r#"  [ "x" , 18446744073709551615, -9223372036854775808, 1.0 , 2E-3 ]"#,
            r#""a string""#,
            "17",
        ] {
            let mut out = Vec::new();
            let mut de = serde_json::Deserializer::from_str(text);
            Compact::inner(&mut out).deserialize(&mut de).unwrap();
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), value.to_string(), "{text}");
        }
        let mut out = Vec::new();
        let mut de = serde_json::Deserializer::from_str(r#""invalid request""#);
        Compact { out: &mut out, bare_string: true }.deserialize(&mut de).unwrap();
        assert_eq!(out, b"invalid request");
    }
}
