-- The chain after genesis, what became of each processed transaction, the sequencer's pool and the settings a copy of
-- the ledger is bound to (docs/storage.md, "Ledger state storage"; issue 8).

-- Finalized blocks from height 1 on (genesis is computed, never stored): hash = the header's SHA-256, block = the
-- FinalizedBlock encoding (block ‖ committee signature). Rows are immutable.
CREATE TABLE ledger_blocks (
    height INTEGER NOT NULL PRIMARY KEY CHECK (height >= 1),
    hash   BLOB    NOT NULL UNIQUE CHECK (typeof(hash) = 'blob' AND length(hash) = 32),
    block  BLOB    NOT NULL CHECK (typeof(block) = 'blob' AND length(block) >= 1)
);

-- One row per processed transaction, written with its block: included (idx = position in the block, events = JSON
-- array) or rejected while the block was built (reason = stable code, detail = sentence). A hash is processed once.
CREATE TABLE ledger_transactions (
    hash   BLOB    NOT NULL PRIMARY KEY CHECK (typeof(hash) = 'blob' AND length(hash) = 32),
    height INTEGER NOT NULL CHECK (height >= 1),
    idx    INTEGER NULL CHECK (idx >= 0),
    reason TEXT    NULL CHECK (length(reason) >= 1),
    detail TEXT    NULL,
    events TEXT    NULL,
    CHECK ((idx IS NOT NULL AND reason IS NULL AND detail IS NULL) OR (idx IS NULL AND reason IS NOT NULL AND events IS NULL))
) WITHOUT ROWID;

-- The sequencer's durable pool of accepted transactions not yet processed, in acceptance order (seq never reused).
-- tx = Transaction.EncodeSigned; hash = its SHA-256.
CREATE TABLE ledger_pending (
    seq  INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    hash BLOB    NOT NULL UNIQUE CHECK (typeof(hash) = 'blob' AND length(hash) = 32),
    tx   BLOB    NOT NULL CHECK (typeof(tx) = 'blob' AND length(tx) >= 1)
);

-- Settings recorded once (committee_key_id, chain_id): names [a-z0-9_]{1,64}, values at most 4,096 characters.
CREATE TABLE ledger_meta (
    name  TEXT NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-z0-9_]*'),
    value TEXT NOT NULL CHECK (length(value) <= 4096)
) WITHOUT ROWID;
