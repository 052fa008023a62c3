//! Binding rows to and decoding rows from the statements of `sql.rs`, in its column orders —
//! macros, because sqlx's generic bounds over two databases are longer than the code.

/// Binds one flight in `FLIGHT_KEY` + `FLIGHT_COLUMNS` order.
macro_rules! bind_flight {
    ($b:expr, $f:expr) => {{
        let f = $f;
        $b.push_bind(f.key.carrier.clone())
            .push_bind(f.key.number.clone())
            .push_bind(f.key.origin.clone())
            .push_bind(f.key.dep_local_date)
            .push_bind(f.destination.clone())
            .push_bind(f.sched_dep)
            .push_bind(f.est_dep)
            .push_bind(f.act_dep)
            .push_bind(f.sched_arr)
            .push_bind(f.est_arr)
            .push_bind(f.act_arr)
            .push_bind(f.dep_terminal.clone())
            .push_bind(f.dep_gate.clone())
            .push_bind(f.arr_terminal.clone())
            .push_bind(f.arr_gate.clone())
            .push_bind(f.status.as_str())
            .push_bind(f.source_status.clone())
            .push_bind(f.aircraft_type.clone())
            .push_bind(f.registration.clone())
            .push_bind(f.source.clone())
            .push_bind(f.lake_key.clone())
            .push_bind(f.observed_at);
    }};
}

macro_rules! bind_airport {
    ($b:expr, $a:expr) => {{
        let a = $a;
        $b.push_bind(a.code().to_string())
            .push_bind(a.iata.clone())
            .push_bind(a.icao.clone())
            .push_bind(a.name.clone())
            .push_bind(a.city.clone())
            .push_bind(a.country.clone())
            .push_bind(a.lat)
            .push_bind(a.lon)
            .push_bind(a.tz.name())
            .push_bind(a.elevation_ft);
    }};
}

macro_rules! bind_airline {
    ($b:expr, $a:expr) => {{
        let a = $a;
        $b.push_bind(a.code().to_string())
            .push_bind(a.iata.clone())
            .push_bind(a.icao.clone())
            .push_bind(a.name.clone())
            .push_bind(a.callsign.clone())
            .push_bind(a.country.clone())
            .push_bind(a.active);
    }};
}

macro_rules! bind_run {
    ($b:expr, $r:expr) => {{
        let r = $r;
        $b.push_bind(r.started_at)
            .push_bind(r.finished_at)
            .push_bind(r.source.clone())
            .push_bind(r.endpoint.clone())
            .push_bind(r.stage.clone())
            .push_bind(r.lake_key.clone())
            .push_bind(r.records)
            .push_bind(r.rejects)
            .push_bind(r.loaded)
            .push_bind(r.error.is_none())
            .push_bind(r.error.clone())
            .push_bind(r.instance.clone())
            .push_bind(r.key.clone());
    }};
}

macro_rules! bind_reject {
    ($b:expr, $r:expr) => {{
        let r = $r;
        $b.push_bind(r.source.clone())
            .push_bind(r.endpoint.clone())
            .push_bind(r.lake_key.clone())
            .push_bind(r.ordinal)
            .push_bind(r.natural_key.clone())
            .push_bind(r.reason.clone())
            .push_bind(r.rejected_at);
    }};
}

macro_rules! bind_position {
    ($b:expr, $p:expr) => {{
        let p = $p;
        $b.push_bind(p.icao24.clone())
            .push_bind(p.callsign.clone())
            .push_bind(p.flight_iata.clone())
            .push_bind(p.registration.clone())
            .push_bind(p.aircraft_type.clone())
            .push_bind(p.origin.clone())
            .push_bind(p.destination.clone())
            .push_bind(p.lat)
            .push_bind(p.lon)
            .push_bind(p.altitude_m)
            .push_bind(p.ground_speed_kmh)
            .push_bind(p.heading)
            .push_bind(p.vertical_rate_ms)
            .push_bind(p.on_ground)
            .push_bind(p.squawk.clone())
            .push_bind(p.source.clone())
            .push_bind(p.lake_key.clone())
            .push_bind(p.observed_at);
    }};
}

