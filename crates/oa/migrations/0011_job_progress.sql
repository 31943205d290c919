-- Live progress of a judging, written by the judge that holds the job's
-- lease (a worker on another machine) so that the server following the job
-- can show "case 3 of 20" before the result arrives. Written throttled
-- (a few times a second at most), only under a live lease, like results.

-- 'compiling' or 'running'; NULL before the judge started on it.
ALTER TABLE jobs ADD COLUMN progress_state TEXT;
-- Cases finished and cases that will run.
ALTER TABLE jobs ADD COLUMN progress_done BIGINT;
ALTER TABLE jobs ADD COLUMN progress_total BIGINT;
-- The verdict so far: of the finished cases, the first one's that failed
-- (in case order); NULL while every finished case passed.
ALTER TABLE jobs ADD COLUMN progress_verdict TEXT;
-- When it was written (unix ms).
ALTER TABLE jobs ADD COLUMN progress_ms BIGINT;
