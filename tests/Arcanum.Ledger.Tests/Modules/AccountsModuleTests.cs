using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Tests.Support;

namespace Arcanum.Ledger.Tests.Modules;

/// <summary>accounts: genesis, transfer and its failure modes, balance query.</summary>
public sealed class AccountsModuleTests : IDisposable
{
    private readonly LedgerHarness _ledger = new(("alice", 1000), ("bob", ulong.MaxValue - 1000));

    [Fact]
    public void Transfer_WithinBalance_MovesAmountAndEmitsEvent()
    {
        var events = _ledger.Include("alice", "accounts", "transfer", new TransferArgs(_ledger.Id("carol"), 300).Encode());

        Assert.Equal(700UL, AccountsState.Balance(_ledger.State, _ledger.Id("alice")));
        Assert.Equal(300UL, AccountsState.Balance(_ledger.State, _ledger.Id("carol")));
        var transfer = Assert.Single(events);
        Assert.Equal(("accounts", "transfer"), (transfer.Module, transfer.Name));
        Assert.Equal(_ledger.Id("alice").ToBech32(), transfer.Attribute("from"));
        Assert.Equal(_ledger.Id("carol").ToBech32(), transfer.Attribute("to"));
        Assert.Equal("300", transfer.Attribute("amount"));
    }

    [Fact]
    public void Transfer_WholeBalance_DeletesTheBalanceKey()
    {
        _ledger.Include("alice", "accounts", "transfer", new TransferArgs(_ledger.Id("carol"), 1000).Encode());

        Assert.Null(_ledger.State.Get(AccountsState.BalanceKey(_ledger.Id("alice"))));
        Assert.Equal(0UL, AccountsState.Balance(_ledger.State, _ledger.Id("alice")));
    }

    [Fact]
    public void Transfer_OverBalance_RejectedAsInsufficient() =>
        _ledger.Reject("alice", "accounts", "transfer", new TransferArgs(_ledger.Id("carol"), 1001).Encode(), ErrorCodes.InsufficientBalance);

    [Fact]
    public void Transfer_FromEmptyAccount_RejectedAsInsufficient() =>
        _ledger.Reject("carol", "accounts", "transfer", new TransferArgs(_ledger.Id("alice"), 1).Encode(), ErrorCodes.InsufficientBalance);

    [Fact]
    public void Transfer_Zero_Rejected() =>
        _ledger.Reject("alice", "accounts", "transfer", new TransferArgs(_ledger.Id("carol"), 0).Encode(), ErrorCodes.ZeroAmount);

    [Fact]
    public void Transfer_ToSelf_Rejected() =>
        _ledger.Reject("alice", "accounts", "transfer", new TransferArgs(_ledger.Id("alice"), 1).Encode(), ErrorCodes.SelfTransfer);

    [Fact]
    public void Transfer_RecipientWouldOverflow_Rejected()
    {
        // Bob holds 2^64 − 1 − 1000 and the supply is 2^64 − 1, so no honest history overflows him; give Alice
        // 1001 directly in state to reach the check.
        _ledger.State.Set(AccountsState.BalanceKey(_ledger.Id("alice")), StateKey.UInt64(1001));

        _ledger.Reject("alice", "accounts", "transfer", new TransferArgs(_ledger.Id("bob"), 1001).Encode(), ErrorCodes.BalanceOverflow);
    }

    [Fact]
    public void Genesis_Apply_WritesBalancesSupplyAndChainId()
    {
        Assert.Equal(1000UL, AccountsState.Balance(_ledger.State, _ledger.Id("alice")));
        Assert.Equal(ulong.MaxValue, AccountsState.Supply(_ledger.State));
        Assert.Equal(LedgerHarness.ChainId, System.Text.Encoding.UTF8.GetString(_ledger.State.Get(GenesisDocument.ChainIdKey())!));
        Assert.Throws<InvalidOperationException>(() => GenesisOf(("alice", 1)).Apply(_ledger.State));
    }

    [Fact]
    public void Genesis_TryParse_ValidDocument_SortedAllocations()
    {
        var json = $$"""{"chainId":"arcanum-dev","allocations":[{"account":"{{_ledger.Id("bob").ToBech32()}}","balance":5},{"account":"{{_ledger.Id("alice").ToHex()}}","balance":7}]}""";

        Assert.True(GenesisDocument.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out var genesis, out var error), error?.ToString());
        Assert.Equal("arcanum-dev", genesis.ChainId);
        Assert.Equal(2, genesis.Allocations.Count);
        Assert.True(genesis.Allocations[0].Account.CompareTo(genesis.Allocations[1].Account) < 0);
    }

    public static TheoryData<string, string> BadGenesis => new()
    {
        { """{"chainId":"Bad","allocations":[]}""", "chainId" },
        { """{"allocations":[]}""", "chainId" },
        { """{"chainId":"c","allocations":[],"extra":1}""", "extra" },
        { """{"chainId":"c","chainId":"d","allocations":[]}""", "chainId" },
        { """{"chainId":"c","allocations":{}}""", "allocations" },
        { """{"chainId":"c","allocations":[{"account":"nope","balance":1}]}""", "allocations[0].account" },
        { """{"chainId":"c","allocations":[{"account":"ACCOUNT","balance":-1}]}""", "allocations[0].balance" },
        { """{"chainId":"c","allocations":[{"account":"HEX","balance":1.5}]}""", "allocations[0].balance" },
        { """{"chainId":"c","allocations":[{"account":"HEX"}]}""", "allocations[0].balance" },
        { """{"chainId":"c","allocations":[{"account":"HEX","balance":0}]}""", "allocations[HEX].balance" },
        { """{"chainId":"c","allocations":[{"account":"HEX","balance":1},{"account":"HEX","balance":2}]}""", "allocations[HEX]" },
        { """{"chainId":"c","allocations":[{"account":"HEX","balance":18446744073709551615},{"account":"OTHER","balance":1}]}""", "allocations" },
        { """{"chainId":"c",""", string.Empty },
    };

    [Theory]
    [MemberData(nameof(BadGenesis))]
    public void Genesis_TryParse_BadDocument_NamesField(string template, string field)
    {
        var hex = _ledger.Id("alice").ToHex();
        var other = _ledger.Id("bob").ToHex();
        var json = template.Replace("ACCOUNT", hex, StringComparison.Ordinal).Replace("OTHER", other, StringComparison.Ordinal).Replace("HEX", hex, StringComparison.Ordinal);
        var named = field.Replace("HEX", _ledger.Id("alice").ToBech32(), StringComparison.Ordinal);

        Assert.False(GenesisDocument.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Equal(named, error.Field);
    }

    public void Dispose() => _ledger.Dispose();

    private GenesisDocument GenesisOf(params (string Name, ulong Balance)[] allocations)
    {
        Assert.True(GenesisDocument.TryCreate("arcanum-test", allocations.Select(a => new GenesisAllocation(_ledger.Id(a.Name), a.Balance)), out var genesis, out _));
        return genesis;
    }
}
