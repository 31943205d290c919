-- Accounts on a shared server: login sessions and invitations. Secrets
-- (session ids, invitation tokens) are never stored: only their SHA-256, so
-- a copy of the database does not let anyone log in or join.

CREATE TABLE sessions (
    -- hex SHA-256 of the random 256-bit id in the session cookie
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_ms BIGINT NOT NULL,
    -- Refreshed while the session is used; idle expiry counts from it.
    last_seen_ms BIGINT NOT NULL,
    -- Absolute expiry: the session ends then however much it is used.
    expires_ms BIGINT NOT NULL
);

CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_ms);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    -- hex SHA-256 of the random token in the /join/{token} link
    token_hash TEXT NOT NULL,
    -- the role the new account gets: 'admin' or 'member'
    role TEXT NOT NULL,
    -- the admin who made it; NULL when made with `oaj user invite`
    created_by BIGINT REFERENCES users (id),
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    -- set once, when someone joins with it (single use)
    used_ms BIGINT,
    used_by BIGINT REFERENCES users (id)
);

CREATE UNIQUE INDEX invitations_by_token ON invitations (token_hash);
