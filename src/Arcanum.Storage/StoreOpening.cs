namespace Arcanum.Storage;

/// <summary>How every store is opened: construct it, run a first check against the database, dispose it if that fails.</summary>
internal static class StoreOpening
{
    /// <summary>Returns <paramref name="store"/> once <paramref name="check"/> passed; disposes it and rethrows otherwise.</summary>
    public static async Task<TStore> CheckedAsync<TStore>(TStore store, Func<TStore, Task> check)
        where TStore : IAsyncDisposable
    {
        try
        {
            await check(store).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
