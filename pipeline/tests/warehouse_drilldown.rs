//! The drill-down reads — an airport's local day, a flight's detail page, the world map, an
//! aircraft's trail, the search box — and the status history the loads write, with exact
//! expected values, on SQLite and on MariaDB (a fresh database per test).

#[path = "warehouse_drilldown/backends.rs"]
#[macro_use]
mod backends;
#[path = "warehouse_drilldown/fixture.rs"]
mod fixture;
mod support;

use backends::*;
use chrono::{DateTime, Duration, Utc};
use fixture::*;
use pipeline::model::{Airport, FlightKey, FlightStatus, Position};
use pipeline::warehouse::{LoadBatch, Table, Warehouse};

// ---------------------------------------------------------------------------------------------

async fn airport_day(w: &dyn Warehouse) {
    load_fixture(w).await;
    let stats = w.airport_stats("FRA", date(27)).await.unwrap().unwrap();
    let d = w.describe();
    assert_eq!((stats.airport.as_str(), stats.day), ("FRA", date(27)), "{d}");
    assert_eq!(stats.departures, 10, "{d}: 00:30 local on the 27th counts, on the 28th not");
    assert_eq!(stats.arrivals, 3, "{d}: LH401, LH101 (by departure), LH103");
    assert_eq!(stats.cancelled, 2, "{d}: LH120 departing, LH103 arriving");
    // Known delays: 10, 30, 0 (early), 20 (estimate), 5, 14; under 15 minutes: four of six.
    assert_eq!(stats.on_time_pct, Some(400.0 / 6.0), "{d}");
    assert_eq!(stats.avg_delay_minutes, Some(79.0 / 6.0), "{d}");
    // The chart: every leg in its local hour; 30 and 20 minutes late are the delayed ones.
    let total = |f: fn(&pipeline::model::HourTraffic) -> u32| stats.by_hour.iter().map(f).sum::<u32>();
    assert_eq!((total(|h| h.departures), total(|h| h.arrivals)), (10, 3), "{d}");
    assert_eq!(total(|h| h.delayed_departures), 2, "{d}");
    assert_eq!(stats.by_hour[0].departures, 1, "{d}: 00:30 local is in the first hour");
    let by_status: u32 = stats.by_status.iter().map(|(_, n)| n).sum();
    assert_eq!(by_status, 13, "{d}");
    assert!(stats.by_status.contains(&(FlightStatus::Cancelled, 2)), "{d}: {:?}", stats.by_status);
    let city = |c: &str| Some(c.to_string());
    assert_eq!(
        stats.busiest_destinations,
        vec![
            ("MUC".to_string(), city("Munich"), 3),
            ("CDG".to_string(), city("Paris"), 2),
            ("JFK".to_string(), city("New York"), 2),
            ("AMS".to_string(), None, 1),
            ("LHR".to_string(), city("London"), 1),
        ],
        "{d}: ties by IATA, top five (ZRH left out), no city for an unknown airport"
    );

    // The day before holds LH403's arrival (23:30 local) and nothing departs.
    let before = w.airport_stats("FRA", date(26)).await.unwrap().unwrap();
    assert_eq!((before.departures, before.arrivals, before.cancelled), (0, 1, 0), "{d}");
    assert_eq!((before.on_time_pct, before.avg_delay_minutes), (None, None), "{d}");
    assert!(before.busiest_destinations.is_empty());
    // The 28th: LH902 (00:30 local) and LH105's arrival (00:15 local).
    let after = w.airport_stats("FRA", date(28)).await.unwrap().unwrap();
    assert_eq!((after.departures, after.arrivals, after.on_time_pct), (1, 1, Some(100.0)), "{d}");
    assert_eq!(w.airport_stats("XXX", date(27)).await.unwrap(), None, "{d}: unknown airport");
}

