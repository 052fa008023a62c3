use serde_json::Value;

/// The offset of the next page of any Lufthansa list (`{Resource: {Container: {Item: …},
/// Meta: {TotalCount}}}`, e.g. `FlightStatusResource.Flights.Flight` or
/// `AirportResource.Airports.Airport`), from `Meta.TotalCount` and the number of items the page
/// held. `None` when this was the last page or the body cannot tell.
pub fn next_offset(body: &[u8], offset: usize) -> Option<usize> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let root = v.as_object()?.values().next()?;
    let total = match root.get("Meta")?.get("TotalCount")? {
        Value::Number(n) => n.as_u64()? as usize,
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    let container = root.as_object()?.iter().find(|(k, _)| k.as_str() != "Meta")?.1;
    let on_page = match container.as_object()?.values().next()? {
        Value::Array(a) => a.len(),
        Value::Object(_) => 1,
        _ => 0,
    };
    let next = offset + on_page;
    (on_page > 0 && next < total).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_until_total() {
        let page = |n: usize, total: &str| {
            let flights: Vec<Value> = (0..n).map(|_| serde_json::json!({})).collect();
            serde_json::to_vec(&serde_json::json!({"FlightStatusResource": {"Flights": {"Flight": flights}, "Meta": {"TotalCount": serde_json::from_str::<Value>(total).unwrap()}}})).unwrap()
        };
        assert_eq!(next_offset(&page(50, "120"), 0), Some(50));
        assert_eq!(next_offset(&page(20, "120"), 100), None);
        assert_eq!(next_offset(&page(50, "\"120\""), 50), Some(100));
        assert_eq!(next_offset(b"not json", 0), None);
        let single = br#"{"FlightStatusResource":{"Flights":{"Flight":{}},"Meta":{"TotalCount":2}}}"#;
        assert_eq!(next_offset(single, 0), Some(1));
        let airports =
            br#"{"AirportResource":{"Airports":{"Airport":[{},{}]},"Meta":{"@Version":"1.0.0","TotalCount":11761}}}"#;
        assert_eq!(next_offset(airports, 200), Some(202));
    }
}
