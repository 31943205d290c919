-- The work-style assessment: sittings (standalone practice, or the optional
-- section after an OA's coding part), the items drawn for each and the
-- answers. Portable SQL, as in 0001.

CREATE TABLE workstyle_sittings (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    -- The OA attempt this sitting follows; NULL for a practice sitting.
    attempt_id BIGINT REFERENCES attempts (id),
    -- 'open', 'finished', or 'skipped' (the OA's assessment was declined:
    -- such a row has no items and only records the choice).
    status TEXT NOT NULL,
    -- The seed of the draw (a u64 stored as its two's-complement BIGINT).
    seed BIGINT NOT NULL,
    minutes INTEGER NOT NULL,
    started_ms BIGINT NOT NULL,
    -- Fixed at the start and never updated.
    deadline_ms BIGINT NOT NULL,
    ended_ms BIGINT,
    -- 'finished' or 'deadline'
    end_reason TEXT,
    -- The scored result (WorkstyleResult as JSON), written when it ends.
    result_json TEXT
);

CREATE INDEX workstyle_by_user ON workstyle_sittings (user_id, started_ms);
-- At most one sitting (or skip) per OA attempt; practice sittings have NULL.
CREATE UNIQUE INDEX workstyle_by_attempt ON workstyle_sittings (attempt_id);

CREATE TABLE workstyle_answers (
    sitting_id BIGINT NOT NULL REFERENCES workstyle_sittings (id),
    -- 1-based place in the order shown.
    pos INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    -- 1 when a forced choice shows statement B first.
    swapped INTEGER NOT NULL,
    -- Likert 1..5; forced choice -2/-1 (A strongly/somewhat), 1/2 (B
    -- somewhat/strongly), in the file's terms; NULL until answered.
    answer INTEGER,
    answered_ms BIGINT,
    PRIMARY KEY (sitting_id, pos)
);
