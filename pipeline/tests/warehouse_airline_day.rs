//! The airline view's reads (#20 item 3): an airline's legs of a local day across the airports
//! with the day's figures, and airlines found by code or name; and the place lists' (#20 item
//! 7): a country's or a city's airports with their day. Exact expected values on SQLite and on
//! MariaDB (a fresh database per test), from the drill-down tests' world.

#[path = "warehouse_drilldown/backends.rs"]
#[macro_use]
mod backends;
#[path = "warehouse_drilldown/fixture.rs"]
mod fixture;
mod support;

use backends::*;
use fixture::*;
use pipeline::model::FlightStatus;
use pipeline::warehouse::Warehouse;

async fn airline_day(w: &dyn Warehouse) {
    load_fixture(w).await;
    let d = w.describe();
    let day = w.airline_day("LH", date(27)).await.unwrap().expect("Lufthansa is known");
    assert_eq!((day.airline.name.as_str(), day.day), ("Lufthansa", date(27)), "{d}");
    let legs: Vec<String> = day.legs.iter().map(|l| format!("{}{}", l.row.key.origin, l.row.key.number)).collect();
    assert_eq!(
        legs,
        [
            "FRA904", "FRA100", "FRA200", "FRA210", "FRA110", "MUC101", "FRA400", "MUC600", "FRA402", "FRA500",
            "FRA120", "MUC103", "MUC105", "FRA900"
        ],
        "{d}: every LH leg departing on the 27th (local) at any airport, first to depart first; not the 26th's or the 28th's"
    );
    assert!(day.legs.iter().all(|l| l.origin_tz == Some(chrono_tz::Europe::Berlin)), "{d}: FRA's and MUC's zone");
    let lh400 = day.legs.iter().find(|l| l.row.key.number == "400").unwrap();
    assert_eq!((lh400.row.other_airport.as_str(), lh400.row.other_city.as_deref()), ("JFK", Some("New York")), "{d}");
    assert_eq!((lh400.row.actual, lh400.row.status), (Some(t(27, 10, 10)), FlightStatus::Departed), "{d}");
    assert_eq!(day.cancelled, 2, "{d}: LH120 and LH103");
    // Known delays: 10, 30, 0 (early), 20 (estimate), 5, 14, 0; under 15 minutes: five of seven.
    assert_eq!(day.on_time_pct, Some(500.0 / 7.0), "{d}");
    assert_eq!(day.avg_delay_minutes, Some(79.0 / 7.0), "{d}");
    let route = |from: &str, to: &str, n| (from.to_string(), to.to_string(), n);
    assert_eq!(
        day.busiest_routes,
        vec![
            route("FRA", "MUC", 3),
            route("MUC", "FRA", 3),
            route("FRA", "CDG", 2),
            route("FRA", "JFK", 2),
            route("FRA", "AMS", 1)
        ],
        "{d}: top five, ties by the codes"
    );
    // Another day holds other legs, in their own zones.
    let before = w.airline_day("LH", date(26)).await.unwrap().unwrap();
    assert_eq!(before.legs.len(), 3, "{d}: LH401, LH403 from JFK and LH600 from MUC");
    let jfk = before.legs.iter().find(|l| l.row.key.origin == "JFK").unwrap();
    assert_eq!(jfk.origin_tz, Some(chrono_tz::America::New_York), "{d}");
    let empty = w.airline_day("UA", date(27)).await.unwrap().unwrap();
    assert!(empty.legs.is_empty() && empty.on_time_pct.is_none() && empty.busiest_routes.is_empty(), "{d}");
    assert_eq!(w.airline_day("ZZ", date(27)).await.unwrap(), None, "{d}: an unknown airline");
}

async fn find_airlines(w: &dyn Warehouse) {
    load_fixture(w).await;
    let d = w.describe();
    let names = async |text: &str| -> Vec<String> {
        w.find_airlines(text, 5).await.unwrap().into_iter().map(|a| a.name).collect()
    };
    assert_eq!(names("LH").await, ["Lufthansa"], "{d}: by IATA code");
    assert_eq!(names("dlh").await, ["Lufthansa"], "{d}: by ICAO code, case ignored");
    assert_eq!(names("lufthansa").await, ["Lufthansa"], "{d}: by name");
    assert_eq!(names("Air").await, ["Air Canada", "United Airlines"], "{d}: name prefix before name containing");
    assert!(names("L").await.is_empty(), "{d}: one letter names no airline");
    assert!(names("FRA").await.is_empty(), "{d}: an airport is not an airline");
    assert!(names("100%").await.is_empty(), "{d}: LIKE wildcards are text");
}

async fn places(w: &dyn Warehouse) {
    use pipeline::model::PlaceFilter::{City, Country};
    load_fixture(w).await;
    let d = w.describe();
    // The fixture's six airports are all filed under DE; FMM has no leg at all.
    let list = w.places(&Country("de".into()), date(27)).await.unwrap();
    let codes: Vec<&str> = list.iter().map(|p| p.airport.code()).collect();
    assert_eq!(codes.len(), 6, "{d}: {codes:?}");
    assert_eq!((codes[0], list[0].departures, list[0].arrivals), ("FRA", Some(10), Some(3)), "{d}: busiest first");
    assert_eq!(codes.last(), Some(&"FMM"), "{d}: an airport with no leg known comes last");
    assert_eq!((list[5].departures, list[5].arrivals), (None, None), "{d}: not fetched is unknown, not none");
    for p in list.iter().filter(|p| p.departures.is_some()) {
        let stats = w.airport_stats(p.airport.code(), date(27)).await.unwrap().unwrap();
        assert_eq!(
            (p.departures, p.arrivals),
            (Some(stats.departures), Some(stats.arrivals)),
            "{d}: {}",
            p.airport.code()
        );
    }
    assert!(list.windows(2).all(|w| w[0].legs() >= w[1].legs()), "{d}: by the day's legs");
    let munich = w.places(&City("MUNICH".into()), date(27)).await.unwrap();
    assert_eq!(munich.iter().map(|p| p.airport.code()).collect::<Vec<_>>(), ["MUC"], "{d}: by city, case ignored");
    assert!(w.places(&Country("XX".into()), date(27)).await.unwrap().is_empty(), "{d}");
    assert!(w.places(&City("Atlantis".into()), date(27)).await.unwrap().is_empty(), "{d}");
}

on_both_backends!(airline_day, find_airlines, places);