async fn flight_detail(w: &dyn Warehouse) {
    w.migrate().await.unwrap();
    let scheduled = with(lh400(), |f| {
        f.act_dep = None;
        f.status = FlightStatus::Scheduled;
        f.source_status = Some("NA/NI/NI".into());
        f.observed_at = t(27, 8, 0);
    });
    let boarding = with(scheduled.clone(), |f| {
        f.status = FlightStatus::Boarding;
        f.source_status = Some("BD/NI/NI".into());
        f.observed_at = t(27, 9, 30);
    });
    load_flights(w, vec![scheduled]).await;
    load_flights(w, vec![boarding.clone()]).await;
    // Departed (with no source status) at 10:15, in the fixture.
    load_fixture(w).await;
    let history_rows = w.count(Table::StatusHistory).await.unwrap();
    // The same status again, later: no new row, the first time stays.
    load_flights(w, vec![with(lh400(), |f| f.observed_at = t(27, 10, 40))]).await;
    assert_eq!(w.count(Table::StatusHistory).await.unwrap(), history_rows, "{}", w.describe());

    let now = t(27, 10, 25);
    let detail = w.flight_detail(&lh400().key, now).await.unwrap().unwrap();
    let d = w.describe();
    assert_eq!(detail.leg.status, FlightStatus::Departed, "{d}");
    assert_eq!(detail.leg.act_dep, Some(t(27, 10, 10)), "{d}");
    assert_eq!(detail.leg.observed_at, t(27, 10, 40), "{d}");
    assert_eq!(detail.codeshares, vec![("AC".into(), "9100".into()), ("UA".into(), "8840".into())], "{d}");
    assert_eq!(detail.origin.as_ref().map(|a| a.name.as_str()), Some("Frankfurt am Main Airport"), "{d}");
    assert_eq!(detail.destination.as_ref().and_then(|a| a.city.as_deref()), Some("New York"), "{d}");
    let history: Vec<(DateTime<Utc>, FlightStatus, Option<&str>, &str)> = detail
        .status_history
        .iter()
        .map(|s| (s.observed_at, s.status, s.source_status.as_deref(), s.source.as_str()))
        .collect();
    assert_eq!(
        history,
        vec![
            (t(27, 8, 0), FlightStatus::Scheduled, Some("NA/NI/NI"), "lufthansa"),
            (t(27, 9, 30), FlightStatus::Boarding, Some("BD/NI/NI"), "lufthansa"),
            (t(27, 10, 15), FlightStatus::Departed, None, "lufthansa"),
        ],
        "{d}"
    );
    // The leg's callsign DLH400 (LH's ICAO code from the airlines table); the position has no
    // flight number of its own.
    assert_eq!(detail.position.as_ref().map(|p| p.icao24.as_str()), Some("3c6444"), "{d}");
    // Fifteen minutes later that position is too old.
    let later = w.flight_detail(&lh400().key, t(27, 10, 40)).await.unwrap().unwrap();
    assert_eq!(later.position, None, "{d}");

    // A replayed older observation moves a status's first time back, adding no row.
    load_flights(w, vec![with(boarding, |f| f.observed_at = t(27, 9, 0))]).await;
    let replayed = w.flight_detail(&lh400().key, now).await.unwrap().unwrap();
    let times: Vec<DateTime<Utc>> = replayed.status_history.iter().map(|s| s.observed_at).collect();
    assert_eq!(times, vec![t(27, 8, 0), t(27, 9, 0), t(27, 10, 15)], "{d}");

    let other = FlightKey { number: "499".into(), ..lh400().key };
    assert_eq!(w.flight_detail(&other, now).await.unwrap(), None, "{d}");
}

