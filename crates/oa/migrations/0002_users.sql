-- Accounts on a shared server. The local user (id 1) of a server without
-- accounts is its admin.

ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
-- An argon2 PHC string; NULL for the local user, who never logs in.
ALTER TABLE users ADD COLUMN password_hash TEXT;
-- Set when an admin disables the account: it can no longer log in.
ALTER TABLE users ADD COLUMN disabled_ms BIGINT;

UPDATE users SET role = 'admin' WHERE id = 1;

CREATE UNIQUE INDEX users_by_name ON users (name);
