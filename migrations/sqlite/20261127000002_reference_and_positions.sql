-- Reference tables beyond airports/airlines, and aircraft positions.

CREATE TABLE countries (
    code TEXT PRIMARY KEY NOT NULL,   -- ISO 3166-1 alpha-2
    name TEXT NOT NULL
);

CREATE TABLE cities (
    code    TEXT PRIMARY KEY NOT NULL, -- IATA city code
    name    TEXT NOT NULL,
    country TEXT
);

CREATE TABLE aircraft (
    code TEXT PRIMARY KEY NOT NULL,   -- IATA aircraft type code
    icao TEXT,
    name TEXT NOT NULL
);

-- The latest position of each aircraft (by ICAO 24-bit address).
CREATE TABLE positions (
    icao24          TEXT PRIMARY KEY NOT NULL,
    callsign        TEXT,
    registration    TEXT,
    lat             REAL NOT NULL,
    lon             REAL NOT NULL,
    altitude_m      REAL,
    ground_speed_kmh REAL,
    heading         REAL,
    vertical_rate   REAL,
    on_ground       INTEGER,
    squawk          TEXT,
    source          TEXT NOT NULL,
    observed_at     TEXT NOT NULL,
    lake_key        TEXT NOT NULL
);
CREATE INDEX positions_callsign ON positions (callsign);

CREATE TABLE position_history (
    icao24           TEXT NOT NULL,
    observed_at      TEXT NOT NULL,
    lat              REAL NOT NULL,
    lon              REAL NOT NULL,
    altitude_m       REAL,
    ground_speed_kmh REAL,
    heading          REAL,
    source           TEXT NOT NULL,
    PRIMARY KEY (icao24, observed_at)
);

-- One fetch run per lake object: replaying a batch updates its run instead of adding one.
CREATE UNIQUE INDEX pipeline_runs_batch ON pipeline_runs (lake_key, stage);
