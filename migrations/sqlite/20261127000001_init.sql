-- skyboard warehouse, SQLite dialect. Every time is UTC, stored as RFC 3339 text
-- (sortable); a date is YYYY-MM-DD. Missing values are NULL, never sentinels.

CREATE TABLE airports (
    iata         TEXT PRIMARY KEY NOT NULL,
    icao         TEXT,
    name         TEXT NOT NULL,
    city         TEXT,
    country      TEXT NOT NULL,
    lat          REAL NOT NULL,
    lon          REAL NOT NULL,
    tz           TEXT NOT NULL,
    elevation_ft REAL
);

CREATE TABLE airlines (
    iata     TEXT PRIMARY KEY NOT NULL,
    icao     TEXT,
    name     TEXT NOT NULL,
    callsign TEXT,
    country  TEXT,
    active   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX airlines_icao ON airlines (icao);

-- One row per flight leg: (operating carrier, flight number, origin, local departure date).
CREATE TABLE flights (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    carrier         TEXT NOT NULL,
    flight_number   TEXT NOT NULL,
    origin          TEXT NOT NULL,
    dep_local_date  TEXT NOT NULL,
    destination     TEXT NOT NULL,
    sched_dep_utc   TEXT NOT NULL,
    est_dep_utc     TEXT,
    act_dep_utc     TEXT,
    sched_arr_utc   TEXT,
    est_arr_utc     TEXT,
    act_arr_utc     TEXT,
    dep_terminal    TEXT,
    dep_gate        TEXT,
    arr_terminal    TEXT,
    arr_gate        TEXT,
    status          TEXT NOT NULL,
    source_status   TEXT,
    aircraft_type   TEXT,
    registration    TEXT,
    source          TEXT NOT NULL,
    observed_at     TEXT NOT NULL,
    lake_key        TEXT NOT NULL,
    UNIQUE (carrier, flight_number, origin, dep_local_date)
);
-- The boards: departures by origin and scheduled departure, arrivals by destination and arrival.
CREATE INDEX flights_departures ON flights (origin, sched_dep_utc);
CREATE INDEX flights_arrivals ON flights (destination, sched_arr_utc);
CREATE INDEX flights_observed ON flights (observed_at);

-- One row per batch the pipeline handled (a fetched page, a load).
CREATE TABLE pipeline_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    source      TEXT NOT NULL,
    endpoint    TEXT NOT NULL,
    stage       TEXT NOT NULL,
    lake_key    TEXT,
    records     INTEGER NOT NULL DEFAULT 0,
    rejects     INTEGER NOT NULL DEFAULT 0,
    loaded      INTEGER NOT NULL DEFAULT 0,
    ok          INTEGER NOT NULL,
    error       TEXT
);
CREATE INDEX pipeline_runs_source ON pipeline_runs (source, finished_at);

-- Records (or whole responses) that could not be loaded, and why.
CREATE TABLE rejects (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source      TEXT NOT NULL,
    endpoint    TEXT NOT NULL,
    lake_key    TEXT NOT NULL,
    ordinal     INTEGER NOT NULL,
    natural_key TEXT,
    reason      TEXT NOT NULL,
    rejected_at TEXT NOT NULL,
    UNIQUE (lake_key, ordinal)
);
