-- Problem archives for judge workers: every problem a server can judge, as
-- a deterministic zip of its directory, keyed by the content hash that
-- jobs carry (jobs.problem_hash). A worker without a matching local copy
-- fetches the archive by hash, unpacks it into its cache and checks the
-- hash again before judging. Rows are only ever inserted: a problem never
-- changes once added, and a new version is a new hash.
CREATE TABLE problem_archives (
    hash TEXT PRIMARY KEY,
    slug TEXT NOT NULL,
    bytes BLOB NOT NULL,
    size INTEGER NOT NULL,
    created_ms BIGINT NOT NULL
);
