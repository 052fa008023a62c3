-- The flight designator of a leg (`LH400`: carrier and number), as positions and the search box
-- name flights: a virtual column, indexed with the scheduled departure for the map's, the
-- search's and the selected aircraft's lookups (designator, departure range).
ALTER TABLE flights ADD COLUMN designator TEXT GENERATED ALWAYS AS (carrier || flight_number) VIRTUAL;
CREATE INDEX flights_designator ON flights (designator, sched_dep_utc);
