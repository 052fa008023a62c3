-- Retention deletes history older than a cutoff in small batches: each batch finds its rows
-- through an index on the time it prunes by, instead of scanning the table.
-- (flight_status_history is pruned by its primary key's leading dep_local_date; no index needed.)
CREATE INDEX position_history_observed ON position_history (observed_at);
CREATE INDEX pipeline_runs_finished ON pipeline_runs (finished_at);
