-- Ledger state, PostgreSQL dialect: a database of its own, separate from the coordinator's (docs/storage.md,
-- "Ledger state storage"). Migrations are recorded in ledger_schema_migrations.

-- The sparse Merkle tree's nodes, content-addressed: hash = the node's 32-byte hash, node = its encoding
-- (docs/ledger-state.md, "Node encoding"). Rows are immutable: inserted once, never updated.
CREATE TABLE tree_nodes (
    hash bytea NOT NULL PRIMARY KEY CHECK (octet_length(hash) = 32),
    node bytea NOT NULL CHECK (octet_length(node) >= 1)
);

-- The last state this copy of the ledger executed to: at most one row, moved forward one height at a time.
CREATE TABLE ledger_head (
    id     smallint NOT NULL PRIMARY KEY CHECK (id = 1),
    height bigint   NOT NULL CHECK (height >= 0),
    root   bytea    NOT NULL CHECK (octet_length(root) = 32)
);
