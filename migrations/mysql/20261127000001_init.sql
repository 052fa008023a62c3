-- skyboard warehouse, MySQL 8 / MariaDB 10.6+ dialect. Every time is UTC (DATETIME(6));
-- missing values are NULL, never sentinels. Text is utf8mb4.

CREATE TABLE airports (
    iata         CHAR(3)      NOT NULL PRIMARY KEY,
    icao         VARCHAR(8),
    name         VARCHAR(255) NOT NULL,
    city         VARCHAR(255),
    country      VARCHAR(8)   NOT NULL,
    lat          DOUBLE       NOT NULL,
    lon          DOUBLE       NOT NULL,
    tz           VARCHAR(64)  NOT NULL,
    elevation_ft DOUBLE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE airlines (
    iata     VARCHAR(3)   NOT NULL PRIMARY KEY,
    icao     VARCHAR(4),
    name     VARCHAR(255) NOT NULL,
    callsign VARCHAR(255),
    country  VARCHAR(255),
    active   BOOLEAN      NOT NULL DEFAULT FALSE,
    KEY airlines_icao (icao)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per flight leg: (operating carrier, flight number, origin, local departure date).
CREATE TABLE flights (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    carrier         VARCHAR(3)   NOT NULL,
    flight_number   VARCHAR(8)   NOT NULL,
    origin          CHAR(3)      NOT NULL,
    dep_local_date  DATE         NOT NULL,
    destination     CHAR(3)      NOT NULL,
    sched_dep_utc   DATETIME(6)  NOT NULL,
    est_dep_utc     DATETIME(6),
    act_dep_utc     DATETIME(6),
    sched_arr_utc   DATETIME(6),
    est_arr_utc     DATETIME(6),
    act_arr_utc     DATETIME(6),
    dep_terminal    VARCHAR(64),
    dep_gate        VARCHAR(64),
    arr_terminal    VARCHAR(64),
    arr_gate        VARCHAR(64),
    status          VARCHAR(16)  NOT NULL,
    source_status   VARCHAR(64),
    aircraft_type   VARCHAR(16),
    registration    VARCHAR(32),
    source          VARCHAR(16)  NOT NULL,
    lake_key        VARCHAR(512) NOT NULL,
    observed_at     DATETIME(6)  NOT NULL,
    UNIQUE KEY flights_leg (carrier, flight_number, origin, dep_local_date),
    KEY flights_departures (origin, sched_dep_utc),
    KEY flights_arrivals (destination, sched_arr_utc),
    KEY flights_observed (observed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE pipeline_runs (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    started_at  DATETIME(6)  NOT NULL,
    finished_at DATETIME(6)  NOT NULL,
    source      VARCHAR(32)  NOT NULL,
    endpoint    VARCHAR(64)  NOT NULL,
    stage       VARCHAR(16)  NOT NULL,
    lake_key    VARCHAR(512),
    records     BIGINT       NOT NULL DEFAULT 0,
    rejects     BIGINT       NOT NULL DEFAULT 0,
    loaded      BIGINT       NOT NULL DEFAULT 0,
    ok          BOOLEAN      NOT NULL,
    error       TEXT,
    KEY pipeline_runs_source (source, finished_at),
    UNIQUE KEY pipeline_runs_batch (lake_key, stage)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rejects (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    source      VARCHAR(32)  NOT NULL,
    endpoint    VARCHAR(64)  NOT NULL,
    lake_key    VARCHAR(512) NOT NULL,
    ordinal     BIGINT       NOT NULL,
    natural_key VARCHAR(255),
    reason      TEXT         NOT NULL,
    rejected_at DATETIME(6)  NOT NULL,
    UNIQUE KEY rejects_record (lake_key, ordinal)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE countries (
    code VARCHAR(8)   NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE cities (
    code    VARCHAR(8)   NOT NULL PRIMARY KEY,
    name    VARCHAR(255) NOT NULL,
    country VARCHAR(8)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE aircraft (
    code VARCHAR(8)   NOT NULL PRIMARY KEY,
    icao VARCHAR(8),
    name VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE positions (
    icao24           VARCHAR(8)   NOT NULL PRIMARY KEY,
    callsign         VARCHAR(16),
    registration     VARCHAR(32),
    lat              DOUBLE       NOT NULL,
    lon              DOUBLE       NOT NULL,
    altitude_m       DOUBLE,
    ground_speed_kmh DOUBLE,
    heading          DOUBLE,
    vertical_rate    DOUBLE,
    on_ground        BOOLEAN,
    squawk           VARCHAR(8),
    source           VARCHAR(16)  NOT NULL,
    observed_at      DATETIME(6)  NOT NULL,
    lake_key         VARCHAR(512) NOT NULL,
    KEY positions_callsign (callsign)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE position_history (
    icao24           VARCHAR(8)   NOT NULL,
    observed_at      DATETIME(6)  NOT NULL,
    lat              DOUBLE       NOT NULL,
    lon              DOUBLE       NOT NULL,
    altitude_m       DOUBLE,
    ground_speed_kmh DOUBLE,
    heading          DOUBLE,
    source           VARCHAR(16)  NOT NULL,
    PRIMARY KEY (icao24, observed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
