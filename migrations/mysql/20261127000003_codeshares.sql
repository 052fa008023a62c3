-- Marketing flight numbers of a leg: the leg is stored once, under its operating carrier.
CREATE TABLE flight_codeshares (
    carrier        VARCHAR(3)  NOT NULL,
    flight_number  VARCHAR(8)  NOT NULL,
    origin         CHAR(3)     NOT NULL,
    dep_local_date DATE        NOT NULL,
    mkt_carrier    VARCHAR(3)  NOT NULL,
    mkt_number     VARCHAR(8)  NOT NULL,
    source         VARCHAR(16) NOT NULL,
    PRIMARY KEY (carrier, flight_number, origin, dep_local_date, mkt_carrier, mkt_number),
    KEY flight_codeshares_marketing (mkt_carrier, mkt_number, dep_local_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
