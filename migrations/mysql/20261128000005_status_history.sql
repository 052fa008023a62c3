-- The first time the warehouse saw each leg in each status (per source and source status code):
-- the flight detail page's status history. A missing source status is stored as '' so that it
-- takes part in the primary key.
CREATE TABLE flight_status_history (
    carrier        VARCHAR(3)  NOT NULL,
    flight_number  VARCHAR(8)  NOT NULL,
    origin         CHAR(3)     NOT NULL,
    dep_local_date DATE        NOT NULL,
    status         VARCHAR(16) NOT NULL,
    source_status  VARCHAR(64) NOT NULL DEFAULT '',
    source         VARCHAR(16) NOT NULL,
    observed_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (dep_local_date, carrier, flight_number, origin, status, source_status, source)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
