using Arcanum.Storage.Ledger;

namespace Arcanum.Storage.Tests.Ledger;

/// <summary>The ledger store contract on the in-memory reference store.</summary>
public sealed class InMemoryLedgerStoreTests : LedgerStoreContractTests
{
    public override Task DisposeAsync() => Ledger.DisposeAsync().AsTask();

    protected override Task<ILedgerStore> OpenFreshLedgerAsync() => Task.FromResult<ILedgerStore>(new InMemoryLedgerStore());
}
