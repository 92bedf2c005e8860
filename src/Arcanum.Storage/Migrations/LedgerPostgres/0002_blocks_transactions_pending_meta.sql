-- The chain after genesis, what became of each processed transaction, the sequencer's pool and the settings a copy of
-- the ledger is bound to (docs/storage.md, "Ledger state storage"; issue 8).

-- Finalized blocks from height 1 on (genesis is computed, never stored): hash = the header's SHA-256, block = the
-- FinalizedBlock encoding (block ‖ committee signature). Rows are immutable.
CREATE TABLE ledger_blocks (
    height bigint NOT NULL PRIMARY KEY CHECK (height >= 1),
    hash   bytea  NOT NULL UNIQUE CHECK (octet_length(hash) = 32),
    block  bytea  NOT NULL CHECK (octet_length(block) >= 1)
);

-- One row per processed transaction, written with its block: included (idx = position in the block, events = JSON
-- array) or rejected while the block was built (reason = stable code, detail = sentence). A hash is processed once.
CREATE TABLE ledger_transactions (
    hash   bytea   NOT NULL PRIMARY KEY CHECK (octet_length(hash) = 32),
    height bigint  NOT NULL CHECK (height >= 1),
    idx    bigint  NULL CHECK (idx >= 0),
    reason text    NULL CHECK (char_length(reason) >= 1),
    detail text    NULL,
    events text    NULL,
    CHECK ((idx IS NOT NULL AND reason IS NULL AND detail IS NULL) OR (idx IS NULL AND reason IS NOT NULL AND events IS NULL))
);

-- The sequencer's durable pool of accepted transactions not yet processed, in acceptance order (seq never reused).
-- tx = Transaction.EncodeSigned; hash = its SHA-256.
CREATE TABLE ledger_pending (
    seq  bigint NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hash bytea  NOT NULL UNIQUE CHECK (octet_length(hash) = 32),
    tx   bytea  NOT NULL CHECK (octet_length(tx) >= 1)
);

-- Settings recorded once (committee_key_id, chain_id): names [a-z0-9_]{1,64}, values at most 4,096 characters.
CREATE TABLE ledger_meta (
    name  text NOT NULL PRIMARY KEY CHECK (name ~ '^[a-z0-9_]{1,64}$'),
    value text NOT NULL CHECK (char_length(value) <= 4096)
);
