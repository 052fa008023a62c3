-- The world map's positions and their flight numbers (`Warehouse::map_positions`), from the
-- index alone. (Its legs come through `flights_designator`: SQLite bounds each flight number's
-- lookup by the local date.)
DROP INDEX positions_observed;
CREATE INDEX positions_observed ON positions (observed_at, flight_iata);