macro_rules! bind_codeshare {
    ($b:expr, $c:expr) => {{
        let c = $c;
        $b.push_bind(c.leg.carrier.clone())
            .push_bind(c.leg.number.clone())
            .push_bind(c.leg.origin.clone())
            .push_bind(c.leg.dep_local_date)
            .push_bind(c.mkt_carrier.clone())
            .push_bind(c.mkt_number.clone())
            .push_bind(c.source.clone());
    }};
}

macro_rules! bind_history {
    ($b:expr, $p:expr) => {{
        let p = $p;
        $b.push_bind(p.icao24.clone())
            .push_bind(p.observed_at)
            .push_bind(p.lat)
            .push_bind(p.lon)
            .push_bind(p.altitude_m)
            .push_bind(p.ground_speed_kmh)
            .push_bind(p.heading)
            .push_bind(p.source.clone());
    }};
}

macro_rules! decode_position {
    ($r:expr, $err:expr) => {{
        let r = $r;
        crate::model::Position {
            icao24: r.try_get("icao24").map_err($err)?,
            callsign: crate::model::text::CleanText::cleaned(r.try_get("callsign").map_err($err)?),
            flight_iata: crate::model::text::CleanText::cleaned(r.try_get("flight_iata").map_err($err)?),
            registration: crate::model::text::CleanText::cleaned(r.try_get("registration").map_err($err)?),
            aircraft_type: crate::model::text::CleanText::cleaned(r.try_get("aircraft_type").map_err($err)?),
            origin: crate::model::text::CleanText::cleaned(r.try_get("origin").map_err($err)?),
            destination: crate::model::text::CleanText::cleaned(r.try_get("destination").map_err($err)?),
            lat: r.try_get("lat").map_err($err)?,
            lon: r.try_get("lon").map_err($err)?,
            altitude_m: r.try_get("altitude_m").map_err($err)?,
            ground_speed_kmh: r.try_get("ground_speed_kmh").map_err($err)?,
            heading: r.try_get("heading").map_err($err)?,
            vertical_rate_ms: r.try_get("vertical_rate").map_err($err)?,
            on_ground: r.try_get("on_ground").map_err($err)?,
            squawk: crate::model::text::CleanText::cleaned(r.try_get("squawk").map_err($err)?),
            source: crate::model::text::CleanText::cleaned(r.try_get("source").map_err($err)?),
            lake_key: r.try_get("lake_key").map_err($err)?,
            observed_at: r.try_get("observed_at").map_err($err)?,
        }
    }};
}

/// Decodes an airport row (`AIRPORT_SELECT` columns).
macro_rules! decode_airport {
    ($r:expr, $err:expr) => {{
        let r = $r;
        let tz: String = r.try_get("tz").map_err($err)?;
        crate::model::Airport {
            iata: crate::model::text::CleanText::cleaned(r.try_get("iata").map_err($err)?),
            icao: crate::model::text::CleanText::cleaned(r.try_get("icao").map_err($err)?),
            name: crate::model::text::CleanText::cleaned(r.try_get("name").map_err($err)?),
            city: crate::model::text::CleanText::cleaned(r.try_get("city").map_err($err)?),
            country: crate::model::text::CleanText::cleaned(r.try_get("country").map_err($err)?),
            lat: r.try_get("lat").map_err($err)?,
            lon: r.try_get("lon").map_err($err)?,
            tz: tz.parse().map_err(|_| $err(format!("unknown time zone {tz:?}")))?,
            elevation_ft: r.try_get("elevation_ft").map_err($err)?,
        }
    }};
}

macro_rules! decode_airline {
    ($r:expr, $err:expr) => {{
        let r = $r;
        crate::model::Airline {
            iata: crate::model::text::CleanText::cleaned(r.try_get("iata").map_err($err)?),
            icao: crate::model::text::CleanText::cleaned(r.try_get("icao").map_err($err)?),
            name: crate::model::text::CleanText::cleaned(r.try_get("name").map_err($err)?),
            callsign: crate::model::text::CleanText::cleaned(r.try_get("callsign").map_err($err)?),
            country: crate::model::text::CleanText::cleaned(r.try_get("country").map_err($err)?),
            active: r.try_get("active").map_err($err)?,
        }
    }};
}

