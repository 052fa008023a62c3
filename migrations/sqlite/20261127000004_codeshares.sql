-- Marketing flight numbers of a leg: the leg is stored once, under its operating carrier.
CREATE TABLE flight_codeshares (
    carrier        TEXT NOT NULL,
    flight_number  TEXT NOT NULL,
    origin         TEXT NOT NULL,
    dep_local_date TEXT NOT NULL,
    mkt_carrier    TEXT NOT NULL,
    mkt_number     TEXT NOT NULL,
    source         TEXT NOT NULL,
    PRIMARY KEY (carrier, flight_number, origin, dep_local_date, mkt_carrier, mkt_number)
);
CREATE INDEX flight_codeshares_marketing ON flight_codeshares (mkt_carrier, mkt_number, dep_local_date);
