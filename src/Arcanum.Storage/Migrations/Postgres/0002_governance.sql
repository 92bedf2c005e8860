-- Governance records, PostgreSQL dialect: API tokens, policy versions, approval requests and approvals,
-- the append-only audit log, idempotency keys and spends. Same encodings as 0001 and as the SQLite
-- store (unix-millisecond bigint instants; JSON arrays in text). See docs/storage.md, "Governance tables".

CREATE TABLE tokens (
    accessor    text   NOT NULL PRIMARY KEY,
    name        text   NOT NULL,
    role        text   NOT NULL CHECK (role IN ('admin', 'operator', 'signer', 'approver', 'auditor')),
    secret_hash bytea  NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
    created_at  bigint NOT NULL,
    expires_at  bigint NULL,
    revoked_at  bigint NULL,
    created_by  text   NULL
);

-- A name belongs to at most one unrevoked token; a revoked token's name can be used again.
CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL;

-- A revoked token is final.
CREATE FUNCTION tokens_revoked_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'tokens: a revoked token is final (token %)', OLD.accessor;
END
$$;
CREATE TRIGGER tokens_revoked_final BEFORE UPDATE ON tokens
    FOR EACH ROW WHEN (OLD.revoked_at IS NOT NULL) EXECUTE FUNCTION tokens_revoked_final();

CREATE TABLE policies (
    version       bigint NOT NULL PRIMARY KEY CHECK (version >= 1),
    document      text   NOT NULL,
    document_hash text   NOT NULL,
    created_by    text   NOT NULL,
    created_at    bigint NOT NULL
);

-- Old policy versions are kept as written.
CREATE FUNCTION policies_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'policies: a stored policy version is immutable (version %)', OLD.version;
END
$$;
CREATE TRIGGER policies_immutable_update BEFORE UPDATE ON policies
    FOR EACH ROW EXECUTE FUNCTION policies_immutable();

CREATE TABLE requests (
    id                 text    NOT NULL PRIMARY KEY,
    operation          text    NOT NULL,
    key_id             text    NOT NULL,
    initiator_accessor text    NOT NULL,
    initiator_name     text    NOT NULL,
    payload            text    NOT NULL,
    payload_hash       text    NOT NULL,
    policy_version     bigint  NOT NULL,
    approvers          text    NOT NULL,
    quorum             integer NOT NULL CHECK (quorum >= 1),
    status             text    NOT NULL CHECK (status IN ('pending_approval', 'approved', 'rejected', 'expired', 'completed', 'failed')),
    result             text    NULL,
    reason             text    NULL,
    created_at         bigint  NOT NULL,
    expires_at         bigint  NOT NULL,
    ended_at           bigint  NULL,
    CHECK ((status IN ('pending_approval', 'approved')) = (ended_at IS NULL))
);

CREATE INDEX requests_created ON requests (created_at, id);
CREATE INDEX requests_status_created ON requests (status, created_at, id);

-- States only move forward; an ended request (rejected, expired, completed, failed) is final.
CREATE FUNCTION requests_ended_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'requests: an ended request is final (request %)', OLD.id;
END
$$;
CREATE TRIGGER requests_ended_final BEFORE UPDATE ON requests
    FOR EACH ROW WHEN (OLD.ended_at IS NOT NULL) EXECUTE FUNCTION requests_ended_final();

CREATE TABLE approvals (
    id                bigint NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id        text   NOT NULL REFERENCES requests (id),
    approver_accessor text   NOT NULL,
    approver_name     text   NOT NULL,
    decision          text   NOT NULL CHECK (decision IN ('approve', 'reject')),
    payload_hash      text   NOT NULL,
    at                bigint NOT NULL,
    UNIQUE (request_id, approver_name)
);

CREATE TABLE audit_entries (
    seq            bigint NOT NULL PRIMARY KEY CHECK (seq >= 1),
    time           bigint NOT NULL,
    actor_accessor text   NOT NULL,
    actor_name     text   NOT NULL,
    action         text   NOT NULL,
    target         text   NOT NULL,
    request_hash   text   NOT NULL,
    decision       text   NOT NULL,
    outcome        text   NOT NULL,
    prev_hash      text   NOT NULL,
    hash           text   NOT NULL
);

-- The audit log is append-only: no update, delete or truncate, whoever writes to the table.
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END
$$;
CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();

CREATE TABLE idempotency_keys (
    scope                 text    NOT NULL CHECK (char_length(scope) BETWEEN 1 AND 64),
    key                   text    NOT NULL CHECK (char_length(key) BETWEEN 1 AND 64),
    request_hash          text    NOT NULL,
    created_at            bigint  NOT NULL,
    expires_at            bigint  NOT NULL,
    response_status       integer NULL CHECK (response_status BETWEEN 100 AND 599),
    response_content_type text    NULL,
    response_body         bytea   NULL,
    response_location     text    NULL,
    PRIMARY KEY (scope, key),
    CHECK ((response_status IS NULL) = (response_body IS NULL))
);

CREATE TABLE spends (
    request_id     text   NOT NULL PRIMARY KEY,
    key_id         text   NOT NULL,
    initiator_name text   NOT NULL,
    operation      text   NOT NULL,
    chain          text   NOT NULL,
    asset          text   NOT NULL,
    amount         text   NOT NULL,
    at             bigint NOT NULL
);

CREATE INDEX spends_key_at ON spends (key_id, at);
