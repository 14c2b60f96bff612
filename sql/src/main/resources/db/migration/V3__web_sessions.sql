-- Dashboard sessions, shared by every dashboard on this database and kept across restarts (web.md, "Sessions").
-- The browser's cookie holds a 256-bit random id; only its SHA-256 is stored, so a copy of this table signs nobody in.
CREATE TABLE web_session (
    id_hash      bytea       PRIMARY KEY,
    email        text        NOT NULL REFERENCES app_user (email) ON DELETE CASCADE,
    role         text        NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    csrf         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX web_session_email ON web_session (email);
CREATE INDEX web_session_last_seen ON web_session (last_seen_at);
