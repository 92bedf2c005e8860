using Arcanum.Crypto.Encoding;
using Arcanum.Ledger.Accounts;

namespace Arcanum.Ledger.Tests.Accounts;

/// <summary>Account ids: the Ed25519 key itself, as arc1… Bech32 (BIP173) or hex, parsed strictly.</summary>
public sealed class AccountIdTests
{
    // Computed with an independent transcription of the BIP173 reference algorithm.
    private const string Sequential = "arc1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0scdaguh";
    private const string Zero = "arc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq3ek2uw";

    public static TheoryData<string, byte[]> KnownIds => new()
    {
        { Sequential, [.. Enumerable.Range(0, 32).Select(i => (byte)i)] },
        { Zero, new byte[32] },
    };

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void ToBech32_KnownKey_MatchesIndependentEncoding(string expected, byte[] key)
    {
        var id = AccountId.FromBytes(key);

        Assert.Equal(expected, id.ToBech32());
        Assert.True(AccountId.TryParse(expected, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public void TryParse_Hex_RoundTrips()
    {
        var id = AccountId.FromBytes([.. Enumerable.Range(100, 32).Select(i => (byte)i)]);

        Assert.Equal(64, id.ToHex().Length);
        Assert.True(AccountId.TryParse(id.ToHex(), out var parsed));
        Assert.Equal(id, parsed);
    }

    public static TheoryData<string?> Malformed => new()
    {
        null,
        string.Empty,
        Sequential.ToUpperInvariant(),
        Sequential[..^1] + "j",
        "arc1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0s",
        Bech32.Encode("arc", Bech32.ToFiveBitGroups(new byte[32]), Bech32Variant.Bech32m),
        Bech32.Encode("arc", Bech32.ToFiveBitGroups(new byte[31]), Bech32Variant.Bech32),
        Bech32.Encode("arc", Bech32.ToFiveBitGroups(new byte[33]), Bech32Variant.Bech32),
        Bech32.Encode("cosmos", Bech32.ToFiveBitGroups(new byte[32]), Bech32Variant.Bech32),
        new string('0', 63),
        new string('0', 65),
        new string('A', 64),
        new string('g', 64),
        " " + new string('0', 64),
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_Malformed_ReturnsFalse(string? text)
    {
        Assert.False(AccountId.TryParse(text, out var id));
        Assert.Null(id);
    }

    [Fact]
    public void TryParse_NonZeroPaddingBits_ReturnsFalse()
    {
        // 32 bytes are 256 bits = 51.2 groups of 5: the last group carries 4 padding bits, which must be zero.
        var groups = Bech32.ToFiveBitGroups(new byte[32]);
        groups[^1] = 1;

        Assert.False(AccountId.TryParse(Bech32.Encode("arc", groups, Bech32Variant.Bech32), out _));
    }

    [Fact]
    public void TryFromBytes_WrongLength_ReturnsFalse()
    {
        Assert.False(AccountId.TryFromBytes(new byte[31], out _));
        Assert.Throws<ArgumentException>(() => AccountId.FromBytes(new byte[33]));
    }
}
