using System.Text.Json.Serialization;

namespace Arcanum.Coordinator.Ledger;

/// <summary>
/// The <c>ledger</c> section of the coordinator's configuration (docs/ledger.md, "Sequencer"; docs/operations.md). When
/// the section is absent the coordinator runs no ledger and the ledger routes answer 503 ledger-not-configured.
/// Relative paths are resolved against the configuration file's directory.
/// </summary>
public sealed record LedgerSettings
{
    /// <summary>The genesis document (GenesisDocument JSON). Required.</summary>
    [JsonPropertyName("genesis")]
    public string Genesis { get; init; } = "genesis.json";

    /// <summary>The ledger's SQLite database file (the default store).</summary>
    [JsonPropertyName("sqlite")]
    public string? Sqlite { get; init; } = "ledger.db";

    /// <summary>A PostgreSQL connection string for the ledger's database; when set, used instead of <see cref="Sqlite"/>.</summary>
    [JsonPropertyName("postgres")]
    public string? Postgres { get; init; }

    /// <summary>How often a block is made while transactions are pooled (milliseconds, 10 – 60,000).</summary>
    [JsonPropertyName("blockIntervalMs")]
    public int BlockIntervalMs { get; init; } = 500;

    /// <summary>The most transactions one block holds; this many pooled starts a block at once (1 – 4,096).</summary>
    [JsonPropertyName("maxTxPerBlock")]
    public int MaxTxPerBlock { get; init; } = 2000;

    /// <summary>The most transactions pooled at once; beyond it a submission answers 503 pool-full (≥ 1).</summary>
    [JsonPropertyName("maxPending")]
    public int MaxPending { get; init; } = 100_000;

    /// <summary>
    /// Fault injection for <c>arcanum dev --fault wrong-state-root</c> only (never read from a configuration file): every
    /// block after block 1 is proposed with a wrong state root, to show that the nodes refuse it (docs/testing.md).
    /// </summary>
    [JsonIgnore]
    public bool ProposeWrongStateRoot { get; init; }

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Genesis))
        {
            throw new InvalidDataException("ledger.genesis is required.");
        }

        if (string.IsNullOrWhiteSpace(Sqlite) && string.IsNullOrWhiteSpace(Postgres))
        {
            throw new InvalidDataException("ledger needs a database: set ledger.sqlite or ledger.postgres.");
        }

        if (BlockIntervalMs is < 10 or > 60_000)
        {
            throw new InvalidDataException($"ledger.blockIntervalMs must be 10–60000, not {BlockIntervalMs}.");
        }

        if (MaxTxPerBlock is < 1 or > Arcanum.Ledger.Blocks.Block.MaxTransactions)
        {
            throw new InvalidDataException($"ledger.maxTxPerBlock must be 1–{Arcanum.Ledger.Blocks.Block.MaxTransactions}, not {MaxTxPerBlock}.");
        }

        if (MaxPending < 1)
        {
            throw new InvalidDataException($"ledger.maxPending must be at least 1, not {MaxPending}.");
        }
    }
}
