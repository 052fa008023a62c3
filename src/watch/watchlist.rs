//! The watchlist: the legs a user watches, kept as `watchlist.json` in the data directory so
//! it survives restarts. Written whole to a temporary file, synced and renamed over the old
//! one, so a crash leaves the old list or the new one, never half of either.

use chrono::NaiveDate;
use pipeline::model::FlightKey;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

const FILE: &str = "watchlist.json";

/// One watched leg as the file keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WatchedLeg {
    carrier: String,
    number: String,
    origin: String,
    /// The local departure date at the origin.
    date: NaiveDate,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WatchlistFile {
    flights: Vec<WatchedLeg>,
}

/// The watched legs and where they are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watchlist {
    path: PathBuf,
    pub flights: Vec<FlightKey>,
}

impl Watchlist {
    /// The list in `data_dir`; empty when there is no file yet.
    pub fn load(data_dir: &Path) -> Result<Self, String> {
        let path = data_dir.join(FILE);
        let flights = match std::fs::read(&path) {
            Ok(bytes) => {
                let file: WatchlistFile =
                    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
                file.flights
                    .into_iter()
                    .map(|l| FlightKey {
                        carrier: l.carrier,
                        number: l.number,
                        origin: l.origin,
                        dep_local_date: l.date,
                    })
                    .collect()
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        Ok(Self { path, flights })
    }

    /// The list in `data_dir`, or an empty one and what was wrong with the file (the front end
    /// says so and starts with no watched flights rather than not at all).
    pub fn load_or_empty(data_dir: &Path) -> (Self, Option<String>) {
        match Self::load(data_dir) {
            Ok(list) => (list, None),
            Err(e) => {
                tracing::warn!("the watchlist could not be read: {e}");
                (Self::empty_in(data_dir), Some(format!("watchlist unreadable, starting empty: {e}")))
            }
        }
    }

    /// An empty list kept in `data_dir` (after a file that could not be read).
    pub fn empty_in(data_dir: &Path) -> Self {
        Self { path: data_dir.join(FILE), flights: Vec::new() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the list (atomically: a temporary file, synced, renamed over the old one).
    pub fn save(&self) -> std::io::Result<()> {
        let file = WatchlistFile {
            flights: self
                .flights
                .iter()
                .map(|k| WatchedLeg {
                    carrier: k.carrier.clone(),
                    number: k.number.clone(),
                    origin: k.origin.clone(),
                    date: k.dep_local_date,
                })
                .collect(),
        };
        let text = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        let mut out = std::fs::File::create(&tmp)?;
        out.write_all(&text)?;
        out.write_all(b"\n")?;
        out.sync_all()?;
        std::fs::rename(&tmp, &self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_list_loads_again_and_a_broken_file_says_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Watchlist::load(dir.path()).unwrap().flights.is_empty(), "no file yet: an empty list");
        let mut list = Watchlist::empty_in(dir.path());
        list.flights.push(FlightKey {
            carrier: "LH".into(),
            number: "400".into(),
            origin: "FRA".into(),
            dep_local_date: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        });
        list.save().unwrap();
        assert_eq!(Watchlist::load(dir.path()).unwrap(), list);
        std::fs::write(list.path(), "{\"flights\": 3}").unwrap();
        let err = Watchlist::load(dir.path()).unwrap_err();
        assert!(err.contains("watchlist.json") && err.contains("invalid type"), "{err}");
    }
}
