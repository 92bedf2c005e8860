-- Governance records, SQLite dialect: API tokens, policy versions, approval requests and approvals,
-- the append-only audit log, idempotency keys and spends. Same encodings as 0001 (unix-millisecond
-- INTEGER instants; JSON arrays in TEXT). See docs/storage.md, "Governance tables".

CREATE TABLE tokens (
    accessor    TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'operator', 'signer', 'approver', 'auditor')),
    secret_hash BLOB    NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NULL,
    revoked_at  INTEGER NULL,
    created_by  TEXT    NULL
);

-- A name belongs to at most one unrevoked token; a revoked token's name can be used again.
CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL;

-- A revoked token is final.
CREATE TRIGGER tokens_revoked_final BEFORE UPDATE ON tokens WHEN OLD.revoked_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'tokens: a revoked token is final');
END;

CREATE TABLE policies (
    version       INTEGER NOT NULL PRIMARY KEY CHECK (version >= 1),
    document      TEXT    NOT NULL,
    document_hash TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

-- Old policy versions are kept as written.
CREATE TRIGGER policies_immutable_update BEFORE UPDATE ON policies
BEGIN
    SELECT RAISE(ABORT, 'policies: a stored policy version is immutable');
END;

CREATE TABLE requests (
    id                 TEXT    NOT NULL PRIMARY KEY,
    operation          TEXT    NOT NULL,
    key_id             TEXT    NOT NULL,
    initiator_accessor TEXT    NOT NULL,
    initiator_name     TEXT    NOT NULL,
    payload            TEXT    NOT NULL,
    payload_hash       TEXT    NOT NULL,
    policy_version     INTEGER NOT NULL,
    approvers          TEXT    NOT NULL,
    quorum             INTEGER NOT NULL CHECK (quorum >= 1),
    status             TEXT    NOT NULL CHECK (status IN ('pending_approval', 'approved', 'rejected', 'expired', 'completed', 'failed')),
    result             TEXT    NULL,
    reason             TEXT    NULL,
    created_at         INTEGER NOT NULL,
    expires_at         INTEGER NOT NULL,
    ended_at           INTEGER NULL,
    CHECK ((status IN ('pending_approval', 'approved')) = (ended_at IS NULL))
);

CREATE INDEX requests_created ON requests (created_at, id);
CREATE INDEX requests_status_created ON requests (status, created_at, id);

-- States only move forward; an ended request (rejected, expired, completed, failed) is final.
CREATE TRIGGER requests_ended_final BEFORE UPDATE ON requests WHEN OLD.ended_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'requests: an ended request is final');
END;

CREATE TABLE approvals (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    request_id        TEXT    NOT NULL REFERENCES requests (id),
    approver_accessor TEXT    NOT NULL,
    approver_name     TEXT    NOT NULL,
    decision          TEXT    NOT NULL CHECK (decision IN ('approve', 'reject')),
    payload_hash      TEXT    NOT NULL,
    at                INTEGER NOT NULL,
    UNIQUE (request_id, approver_name)
);

CREATE TABLE audit_entries (
    seq            INTEGER NOT NULL PRIMARY KEY CHECK (seq >= 1),
    time           INTEGER NOT NULL,
    actor_accessor TEXT    NOT NULL,
    actor_name     TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    target         TEXT    NOT NULL,
    request_hash   TEXT    NOT NULL,
    decision       TEXT    NOT NULL,
    outcome        TEXT    NOT NULL,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL
);

-- The audit log is append-only: no update and no delete, whoever writes to the table.
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

CREATE TABLE idempotency_keys (
    scope                 TEXT    NOT NULL CHECK (length(scope) BETWEEN 1 AND 64),
    key                   TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    request_hash          TEXT    NOT NULL,
    created_at            INTEGER NOT NULL,
    expires_at            INTEGER NOT NULL,
    response_status       INTEGER NULL CHECK (response_status BETWEEN 100 AND 599),
    response_content_type TEXT    NULL,
    response_body         BLOB    NULL,
    response_location     TEXT    NULL,
    PRIMARY KEY (scope, key),
    CHECK ((response_status IS NULL) = (response_body IS NULL))
);

CREATE TABLE spends (
    request_id     TEXT    NOT NULL PRIMARY KEY,
    key_id         TEXT    NOT NULL,
    initiator_name TEXT    NOT NULL,
    operation      TEXT    NOT NULL,
    chain          TEXT    NOT NULL,
    asset          TEXT    NOT NULL,
    amount         TEXT    NOT NULL,
    at             INTEGER NOT NULL
);

CREATE INDEX spends_key_at ON spends (key_id, at);
