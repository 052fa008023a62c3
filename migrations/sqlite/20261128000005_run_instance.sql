-- Which pipeline instance wrote each batch (leader/standby failover: one writer at a time).
ALTER TABLE pipeline_runs ADD COLUMN instance TEXT;
