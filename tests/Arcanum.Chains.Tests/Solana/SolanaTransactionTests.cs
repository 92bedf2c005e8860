using Arcanum.Chains.Solana;

namespace Arcanum.Chains.Tests.Solana;

public sealed class SolanaTransactionTests
{
    public static TheoryData<string> Fixtures => ["legacy", "v0"];

    private static byte[] Wire(string fixture) => (fixture == "legacy"
        ? SolanaFixtures.Legacy(SolanaFixtures.Filled(0x11))
        : SolanaFixtures.Versioned(SolanaFixtures.Filled(0x11), SolanaFixtures.Filled(0x12))).Serialize();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TryParse_BuiltTransaction_ReserializesByteForByte(string fixture)
    {
        var wire = Wire(fixture);

        Assert.True(SolanaTransaction.TryParse(wire, out var parsed, out var error), error);

        Assert.Equal(wire, parsed.Serialize());
        Assert.Equal(fixture == "v0", parsed.Message.IsVersioned);
        Assert.Equal(parsed.Message.Header.NumRequiredSignatures, parsed.Signatures.Count);
    }

    [Fact]
    public void Serialize_Legacy_HasTheDocumentedLayout()
    {
        var wire = Wire("legacy");

        // 1 signature, 64 bytes, header 01 00 01, 3 keys, 32-byte blockhash, 1 instruction: program 2, accounts [0,1], 12 data bytes.
        Assert.Equal([0x01], wire[..1]);
        Assert.Equal([0x01, 0x00, 0x01, 0x03], wire[65..69]);
        Assert.Equal([0x01, 0x02, 0x02, 0x00, 0x01, 0x0c], wire[(69 + 96 + 32)..(69 + 96 + 32 + 6)]);
        Assert.Equal(69 + 96 + 32 + 6 + 12, wire.Length);
    }

