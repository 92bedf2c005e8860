using Arcanum.Storage.Ledger;

namespace Arcanum.Coordinator.Ledger;

/// <summary>Opens the sequencer's copy of the ledger named by the <see cref="LedgerSettings"/>: PostgreSQL when configured, SQLite otherwise.</summary>
internal static class LedgerStoreFactory
{
    /// <summary>Opens the configured store with its schema up to date. <paramref name="resolve"/> turns a relative path into a full one.</summary>
    public static async Task<ILedgerStore> OpenAsync(LedgerSettings settings, Func<string, string> resolve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(resolve);
        ILedgerStore store = settings.Postgres is { Length: > 0 } connectionString
            ? await PostgresLedgerStore.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false)
            : await SqliteLedgerStore.OpenAsync(resolve(settings.Sqlite ?? "ledger.db"), cancellationToken).ConfigureAwait(false);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
