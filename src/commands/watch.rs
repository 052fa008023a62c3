//! `skyboard watch LH400 [--date D]`: follows one flight from the command line, for scripts
//! and cron. It runs the pipeline as the front end does (standing by when another instance
//! leads the warehouse, reading what that one writes), prints the flight once, then one line
//! per change of its status, a gate or its delay by 15 minutes or more, and exits when the
//! flight lands (0) or is cancelled (3); 1 if it never shows up, 130 on SIGINT or SIGTERM.

use crate::config::Config;
use crate::modes::{build_pipeline, shutdown_signal};
use crate::watch::changes::{Observed, changes, flight_name, status_word};
use chrono::{DateTime, NaiveDate, Utc};
use color_eyre::eyre::{Result, WrapErr};
use pipeline::clock::SharedClock;
use pipeline::model::{FlightDetail, FlightKey};
use pipeline::runner::{SchedulerSettings, ServiceSettings, run_led};
use pipeline::warehouse::Warehouse;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

/// Exit status of a cancelled flight.
pub const CANCELLED: u8 = 3;
/// How often the warehouse is read for the flight.
const POLL: Duration = Duration::from_millis(500);

/// `LH400`, `lh 400`, `LH0400`, `4U 123A`: the carrier's two-character IATA code and the
/// number (leading zeros dropped, an operational suffix letter kept).
pub fn parse_flight(text: &str) -> Option<(String, String)> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if compact.len() < 3 || !compact.is_ascii() {
        return None;
    }
    let (carrier, rest) = compact.split_at(2);
    let digits = rest.trim_end_matches(|c: char| c.is_ascii_uppercase());
    let suffix = &rest[digits.len()..];
    let valid = carrier.chars().all(|c| c.is_ascii_alphanumeric())
        && carrier.chars().any(|c| c.is_ascii_uppercase())
        && !digits.is_empty()
        && digits.len() <= 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && suffix.len() <= 1;
    let number = digits.trim_start_matches('0');
    (valid && !number.is_empty()).then(|| (carrier.to_string(), format!("{number}{suffix}")))
}

pub async fn run(config: &Config, flight: &str, date: Option<NaiveDate>, wait: Duration) -> Result<ExitCode> {
    let Some((carrier, number)) = parse_flight(flight) else {
        eprintln!("skyboard: {flight:?} is not a flight number (e.g. LH400 or \"LH 400\")");
        return Ok(ExitCode::from(2));
    };
    let (_log_guard, _) = crate::logging::to_file(&config.data_dir, &config.log_level)
        .wrap_err_with(|| format!("cannot write logs under {}", config.data_dir.display()))?;
    let clock: SharedClock = config.demo.clock(config.sources);
    let built = build_pipeline(config, clock.clone()).await?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let interval = built.pipeline.settings().interval;
    let settings = ServiceSettings {
        scheduler: SchedulerSettings { clean_interval: interval.min(Duration::from_secs(2)), ..Default::default() },
        lock_poll: (interval / 3).clamp(Duration::from_millis(200), Duration::from_secs(5)),
    };
    let worker = tokio::spawn(run_led(built.pipeline.clone(), settings, stop_rx));
    let warehouse = built.stores.warehouse.clone();
    let outcome = tokio::select! {
        outcome = follow(warehouse.as_ref(), &clock, &carrier, &number, date, wait) => outcome,
        signal = shutdown_signal() => {
            tracing::info!("{signal}: no longer watching");
            Ok(ExitCode::from(130))
        }
    };
    let _ = stop_tx.send(true);
    if tokio::time::timeout(Duration::from_secs(10), worker).await.is_err() {
        tracing::warn!("the pipeline did not stop within 10 s");
    }
    built.close().await;
    outcome
}