async fn map_positions(w: &dyn Warehouse) {
    load_fixture(w).await;
    let d = w.describe();
    let rows = w.map_positions(t(27, 14, 40), Duration::hours(6)).await.unwrap();
    let got: Vec<(&str, Option<FlightStatus>)> = rows.iter().map(|r| (r.position.icao24.as_str(), r.status)).collect();
    assert_eq!(
        got,
        vec![
            // By callsign only: the map matches by flight number.
            ("3c6444", None),
            ("3c6555", Some(FlightStatus::Departed)),
            // LH600 of the 27th (1 hour away), not of the 26th (17.5 hours away): one row.
            ("3c6666", Some(FlightStatus::Departed)),
            ("4b1234", Some(FlightStatus::Departed)),
            ("a00001", None),
            ("a00002", None),
        ],
        "{d}"
    );
    // What the map shows of a position comes as loaded; what it does not show is left out.
    let loaded = positions()[2].clone();
    let shown = Position {
        registration: None,
        aircraft_type: None,
        vertical_rate_ms: None,
        squawk: None,
        lake_key: String::new(),
        ..loaded.clone()
    };
    assert_eq!(rows[2].position, shown, "{d}: the position as loaded, less what the map does not show");
    assert!(!loaded.lake_key.is_empty(), "the fixture has what is left out");
    let fresh = w.map_positions(t(27, 14, 40), Duration::hours(1)).await.unwrap();
    assert_eq!(fresh.iter().map(|r| r.position.icao24.as_str()).collect::<Vec<_>>(), ["4b1234"], "{d}");

    // Seen at 20:00 the LH600 of the 26th is out of reach (and the 27th's is nearer anyway).
    let late = position("3c6666", Some("DLH600"), Some("LH600"), t(27, 20, 0));
    w.load(&LoadBatch { positions: vec![late], ..LoadBatch::default() }).await.unwrap();
    let rows = w.map_positions(t(27, 20, 5), Duration::minutes(15)).await.unwrap();
    assert_eq!(rows.len(), 1, "{d}");
    assert_eq!(rows[0].status, Some(FlightStatus::Departed), "{d}");
    // Seen on the 26th at 18:00 it is the 26th's leg.
    let early = position("3c6777", Some("DLH600"), Some("LH600"), t(26, 18, 0));
    w.load(&LoadBatch { positions: vec![early], ..LoadBatch::default() }).await.unwrap();
    let rows = w.map_positions(t(26, 18, 5), Duration::minutes(15)).await.unwrap();
    let early = rows.iter().find(|r| r.position.icao24 == "3c6777").unwrap();
    assert_eq!(early.status, Some(FlightStatus::Landed), "{d}");
}

async fn trail(w: &dyn Warehouse) {
    load_fixture(w).await;
    let track: Vec<Position> = (0..4)
        .map(|i| {
            let mut p = position("3c6666", Some("DLH600"), Some("LH600"), t(27, 10, 0) + Duration::minutes(5 * i));
            p.lon = [8.0, 8.1, 8.2, 8.3][i as usize];
            p
        })
        .rev()
        .collect();
    w.load(&LoadBatch { positions: track, ..LoadBatch::default() }).await.unwrap();
    let d = w.describe();
    let trail = w.position_trail("3c6666", t(27, 10, 5)).await.unwrap();
    let got: Vec<(DateTime<Utc>, f64)> = trail.iter().map(|p| (p.observed_at, p.lon)).collect();
    assert_eq!(
        got,
        vec![(t(27, 10, 5), 8.1), (t(27, 10, 10), 8.2), (t(27, 10, 15), 8.3), (t(27, 11, 0), 8.6)],
        "{d}: oldest first, from `since` on"
    );
    assert!(trail.iter().all(|p| p.icao24 == "3c6666" && p.source == "airlabs"), "{d}");
    assert!(w.position_trail("ffffff", t(27, 0, 0)).await.unwrap().is_empty(), "{d}");

    // At most 500 points: the newest.
    let many: Vec<Position> =
        (0..600).map(|i| position("abcdef", None, None, t(20, 0, 0) + Duration::minutes(i))).collect();
    w.load(&LoadBatch { positions: many, ..LoadBatch::default() }).await.unwrap();
    let trail = w.position_trail("abcdef", t(1, 0, 0)).await.unwrap();
    assert_eq!(trail.len(), 500, "{d}");
    assert_eq!(trail[0].observed_at, t(20, 0, 0) + Duration::minutes(100), "{d}");
    assert_eq!(trail[499].observed_at, t(20, 0, 0) + Duration::minutes(599), "{d}");
}