macro_rules! decode_board_row {
    ($r:expr, $err:expr) => {{
        let r = $r;
        let status: String = r.try_get("status").map_err($err)?;
        crate::model::BoardRow {
            key: crate::model::FlightKey {
                carrier: crate::model::text::CleanText::cleaned(r.try_get("carrier").map_err($err)?),
                number: crate::model::text::CleanText::cleaned(r.try_get("flight_number").map_err($err)?),
                origin: crate::model::text::CleanText::cleaned(r.try_get("origin").map_err($err)?),
                dep_local_date: r.try_get("dep_local_date").map_err($err)?,
            },
            codeshares: Vec::new(),
            airline: crate::model::text::CleanText::cleaned(r.try_get("airline").map_err($err)?),
            other_airport: crate::model::text::CleanText::cleaned(r.try_get("other").map_err($err)?),
            other_city: crate::model::text::CleanText::cleaned(r.try_get("other_city").map_err($err)?),
            scheduled: r.try_get("scheduled").map_err($err)?,
            estimated: r.try_get("estimated").map_err($err)?,
            actual: r.try_get("actual").map_err($err)?,
            terminal: crate::model::text::CleanText::cleaned(r.try_get("terminal").map_err($err)?),
            gate: crate::model::text::CleanText::cleaned(r.try_get("gate").map_err($err)?),
            status: crate::model::FlightStatus::parse(&status),
        }
    }};
}

macro_rules! decode_flight {
    ($r:expr, $err:expr) => {{
        let r = $r;
        let status: String = r.try_get("status").map_err($err)?;
        crate::model::FlightLeg {
            key: crate::model::FlightKey {
                carrier: crate::model::text::CleanText::cleaned(r.try_get("carrier").map_err($err)?),
                number: crate::model::text::CleanText::cleaned(r.try_get("flight_number").map_err($err)?),
                origin: crate::model::text::CleanText::cleaned(r.try_get("origin").map_err($err)?),
                dep_local_date: r.try_get("dep_local_date").map_err($err)?,
            },
            destination: crate::model::text::CleanText::cleaned(r.try_get("destination").map_err($err)?),
            sched_dep: r.try_get("sched_dep_utc").map_err($err)?,
            est_dep: r.try_get("est_dep_utc").map_err($err)?,
            act_dep: r.try_get("act_dep_utc").map_err($err)?,
            sched_arr: r.try_get("sched_arr_utc").map_err($err)?,
            est_arr: r.try_get("est_arr_utc").map_err($err)?,
            act_arr: r.try_get("act_arr_utc").map_err($err)?,
            dep_terminal: crate::model::text::CleanText::cleaned(r.try_get("dep_terminal").map_err($err)?),
            dep_gate: crate::model::text::CleanText::cleaned(r.try_get("dep_gate").map_err($err)?),
            arr_terminal: crate::model::text::CleanText::cleaned(r.try_get("arr_terminal").map_err($err)?),
            arr_gate: crate::model::text::CleanText::cleaned(r.try_get("arr_gate").map_err($err)?),
            status: crate::model::FlightStatus::parse(&status),
            source_status: crate::model::text::CleanText::cleaned(r.try_get("source_status").map_err($err)?),
            aircraft_type: crate::model::text::CleanText::cleaned(r.try_get("aircraft_type").map_err($err)?),
            registration: crate::model::text::CleanText::cleaned(r.try_get("registration").map_err($err)?),
            source: crate::model::text::CleanText::cleaned(r.try_get("source").map_err($err)?),
            observed_at: r.try_get("observed_at").map_err($err)?,
            lake_key: r.try_get("lake_key").map_err($err)?,
        }
    }};
}

pub(crate) use {
    bind_airline, bind_airport, bind_codeshare, bind_flight, bind_history, bind_position, bind_reject, bind_run,
    decode_airline, decode_airport, decode_board_row, decode_flight, decode_position,
};