/// Finds the leg, then prints its changes until it lands or is cancelled.
async fn follow(
    warehouse: &dyn Warehouse,
    clock: &SharedClock,
    carrier: &str,
    number: &str,
    date: Option<NaiveDate>,
    wait: Duration,
) -> Result<ExitCode> {
    let designator = format!("{carrier}{number}");
    let deadline = tokio::time::Instant::now() + wait;
    let key = loop {
        let hits = warehouse.find_flights(&designator, clock.now(), 100).await?;
        let found = hits
            .into_iter()
            .map(|h| h.key)
            .find(|k| k.carrier == carrier && k.number == number && date.is_none_or(|d| k.dep_local_date == d));
        if let Some(key) = found {
            break key;
        }
        if tokio::time::Instant::now() >= deadline {
            let on = date.map(|d| format!(" on {d}")).unwrap_or_default();
            eprintln!("skyboard: no flight {carrier} {number}{on} is known after {} s of fetching", wait.as_secs());
            return Ok(ExitCode::FAILURE);
        }
        tokio::time::sleep(POLL).await;
    };
    let mut told: Option<Observed> = None;
    loop {
        let now = clock.now();
        if let Some(detail) = warehouse.flight_detail(&key, now).await? {
            let observed = Observed::of(&detail.leg);
            let lines = match &told {
                None => vec![describe(&key, &detail)],
                Some(before) => {
                    let (news, after) = changes(before, &observed);
                    told = Some(after);
                    news.iter().map(|c| c.text()).collect()
                }
            };
            if told.is_none() {
                told = Some(observed);
            }
            for line in lines {
                if !say(now, &key, &line) {
                    // The reader went away (`| head -1`): nothing left to do, quietly.
                    return Ok(ExitCode::SUCCESS);
                }
            }
            if detail.leg.status == pipeline::model::FlightStatus::Cancelled {
                return Ok(ExitCode::from(CANCELLED));
            }
            if Observed::landed(&detail.leg) {
                if let Some(at) = detail.leg.act_arr {
                    say(now, &key, &format!("landed at {} UTC", at.format("%H:%M")));
                }
                return Ok(ExitCode::SUCCESS);
            }
        }
        tokio::time::sleep(POLL).await;
    }
}

/// `2026-12-02 09:41 UTC  LH 400  Boarding`: one line; false when stdout is gone.
fn say(now: DateTime<Utc>, key: &FlightKey, text: &str) -> bool {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}  {}  {text}", now.format("%Y-%m-%d %H:%M UTC"), flight_name(key))
        .and_then(|()| out.flush())
        .is_ok()
}

/// The first line: `FRA → JFK Wed 02 Dec, Scheduled, departs 09:55 (+5 min), gate B44`.
fn describe(key: &FlightKey, d: &FlightDetail) -> String {
    let leg = &d.leg;
    let tz = d.origin.as_ref().map_or(chrono_tz::UTC, |a| a.tz);
    let expected = leg.act_dep.or(leg.est_dep).unwrap_or(leg.sched_dep);
    let delay = (expected - leg.sched_dep).num_minutes();
    let departs = if leg.status == pipeline::model::FlightStatus::Cancelled { "was to depart" } else { "departs" };
    let mut text = format!(
        "{} → {} {}, {}, {departs} {} {}",
        key.origin,
        leg.destination,
        key.dep_local_date.format("%a %d %b"),
        status_word(leg.status),
        expected.with_timezone(&tz).format("%H:%M"),
        expected.with_timezone(&tz).format("%Z"),
    );
    if delay != 0 {
        text.push_str(&format!(" ({delay:+} min)"));
    }
    if let Some(gate) = &leg.dep_gate {
        text.push_str(&format!(", gate {gate}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flight_numbers_as_people_write_them() {
        let f = |c: &str, n: &str| Some((c.to_string(), n.to_string()));
        assert_eq!(parse_flight("LH400"), f("LH", "400"));
        assert_eq!(parse_flight("lh 0400"), f("LH", "400"));
        assert_eq!(parse_flight("4U 123A"), f("4U", "123A"));
        for bad in ["", "LH", "LH0", "400", "LH12345", "LH 40AB", "FRA", "Lufthansa", "L€400"] {
            assert_eq!(parse_flight(bad), None, "{bad}");
        }
    }
}
