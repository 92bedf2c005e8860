using System.Text.Json;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Tests.Support;

namespace Arcanum.Ledger.Tests.Modules;

/// <summary>GenesisDocument.ToJson writes exactly what TryParse reads (GET /v1/ledger/genesis serves it).</summary>
public sealed class GenesisDocumentJsonTests : IDisposable
{
    private readonly LedgerHarness _ledger = new();

    [Fact]
    public void ToJson_ParsedBack_GivesAnEqualDocument()
    {
        var original = Document(("carol", 7), ("alice", ulong.MaxValue - 10), ("bob", 3));

        Assert.True(GenesisDocument.TryParse(original.ToJson(), out var parsed, out var error), error?.ToString());

        Assert.Equal(original.ChainId, parsed.ChainId);
        Assert.Equal(original.Allocations, parsed.Allocations);
        Assert.Equal(original.ToJson(), parsed.ToJson());
    }

    [Fact]
    public void ToJson_Shape_MembersInOrderAccountsInBech32()
    {
        var document = Document(("alice", 1000));

        var root = JsonDocument.Parse(document.ToJson()).RootElement;

        Assert.Equal(["chainId", "allocations"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(LedgerHarness.ChainId, root.GetProperty("chainId").GetString());
        var allocation = Assert.Single(root.GetProperty("allocations").EnumerateArray());
        Assert.Equal(["account", "balance"], allocation.EnumerateObject().Select(p => p.Name));
        Assert.Equal(_ledger.Id("alice").ToBech32(), allocation.GetProperty("account").GetString());
        Assert.Equal(1000UL, allocation.GetProperty("balance").GetUInt64());
    }

    [Fact]
    public void ToJson_NoAllocations_RoundTrips()
    {
        var document = Document();

        Assert.True(GenesisDocument.TryParse(document.ToJson(), out var parsed, out var error), error?.ToString());
        Assert.Empty(parsed.Allocations);
        Assert.Equal("{\"chainId\":\"arcanum-test\",\"allocations\":[]}", System.Text.Encoding.UTF8.GetString(document.ToJson()));
    }

    public void Dispose() => _ledger.Dispose();

    private GenesisDocument Document(params (string Name, ulong Balance)[] allocations)
    {
        Assert.True(GenesisDocument.TryCreate(LedgerHarness.ChainId, allocations.Select(a => new GenesisAllocation(_ledger.Id(a.Name), a.Balance)), out var document, out var error), error?.ToString());
        return document;
    }
}