    [Fact]
    public void Serialize_V0_PrefixAndTwoByteCompactLength()
    {
        var wire = Wire("v0");
        var message = wire[(1 + 128)..];

        Assert.Equal(0x80, message[0]);

        // Program 2, accounts [1, 5], then the 200-byte data prefixed by compact-u16 200 = c8 01.
        Assert.Contains("02020105c801", Convert.ToHexStringLower(message), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TryParse_EveryTruncation_Rejected(string fixture)
    {
        var wire = Wire(fixture);
        for (var length = 0; length < wire.Length; length++)
        {
            Assert.False(SolanaTransaction.TryParse(wire.AsSpan(0, length), out _, out var error), $"length {length}");
            Assert.NotEmpty(error);
        }
    }

    /// <summary>Every single-byte change either is refused or parses to a transaction that serializes back to exactly the changed bytes.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TryParse_EverySingleByteMutation_RefusedOrCanonical(string fixture)
    {
        var wire = Wire(fixture);
        var refused = 0;
        foreach (var flip in new byte[] { 0x01, 0x80, 0xff })
        {
            for (var position = 0; position < wire.Length; position++)
            {
                var mutated = (byte[])wire.Clone();
                mutated[position] ^= flip;
                if (SolanaTransaction.TryParse(mutated, out var parsed, out _))
                {
                    Assert.Equal(mutated, parsed.Serialize());
                }
                else
                {
                    refused++;
                }
            }
        }

        Assert.InRange(refused, 1, (3 * wire.Length) - 1);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TryParse_TrailingByte_Rejected(string fixture)
    {
        Assert.False(SolanaTransaction.TryParse([.. Wire(fixture), 0], out _, out var error));
        Assert.Contains("trailing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SignatureCountNotTheHeaders_Rejected()
    {
        var transaction = SolanaFixtures.Legacy(SolanaFixtures.Filled(0x11));
        var wire = (transaction with { Signatures = [new byte[64], new byte[64]] }).Serialize();

        Assert.False(SolanaTransaction.TryParse(wire, out _, out var error));
        Assert.Contains("signatures: 2 given", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NonCanonicalCompactU16_Rejected()
    {
        var wire = Wire("legacy");

        // The signature count 1 written in two bytes (81 00) instead of one.
        Assert.False(SolanaTransaction.TryParse([0x81, 0x00, .. wire[1..]], out _, out var error));
        Assert.Contains("non-canonical compact-u16", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OverlongCompactU16_Rejected()
    {
        var wire = Wire("legacy");

        Assert.False(SolanaTransaction.TryParse([0xff, 0xff, 0x04, .. wire[1..]], out _, out var error));
        Assert.Contains("compact-u16", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_HugeCount_RejectedBeforeAllocating()
    {
        // 65535 signatures announced, a few bytes present.
        Assert.False(SolanaTransaction.TryParse([0xff, 0xff, 0x03, 0, 0, 0], out _, out var error));
        Assert.Contains("runs past the end", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnsupportedVersion_Rejected()
    {
        var wire = Wire("v0");
        wire[1 + 128] = 0x81;

        Assert.False(SolanaTransaction.TryParse(wire, out _, out var error));
        Assert.Contains("version 1 is not supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OverMaxSize_Rejected()
    {
        Assert.False(SolanaTransaction.TryParse(new byte[SolanaTransaction.MaxSize + 1], out _, out var error));
        Assert.Contains("1232", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> SanitizeViolations => new()
    {
        { "readonly-payer", "fee payer must be writable" },
        { "too-many-signers", "account keys" },
        { "duplicate-key", "listed twice" },
        { "program-is-payer", "program index 0" },
        { "program-out-of-range", "program index 9" },
        { "account-out-of-range", "not below 3" },
        { "empty-lookup", "loads no account" },
        { "program-from-lookup", "program index 3" },
    };

    [Theory]
    [MemberData(nameof(SanitizeViolations))]
    public void TryParse_SanitizeViolation_RejectedNamingIt(string violation, string expected)
    {
        var legacy = SolanaFixtures.Legacy(SolanaFixtures.Filled(0x11));
        var v0 = SolanaFixtures.Versioned(SolanaFixtures.Filled(0x11), SolanaFixtures.Filled(0x12));
        var m = legacy.Message;
        var transaction = violation switch
        {
            "readonly-payer" => legacy with { Message = m with { Header = new SolanaMessageHeader(1, 1, 1) } },
            "too-many-signers" => legacy with { Message = m with { Header = new SolanaMessageHeader(1, 0, 3) } },
            "duplicate-key" => legacy with { Message = m with { AccountKeys = [m.AccountKeys[0], m.AccountKeys[0], m.AccountKeys[2]] } },
            "program-is-payer" => legacy with { Message = m with { Instructions = [new SolanaInstruction(0, new byte[] { 1 }, new byte[1])] } },
            "program-out-of-range" => legacy with { Message = m with { Instructions = [new SolanaInstruction(9, new byte[] { 1 }, new byte[1])] } },
            "account-out-of-range" => legacy with { Message = m with { Instructions = [new SolanaInstruction(2, new byte[] { 3 }, new byte[1])] } },
            "empty-lookup" => v0 with { Message = v0.Message with { AddressTableLookups = [new SolanaAddressTableLookup(SolanaFixtures.Filled(7), new byte[0], new byte[0])] } },
            _ => v0 with { Message = v0.Message with { Instructions = [new SolanaInstruction(3, new byte[] { 1 }, new byte[1])] } },
        };

        Assert.False(SolanaTransaction.TryParse(transaction.Serialize(), out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LookupIndexInRange_Accepted()
    {
        var v0 = SolanaFixtures.Versioned(SolanaFixtures.Filled(0x11), SolanaFixtures.Filled(0x12));

        // 3 static keys and 3 loaded accounts: index 5 is the last valid one, 6 is not.
        var last = v0 with { Message = v0.Message with { Instructions = [new SolanaInstruction(2, new byte[] { 5 }, new byte[1])] } };
        var beyond = v0 with { Message = v0.Message with { Instructions = [new SolanaInstruction(2, new byte[] { 6 }, new byte[1])] } };

        Assert.True(SolanaTransaction.TryParse(last.Serialize(), out _, out _));
        Assert.False(SolanaTransaction.TryParse(beyond.Serialize(), out _, out _));
    }
}
