-- What a position source says about the flight it belongs to.
ALTER TABLE positions ADD COLUMN flight_iata TEXT;
ALTER TABLE positions ADD COLUMN aircraft_type TEXT;
ALTER TABLE positions ADD COLUMN origin TEXT;
ALTER TABLE positions ADD COLUMN destination TEXT;
CREATE INDEX positions_flight ON positions (flight_iata);
CREATE INDEX positions_observed ON positions (observed_at);
