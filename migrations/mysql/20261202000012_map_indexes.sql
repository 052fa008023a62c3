-- The world map's leg lookup (`Warehouse::map_positions`): the legs scheduled within a day of
-- the map's positions, read as one range of this covering index (an index-only scan of a
-- day's legs) and matched with the positions' flight numbers. A lookup per flight number
-- through `flights_designator` reads every leg of the flight number from its prefix on (the
-- date cannot bound a join's index lookup on MariaDB), 20,000 times for a world map. InnoDB
-- rewrites an entry only when one of its columns changes (a new status, a new schedule).
ALTER TABLE flights ADD KEY flights_scheduled (sched_dep_utc, designator, status, origin, dep_local_date);
-- The map's positions and their flight numbers, from the index alone.
ALTER TABLE positions DROP KEY positions_observed, ADD KEY positions_observed (observed_at, flight_iata);
