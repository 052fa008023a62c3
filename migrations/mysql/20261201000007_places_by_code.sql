-- Airports and airlines with an ICAO code only (airfields on the map; cargo, business-jet,
-- military operators behind callsigns) are kept: both tables are keyed by `code`, the IATA code
-- when there is one, else the ICAO code (3 and 4 characters for places, 2 and 3 for airlines:
-- they never collide). `iata` is NULL where there is none; boards and legs join on it.
ALTER TABLE airports ADD COLUMN code VARCHAR(8) NULL FIRST;
UPDATE airports SET code = iata;
ALTER TABLE airports
    DROP PRIMARY KEY,
    MODIFY code VARCHAR(8) NOT NULL,
    MODIFY iata CHAR(3) NULL,
    ADD PRIMARY KEY (code),
    ADD KEY airports_iata (iata),
    ADD KEY airports_icao (icao);

ALTER TABLE airlines ADD COLUMN code VARCHAR(4) NULL FIRST;
UPDATE airlines SET code = iata;
ALTER TABLE airlines
    DROP PRIMARY KEY,
    MODIFY code VARCHAR(4) NOT NULL,
    MODIFY iata VARCHAR(3) NULL,
    ADD PRIMARY KEY (code),
    ADD KEY airlines_iata (iata);

-- Which edition of the shipped reference data the warehouse was seeded with: a new edition (the
-- served city names, rail stations) is upserted once, over the old one.
CREATE TABLE reference_seed (
    name    VARCHAR(64)  NOT NULL PRIMARY KEY,
    edition VARCHAR(128) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
