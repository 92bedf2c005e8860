-- Coordinator metadata, SQLite dialect. Timestamps are UTC unix milliseconds (INTEGER); lists of
-- node ids are JSON arrays of integers (TEXT), e.g. [1,2,3]. See docs/storage.md.

CREATE TABLE nodes (
    id           INTEGER NOT NULL PRIMARY KEY CHECK (id BETWEEN 1 AND 65535),
    name         TEXT    NOT NULL,
    identity_key BLOB    NOT NULL CHECK (length(identity_key) = 32),
    static_key   BLOB    NOT NULL CHECK (length(static_key) = 32),
    last_seen    INTEGER NULL,
    version      TEXT    NULL
);

CREATE TABLE keys (
    id                  TEXT    NOT NULL PRIMARY KEY,
    name                TEXT    NOT NULL,
    scheme              TEXT    NOT NULL,
    threshold           INTEGER NOT NULL CHECK (threshold >= 1),
    parties             TEXT    NOT NULL,
    public_key          BLOB    NOT NULL,
    chain_code          BLOB    NOT NULL,
    epoch               INTEGER NOT NULL CHECK (epoch >= 0),
    verification_shares BLOB    NOT NULL,
    created_at          INTEGER NOT NULL,
    destroyed_at        INTEGER NULL
);

-- A name belongs to at most one live key; a destroyed key's name can be used again.
CREATE UNIQUE INDEX keys_live_name ON keys (name) WHERE destroyed_at IS NULL;
CREATE INDEX keys_live_created ON keys (created_at, id) WHERE destroyed_at IS NULL;

-- A destroyed key is a tombstone: no later write may change it.
CREATE TRIGGER keys_destroyed_final BEFORE UPDATE ON keys WHEN OLD.destroyed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'keys: a destroyed key is final');
END;

CREATE TABLE sessions (
    id         TEXT    NOT NULL PRIMARY KEY,
    kind       TEXT    NOT NULL,
    key_id     TEXT    NULL,
    parties    TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'aborted', 'timed_out')),
    reason     TEXT    NULL,
    culprits   TEXT    NOT NULL,
    missing    TEXT    NOT NULL,
    result     TEXT    NULL,
    retry_of   TEXT    NULL REFERENCES sessions (id),
    created_at INTEGER NOT NULL,
    ended_at   INTEGER NULL,
    CHECK ((status = 'running') = (ended_at IS NULL))
);

CREATE INDEX sessions_running_created ON sessions (created_at, id) WHERE status = 'running';

-- States only move forward: running → completed | aborted | timed_out, once.
CREATE TRIGGER sessions_ended_final BEFORE UPDATE ON sessions WHEN OLD.status <> 'running'
BEGIN
    SELECT RAISE(ABORT, 'sessions: an ended session is final');
END;
