-- Group OAs: an admin schedules an OA for the whole group, with a window in
-- which members may start it and a duration. Each member's attempt is an
-- ordinary timed attempt that points at its group OA.

CREATE TABLE group_oas (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    -- Members may start in [opens_ms, closes_ms).
    opens_ms BIGINT NOT NULL,
    closes_ms BIGINT NOT NULL,
    -- The duration of one member's attempt; its deadline is
    -- min(start + minutes, closes_ms), fixed when the member starts.
    minutes INTEGER NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_ms BIGINT NOT NULL,
    -- Set when an admin reveals the hidden cases (only after closes_ms):
    -- from then on members' reports show their failing hidden cases.
    revealed_ms BIGINT
);

CREATE INDEX group_oas_by_window ON group_oas (opens_ms, closes_ms);

-- The problems, in order: each a fixed slug, or a difficulty drawn per member.
CREATE TABLE group_oa_problems (
    group_oa_id BIGINT NOT NULL REFERENCES group_oas (id),
    idx INTEGER NOT NULL,
    slug TEXT,
    difficulty TEXT,
    PRIMARY KEY (group_oa_id, idx)
);

-- Topics that restrict the draw of a drawn group OA (none: any topic).
CREATE TABLE group_oa_topics (
    group_oa_id BIGINT NOT NULL REFERENCES group_oas (id),
    topic TEXT NOT NULL,
    PRIMARY KEY (group_oa_id, topic)
);

ALTER TABLE attempts ADD COLUMN group_oa_id BIGINT REFERENCES group_oas (id);

-- A member starts a group OA at most once; ordinary attempts (NULL) are not
-- constrained, since NULLs are distinct in a unique index.
CREATE UNIQUE INDEX attempts_one_per_group_oa ON attempts (group_oa_id, user_id);
