//! The usual `/flights` answer in one pass: the envelope is read key by key and each record of
//! `response` is cleaned as soon as it is parsed, so no list of parsed records is ever built.
//! Anything unusual (an `error` object, a `response` that is not a list, a record that does not
//! read as a flight) gives `None`, and the caller takes the record-by-record path.

use super::flights::{AirlabsFlight, clean_airlabs_flight_record};
use crate::clean::{RecordContext, Rejection};
use crate::model::Position;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

type Cleaned = Vec<Result<Position, Rejection>>;

struct Envelope<'c> {
    ctx: &'c RecordContext,
}

struct EachRecord<'c, 'o> {
    ctx: &'c RecordContext,
    out: &'o mut Cleaned,
}

pub fn clean_in_one_pass(body: &[u8], ctx: &RecordContext) -> Option<Cleaned> {
    // The whole body must be UTF-8, as for the other paths: skipped values (`request`, unknown
    // keys) are not checked by the parser.
    let body = std::str::from_utf8(body).ok()?;
    let mut de = serde_json::Deserializer::from_str(body);
    let cleaned = Envelope { ctx }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    cleaned
}

impl<'de> DeserializeSeed<'de> for Envelope<'_> {
    /// `None` when the answer carries an `error` object.
    type Value = Option<Cleaned>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Envelope<'_> {
    type Value = Option<Cleaned>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an AirLabs answer object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = None;
        let mut error = false;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "response" if out.is_none() => {
                    let mut cleaned = Vec::new();
                    map.next_value_seed(EachRecord { ctx: self.ctx, out: &mut cleaned })?;
                    out = Some(cleaned);
                }
                // A second `response` is a shape the general path judges.
                "response" => return Err(de::Error::custom("two responses")),
                "error" => {
                    error = true;
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match (error, out) {
            (false, Some(cleaned)) => Ok(Some(cleaned)),
            _ => Ok(None),
        }
    }
}

impl<'de> DeserializeSeed<'de> for EachRecord<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EachRecord<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of flight records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Some(n) = seq.size_hint() {
            self.out.reserve(n);
        }
        while let Some(record) = seq.next_element::<AirlabsFlight<'de>>()? {
            self.out.push(clean_airlabs_flight_record(&record, self.ctx));
        }
        Ok(())
    }
}
