-- Leases on judging: the process judging a job holds it until
-- lease_until_ms and renews the lease while it judges. A job whose lease
-- expired (its process died) goes back to the queue; a result written by a
-- process that no longer holds the lease is discarded, so each job gets
-- exactly one final result.

-- Who holds the job: "host:pid:engine" of the judging process.
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until_ms BIGINT;

CREATE INDEX jobs_by_lease ON jobs (status, lease_until_ms);
