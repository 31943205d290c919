-- Phone-screen sessions (a live pair editor) and the STAR story bank.
-- Portable SQL: BIGINT unix ms, no SQLite-only functions.

CREATE TABLE phone_sessions (
    id INTEGER PRIMARY KEY,
    -- The interviewer: the only user who may open its interviewer link,
    -- notes and report.
    interviewer_id BIGINT NOT NULL REFERENCES users (id),
    -- A problem of the bank, or NULL for a problem typed by the interviewer.
    problem_slug TEXT,
    title TEXT NOT NULL,
    statement_md TEXT NOT NULL,
    -- Typed problems: one optional sample.
    sample_input TEXT,
    sample_output TEXT,
    language TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    -- 'waiting' (created), 'live' (started: deadline fixed), 'ended'
    status TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    started_ms BIGINT,
    -- Fixed when the interviewer starts the session; never moved.
    deadline_ms BIGINT,
    ended_ms BIGINT,
    -- SHA-256 (hex) of the capability token of the candidate link.
    candidate_token_hash TEXT NOT NULL,
    -- The editor's text at revision 0; the op log replays from it.
    initial_text TEXT NOT NULL,
    -- The interviewer's private notes.
    notes TEXT NOT NULL,
    notes_updated_ms BIGINT
);

CREATE UNIQUE INDEX phone_by_candidate_token ON phone_sessions (candidate_token_hash);
CREATE INDEX phone_by_interviewer ON phone_sessions (interviewer_id, created_ms);

-- Interviewer links (SHA-256 of their tokens). One is made with the
-- session; the creator may open more (a lost link cannot be shown again).
-- Each works only for the session's creator.
CREATE TABLE phone_interviewer_links (
    token_hash TEXT PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES phone_sessions (id),
    created_ms BIGINT NOT NULL
);

-- The editor's operation log, in server order: rev r is the document after
-- the r-th operation. Offsets in op_json are UTF-16 code units.
CREATE TABLE phone_ops (
    session_id BIGINT NOT NULL REFERENCES phone_sessions (id),
    rev BIGINT NOT NULL,
    -- The page that sent it and its sequence number (a resend after a
    -- reconnect is recognised by these).
    client TEXT NOT NULL,
    seq BIGINT NOT NULL,
    -- 'candidate' or 'interviewer'
    author TEXT NOT NULL,
    op_json TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (session_id, rev)
);

CREATE TABLE phone_runs (
    id INTEGER PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES phone_sessions (id),
    -- The editor revision that ran.
    rev BIGINT NOT NULL,
    author TEXT NOT NULL,
    language TEXT NOT NULL,
    code TEXT NOT NULL,
    -- NULL: the samples; else custom input.
    input TEXT,
    -- 'queued' or 'done'
    status TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    finished_ms BIGINT,
    verdict TEXT,
    -- The run as the page shows it (JSON).
    result_json TEXT,
    error TEXT
);

CREATE INDEX phone_runs_by_session ON phone_runs (session_id, id);

-- The behavioural questions drawn for a session, and the interviewer's
-- STAR notes on each answer.
CREATE TABLE phone_questions (
    session_id BIGINT NOT NULL REFERENCES phone_sessions (id),
    idx INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    principle TEXT NOT NULL,
    text TEXT NOT NULL,
    situation TEXT NOT NULL,
    task TEXT NOT NULL,
    action TEXT NOT NULL,
    result TEXT NOT NULL,
    -- 1 to 4; NULL until rated.
    rating INTEGER,
    updated_ms BIGINT,
    PRIMARY KEY (session_id, idx)
);

-- The STAR story bank.
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    situation TEXT NOT NULL,
    task TEXT NOT NULL,
    action TEXT NOT NULL,
    result TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);

CREATE INDEX stories_by_user ON stories (user_id, created_ms);

CREATE TABLE story_principles (
    story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    principle TEXT NOT NULL,
    PRIMARY KEY (story_id, principle)
);
