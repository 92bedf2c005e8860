-- Ledger state, SQLite dialect: a database of its own, separate from the coordinator's (docs/storage.md,
-- "Ledger state storage"). Migrations are recorded in ledger_schema_migrations.

-- The sparse Merkle tree's nodes, content-addressed: hash = the node's 32-byte hash, node = its encoding
-- (docs/ledger-state.md, "Node encoding"). Rows are immutable: inserted once, never updated.
CREATE TABLE tree_nodes (
    hash BLOB NOT NULL PRIMARY KEY CHECK (typeof(hash) = 'blob' AND length(hash) = 32),
    node BLOB NOT NULL CHECK (typeof(node) = 'blob' AND length(node) >= 1)
) WITHOUT ROWID;

-- The last state this copy of the ledger executed to: at most one row, moved forward one height at a time.
CREATE TABLE ledger_head (
    id     INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    height INTEGER NOT NULL CHECK (height >= 0),
    root   BLOB    NOT NULL CHECK (typeof(root) = 'blob' AND length(root) = 32)
);
