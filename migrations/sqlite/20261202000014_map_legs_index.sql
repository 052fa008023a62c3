-- The world map's candidate legs (`Warehouse::map_positions`) from the index alone: the
-- designator index also carries what the map reads of a leg (scheduled departure, origin,
-- status). Its leading columns are those of the index it replaces, so the flight search and the
-- flight page's lookups keep using it.
DROP INDEX flights_designator;
CREATE INDEX flights_designator ON flights (designator, dep_local_date, sched_dep_utc, origin, status);
