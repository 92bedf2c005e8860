using Arcanum.Storage.Ledger;

namespace Arcanum.Coordinator.Ledger;

/// <summary>Opens the sequencer's copy of the ledger named by the <see cref="LedgerSettings"/>: PostgreSQL when configured, SQLite otherwise.</summary>
internal static class LedgerStoreFactory
{
    /// <summary>Opens the configured store with its schema up to date. <paramref name="resolve"/> turns a relative path into a full one.</summary>
    /// <exception cref="NotSupportedException">This build has no persistent <see cref="ILedgerStore"/>.</exception>
    public static Task<ILedgerStore> OpenAsync(LedgerSettings settings, Func<string, string> resolve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(resolve);
        cancellationToken.ThrowIfCancellationRequested();
        var target = settings.Postgres is { Length: > 0 } ? "PostgreSQL" : $"SQLite {resolve(settings.Sqlite ?? "ledger.db")}";
        throw new NotSupportedException($"The ledger database ({target}) cannot be opened: this build has no persistent ledger store.");
    }
}
