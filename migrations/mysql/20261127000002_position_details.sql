-- What a position source says about the flight it belongs to.
ALTER TABLE positions
    ADD COLUMN flight_iata VARCHAR(16),
    ADD COLUMN aircraft_type VARCHAR(16),
    ADD COLUMN origin CHAR(3),
    ADD COLUMN destination CHAR(3),
    ADD KEY positions_flight (flight_iata),
    ADD KEY positions_observed (observed_at);
