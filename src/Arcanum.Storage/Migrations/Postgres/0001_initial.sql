-- Coordinator metadata, PostgreSQL dialect. Timestamps are UTC unix milliseconds (bigint); lists of
-- node ids are JSON arrays of integers (text), e.g. [1,2,3] — the same encoding as the SQLite store,
-- so both stores share one mapping. See docs/storage.md.

CREATE TABLE nodes (
    id           integer NOT NULL PRIMARY KEY CHECK (id BETWEEN 1 AND 65535),
    name         text    NOT NULL,
    identity_key bytea   NOT NULL CHECK (octet_length(identity_key) = 32),
    static_key   bytea   NOT NULL CHECK (octet_length(static_key) = 32),
    last_seen    bigint  NULL,
    version      text    NULL
);

CREATE TABLE keys (
    id                  text    NOT NULL PRIMARY KEY,
    name                text    NOT NULL,
    scheme              text    NOT NULL,
    threshold           integer NOT NULL CHECK (threshold >= 1),
    parties             text    NOT NULL,
    public_key          bytea   NOT NULL,
    chain_code          bytea   NOT NULL,
    epoch               bigint  NOT NULL CHECK (epoch >= 0),
    verification_shares bytea   NOT NULL,
    created_at          bigint  NOT NULL,
    destroyed_at        bigint  NULL
);

-- A name belongs to at most one live key; a destroyed key's name can be used again.
CREATE UNIQUE INDEX keys_live_name ON keys (name) WHERE destroyed_at IS NULL;
CREATE INDEX keys_live_created ON keys (created_at, id) WHERE destroyed_at IS NULL;

-- A destroyed key is a tombstone: no later write may change it.
CREATE FUNCTION keys_destroyed_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'keys: a destroyed key is final (key %)', OLD.id;
END
$$;
CREATE TRIGGER keys_destroyed_final BEFORE UPDATE ON keys
    FOR EACH ROW WHEN (OLD.destroyed_at IS NOT NULL) EXECUTE FUNCTION keys_destroyed_final();

CREATE TABLE sessions (
    id         text   NOT NULL PRIMARY KEY,
    kind       text   NOT NULL,
    key_id     text   NULL,
    parties    text   NOT NULL,
    status     text   NOT NULL CHECK (status IN ('running', 'completed', 'aborted', 'timed_out')),
    reason     text   NULL,
    culprits   text   NOT NULL,
    missing    text   NOT NULL,
    result     text   NULL,
    retry_of   text   NULL REFERENCES sessions (id),
    created_at bigint NOT NULL,
    ended_at   bigint NULL,
    CHECK ((status = 'running') = (ended_at IS NULL))
);

CREATE INDEX sessions_running_created ON sessions (created_at, id) WHERE status = 'running';

-- States only move forward: running → completed | aborted | timed_out, once.
CREATE FUNCTION sessions_ended_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'sessions: an ended session is final (session %)', OLD.id;
END
$$;
CREATE TRIGGER sessions_ended_final BEFORE UPDATE ON sessions
    FOR EACH ROW WHEN (OLD.status <> 'running') EXECUTE FUNCTION sessions_ended_final();
