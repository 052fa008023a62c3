-- Places the pipeline fetched (Lufthansa and AirLabs airport lists) are marked, so a starting
-- pipeline reads only those for its cleaners instead of every shipped airport.
ALTER TABLE airports ADD COLUMN fetched INTEGER NOT NULL DEFAULT 0;
