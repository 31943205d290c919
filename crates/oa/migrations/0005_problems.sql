-- Problems an admin adds while the server runs (an uploaded zip, a Kattis
-- package, a directory on the server), and which problems are hidden from
-- drawing. The files of a problem that passed validation live in
-- <data dir>/problems/<slug>; a problem never changes once added.

CREATE TABLE problem_imports (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    -- Where it came from, for people: `zip two-sum.zip`, `dir /srv/problems/x`.
    source TEXT NOT NULL,
    -- 'native' or 'kattis' (known once the files are unpacked)
    format TEXT NOT NULL,
    -- 'validating', 'ready' or 'failed'
    status TEXT NOT NULL,
    -- What validation found: notes, the table of checks, the reason of a failure.
    log TEXT NOT NULL,
    added_by BIGINT NOT NULL REFERENCES users (id),
    added_ms BIGINT NOT NULL,
    finished_ms BIGINT
);

-- One live import per slug: a slug that is validating or ready cannot be
-- taken again (a failed import leaves it free).
CREATE UNIQUE INDEX problem_imports_live_slug ON problem_imports (slug) WHERE status <> 'failed';
CREATE INDEX problem_imports_by_time ON problem_imports (added_ms);

-- Problems (bundled or added) an admin hid from drawing. Keyed by slug: a
-- bundled problem has no row elsewhere in the store.
CREATE TABLE problems_hidden_from_draw (
    slug TEXT PRIMARY KEY,
    hidden_by BIGINT NOT NULL REFERENCES users (id),
    hidden_ms BIGINT NOT NULL
);