async fn search_flights(w: &dyn Warehouse) {
    load_fixture(w).await;
    let d = w.describe();
    let now = t(27, 10, 30);
    // LH400 (0.5 h away), LH402 (1.5 h), LH401 (12.5 h), LH403 (20 h).
    let all = ["LH400/27", "LH402/27", "LH401/26", "LH403/26"];
    assert_eq!(numbers(&w.find_flights("LH4", now, 10).await.unwrap()), all, "{d}");
    assert_eq!(numbers(&w.find_flights("lh 4", now, 2).await.unwrap()), all[..2], "{d}: case, spaces, limit");
    // The ICAO callsign form, through the airlines table.
    assert_eq!(numbers(&w.find_flights("dlh40", now, 10).await.unwrap()), all, "{d}");
    assert_eq!(numbers(&w.find_flights("DLH6", now, 10).await.unwrap()), ["LH600/27", "LH600/26"], "{d}");
    assert!(w.find_flights("UAL4", now, 10).await.unwrap().is_empty(), "{d}");
    // An alphanumeric callsign, through the position's flight number.
    let by_callsign = w.find_flights("dlh8m", now, 10).await.unwrap();
    assert_eq!(numbers(&by_callsign), ["LH500/27"], "{d}");
    assert_eq!(by_callsign[0].destination, "LHR", "{d}");
    assert_eq!(by_callsign[0].sched_dep, t(27, 14, 0), "{d}");
    assert_eq!(by_callsign[0].status, FlightStatus::Departed, "{d}");
    // Matched three ways (designator range, ICAO callsign, a position's callsign): one row.
    assert_eq!(numbers(&w.find_flights("DLH402", now, 10).await.unwrap()), ["LH402/27"], "{d}");
    // Nearest to `now`: the other day's LH600 first late on the 26th.
    assert_eq!(numbers(&w.find_flights("LH60", t(26, 18, 0), 10).await.unwrap()), ["LH600/26", "LH600/27"], "{d}");
    for hostile in ["%' OR 1=1 --", "%", "_", "LH_", "L%", "'; DROP TABLE flights; --", "!", "\\"] {
        assert!(w.find_flights(hostile, now, 10).await.unwrap().is_empty(), "{d}: {hostile:?}");
    }
    assert!(w.find_flights("", now, 10).await.unwrap().is_empty());
    assert!(w.find_flights("LH4", now, 0).await.unwrap().is_empty());
    assert_eq!(w.count(Table::Flights).await.unwrap(), flights().len() as i64, "{d}");
}

async fn search_airports(w: &dyn Warehouse) {
    load_fixture(w).await;
    let d = w.describe();
    let codes = |a: Vec<Airport>| a.into_iter().map(|a| a.code().to_string()).collect::<Vec<_>>();
    assert_eq!(codes(w.find_airports("MUC", 10).await.unwrap()), ["MUC"], "{d}");
    assert_eq!(codes(w.find_airports("muc", 10).await.unwrap()), ["MUC"], "{d}");
    assert_eq!(codes(w.find_airports("EDDM", 10).await.unwrap()), ["MUC"], "{d}");
    assert_eq!(codes(w.find_airports("eddm", 10).await.unwrap()), ["MUC"], "{d}");
    // City prefix first, then a name containing it.
    assert_eq!(codes(w.find_airports("Munich", 10).await.unwrap()), ["MUC", "FMM"], "{d}");
    assert_eq!(codes(w.find_airports("munich", 10).await.unwrap()), ["MUC", "FMM"], "{d}");
    assert_eq!(codes(w.find_airports("MUNICH", 1).await.unwrap()), ["MUC"], "{d}");
    // Code prefixes (airports with departures first, then by IATA), then a name containing the
    // text (Kennedy).
    assert_eq!(codes(w.find_airports("ED", 10).await.unwrap()), ["FRA", "MUC", "FMM", "JFK"], "{d}");
    assert_eq!(codes(w.find_airports("lhr", 10).await.unwrap()), ["LHR"], "{d}");
    assert_eq!(codes(w.find_airports("frankfurt", 10).await.unwrap()), ["FRA"], "{d}");
    assert_eq!(codes(w.find_airports("heathrow", 10).await.unwrap()), ["LHR"], "{d}");
    let muc = w.find_airports("MUC", 10).await.unwrap().remove(0);
    assert_eq!(Some(muc), w.airport("MUC").await.unwrap(), "{d}");
    for hostile in ["%' OR 1=1 --", "%", "_", "' OR ''='", "!"] {
        assert!(w.find_airports(hostile, 10).await.unwrap().is_empty(), "{d}: {hostile:?}");
    }
    assert!(w.find_airports("  ", 10).await.unwrap().is_empty());
}

