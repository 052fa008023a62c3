-- Every run row is keyed by the staged batch it came from: a lake object's key, or the key
-- staging gave a fetch that left nothing in the lake (`unfiled/…`). Loading a staged batch again
-- (a replay, a restart between the warehouse commit and the staging checkpoint) rewrites its row
-- instead of adding one. Rows from before keep their old identity (lake key and stage).
ALTER TABLE pipeline_runs ADD COLUMN run_key VARCHAR(512) NULL;
UPDATE pipeline_runs
   SET run_key = CASE WHEN stage = 'fetch' THEN lake_key ELSE CONCAT(lake_key, '#', stage) END
 WHERE lake_key IS NOT NULL;
ALTER TABLE pipeline_runs DROP INDEX pipeline_runs_batch;
CREATE UNIQUE INDEX pipeline_runs_key ON pipeline_runs (run_key);
