-- Airports and airlines with an ICAO code only (airfields on the map; cargo, business-jet,
-- military operators behind callsigns) are kept: both tables are keyed by `code`, the IATA code
-- when there is one, else the ICAO code (3 and 4 characters for places, 2 and 3 for airlines:
-- they never collide). `iata` is NULL where there is none; boards and legs join on it.
CREATE TABLE airports_by_code (
    code         TEXT PRIMARY KEY NOT NULL,
    iata         TEXT,
    icao         TEXT,
    name         TEXT NOT NULL,
    city         TEXT,
    country      TEXT NOT NULL,
    lat          REAL NOT NULL,
    lon          REAL NOT NULL,
    tz           TEXT NOT NULL,
    elevation_ft REAL
);
INSERT INTO airports_by_code (code, iata, icao, name, city, country, lat, lon, tz, elevation_ft)
    SELECT iata, iata, icao, name, city, country, lat, lon, tz, elevation_ft FROM airports;
DROP TABLE airports;
ALTER TABLE airports_by_code RENAME TO airports;
CREATE INDEX airports_iata ON airports (iata);
CREATE INDEX airports_icao ON airports (icao);

CREATE TABLE airlines_by_code (
    code     TEXT PRIMARY KEY NOT NULL,
    iata     TEXT,
    icao     TEXT,
    name     TEXT NOT NULL,
    callsign TEXT,
    country  TEXT,
    active   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO airlines_by_code (code, iata, icao, name, callsign, country, active)
    SELECT iata, iata, icao, name, callsign, country, active FROM airlines;
DROP TABLE airlines;
ALTER TABLE airlines_by_code RENAME TO airlines;
CREATE INDEX airlines_iata ON airlines (iata);
CREATE INDEX airlines_icao ON airlines (icao);

-- Which edition of the shipped reference data the warehouse was seeded with: a new edition (the
-- served city names, rail stations) is upserted once, over the old one.
CREATE TABLE reference_seed (
    name    TEXT PRIMARY KEY NOT NULL,
    edition TEXT NOT NULL
);
