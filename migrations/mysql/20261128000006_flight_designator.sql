-- The flight designator of a leg (`LH400`: carrier and number), as positions and the search box
-- name flights, indexed with the local departure date. A leg scheduled within a day of a time has
-- a local date within two days of it, so the map's, the search's and the selected aircraft's
-- lookups read a few index entries per flight number. (Not the scheduled departure: an upsert
-- rewrites that column, and the index with it; key columns never change.) Stored rather than
-- virtual: an index on a virtual column gets no index condition pushdown on MariaDB, and each
-- lookup would then read every leg of the flight number from the table.
ALTER TABLE flights
    ADD COLUMN designator VARCHAR(11) AS (CONCAT(carrier, flight_number)) STORED,
    ADD KEY flights_designator (designator, dep_local_date);
