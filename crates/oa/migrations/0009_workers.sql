-- Judge workers on other machines (`oaj worker`) sharing a Postgres store.

-- The problem a job names, as content: a worker judges the job only when
-- its copy of the problem has the same hash (problem.toml and test data).
ALTER TABLE jobs ADD COLUMN problem_hash TEXT;
-- How many times a result was written (1 for every finished job; the lease
-- rules keep it so, and tests check it).
ALTER TABLE jobs ADD COLUMN finishes BIGINT NOT NULL DEFAULT 0;

-- The worker processes: registered at start, heartbeat while they run.
CREATE TABLE workers (
    name TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    slots BIGINT NOT NULL,
    started_ms BIGINT NOT NULL,
    heartbeat_ms BIGINT NOT NULL,
    stopped_ms BIGINT,
    jobs_done BIGINT NOT NULL DEFAULT 0
);
