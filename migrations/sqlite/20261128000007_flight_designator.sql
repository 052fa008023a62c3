-- The flight designator of a leg (`LH400`: carrier and number), as positions and the search box
-- name flights: a virtual column, indexed with the local departure date. A leg scheduled within
-- a day of a time has a local date within two days of it, so the map's, the search's and the
-- selected aircraft's lookups read a few index entries per flight number. (Not the scheduled
-- departure: an upsert rewrites that column, and the index with it; key columns never change.)
ALTER TABLE flights ADD COLUMN designator TEXT GENERATED ALWAYS AS (carrier || flight_number) VIRTUAL;
CREATE INDEX flights_designator ON flights (designator, dep_local_date);