async fn flight_for_position(w: &dyn Warehouse) {
    load_fixture(w).await;
    let d = w.describe();
    let key = |number: &str, origin: &str, day: u32| FlightKey {
        carrier: "LH".into(),
        number: number.into(),
        origin: origin.into(),
        dep_local_date: date(day),
    };
    let find = async |p: Position| w.flight_for_position(&p).await.unwrap();
    // By the flight number: the nearest of two days' legs.
    assert_eq!(find(positions()[2].clone()).await, Some(key("600", "MUC", 27)), "{d}");
    assert_eq!(find(position("x", None, Some("LH600"), t(26, 18, 0))).await, Some(key("600", "MUC", 26)), "{d}");
    // By an all-digit ICAO callsign (leading zeros dropped) through the airlines table.
    assert_eq!(find(positions()[0].clone()).await, Some(key("400", "FRA", 27)), "{d}");
    assert_eq!(find(position("x", Some("DLH0402"), None, t(27, 12, 10))).await, Some(key("402", "FRA", 27)), "{d}");
    // A flight number without a leg falls back to the callsign.
    assert_eq!(find(position("x", Some("DLH402"), Some("LH9"), t(27, 12, 10))).await, Some(key("402", "FRA", 27)));
    // Out of the window (−18 h…+6 h of the observation).
    assert_eq!(find(position("x", None, Some("LH402"), t(27, 5, 59))).await, None, "{d}");
    assert_eq!(find(position("x", None, Some("LH402"), t(27, 6, 0))).await, Some(key("402", "FRA", 27)), "{d}");
    assert_eq!(find(position("x", None, Some("LH402"), t(28, 6, 1))).await, None, "{d}");
    // An alphanumeric callsign names no flight; an aircraft alone never does.
    assert_eq!(find(position("x", Some("DLH8MN"), None, t(27, 14, 30))).await, None, "{d}");
    let mut by_aircraft = position("x", None, None, t(27, 10, 20));
    by_aircraft.registration = Some("D-AIXB".into());
    assert_eq!(find(by_aircraft).await, None, "{d}");
    assert_eq!(find(position("x", Some("UAL1"), Some("UA1"), t(27, 11, 0))).await, None, "{d}");
}

/// A board of a local day holds what the day's statistics count, gone and cancelled legs
/// included; a route board only the legs between the two.
async fn day_and_route_boards(w: &dyn Warehouse) {
    use pipeline::model::BoardKind::{Arrivals, Departures};
    use pipeline::warehouse::BoardWindow;
    load_fixture(w).await;
    let d = w.describe();
    let tz = chrono_tz::Europe::Berlin;
    for day in [26, 27, 28] {
        let stats = w.airport_stats("FRA", date(day)).await.unwrap().unwrap();
        let board = w.board("FRA", Departures, BoardWindow::local_day(tz, date(day))).await.unwrap().unwrap();
        assert_eq!(board.rows.len() as u32, stats.departures, "{d}: departures on the {day}th");
        let cancelled = board.rows.iter().filter(|r| r.status == FlightStatus::Cancelled).count();
        assert_eq!(cancelled, usize::from(day == 27), "{d}: LH120 on the 27th");
    }
    let [by_departure, by_arrival] =
        w.route("FRA", "JFK", BoardWindow::local_day(tz, date(27))).await.unwrap().unwrap();
    assert_eq!((by_departure.kind, by_arrival.kind), (Departures, Arrivals), "{d}");
    assert_eq!((by_departure.airport.code(), by_arrival.airport.code()), ("FRA", "JFK"), "{d}");
    assert_eq!(by_departure.rows.len(), 2, "{d}: the two FRA→JFK legs of the 27th");
    assert!(by_departure.rows.iter().all(|r| r.other_airport == "JFK" && r.key.origin == "FRA"), "{d}");
    assert!(by_arrival.rows.is_empty(), "{d}: neither has a scheduled arrival, and none is made up");
    // The way back on the 26th in New York: both by departure, and by arrival in that order.
    let ny = chrono_tz::America::New_York;
    let [by_departure, by_arrival] =
        w.route("JFK", "FRA", BoardWindow::local_day(ny, date(26))).await.unwrap().unwrap();
    let numbers = |b: &pipeline::model::Board| b.rows.iter().map(|r| r.key.number.clone()).collect::<Vec<_>>();
    assert_eq!(
        (numbers(&by_departure), numbers(&by_arrival)),
        (vec!["403".to_string(), "401".into()], vec!["403".to_string(), "401".into()]),
        "{d}"
    );
    assert_eq!(by_arrival.rows[1].scheduled, t(27, 6, 0), "{d}: LH401 arrives on the 27th");
    assert!(by_arrival.rows.iter().all(|r| r.other_airport == "JFK"), "{d}: arrivals name the origin");
    assert_eq!(w.route("FRA", "XXX", BoardWindow::local_day(tz, date(27))).await.unwrap(), None, "{d}");
}

on_both_backends!(
    airport_day,
    day_and_route_boards,
    flight_detail,
    map_positions,
    trail,
    search_flights,
    search_airports,
    flight_for_position
);
