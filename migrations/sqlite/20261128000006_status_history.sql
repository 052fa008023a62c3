-- The first time the warehouse saw each leg in each status (per source and source status code):
-- the flight detail page's status history. A missing source status is stored as '' so that it
-- takes part in the primary key.
CREATE TABLE flight_status_history (
    carrier        TEXT NOT NULL,
    flight_number  TEXT NOT NULL,
    origin         TEXT NOT NULL,
    dep_local_date TEXT NOT NULL,
    status         TEXT NOT NULL,
    source_status  TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL,
    observed_at    TEXT NOT NULL,
    PRIMARY KEY (dep_local_date, carrier, flight_number, origin, status, source_status, source)
) WITHOUT ROWID;
