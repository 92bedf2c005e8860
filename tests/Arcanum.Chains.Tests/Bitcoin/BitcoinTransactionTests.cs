using Arcanum.Chains.Bitcoin;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Bitcoin;

public class BitcoinTransactionTests
{
    public static TheoryData<int> ValidCases => BitcoinVectors.Indices(BitcoinVectors.Transactions.GetProperty("valid"));

    public static TheoryData<int> InvalidCases => BitcoinVectors.Indices(BitcoinVectors.Transactions.GetProperty("invalid").GetProperty("fromBuffer"));

    [Fact]
    public void BitcoinJsFixture_CaseCounts_AreAllRun()
    {
        Assert.Equal(20, ValidCases.Count);
        Assert.Equal(2, InvalidCases.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void TryParse_BitcoinJsValid_RoundTripsByteExactWithTxid(int index)
    {
        var vector = BitcoinVectors.Transactions.GetProperty("valid")[index];
        var bytes = BitcoinVectors.HexOf(vector.GetProperty("hex"));

        Assert.True(BitcoinTransaction.TryParse(bytes, out var transaction, out var error), error);
        Assert.Equal(bytes, transaction!.Serialize());
        Assert.Equal(vector.GetProperty("id").GetString(), transaction.TxidHex);
        Assert.Equal(vector.GetProperty("hash").GetString(), Hex.Encode(transaction.ComputeTxid()));
        var raw = vector.GetProperty("raw");
        Assert.Equal(raw.GetProperty("ins").GetArrayLength(), transaction.Inputs.Count);
        Assert.Equal(raw.GetProperty("outs").GetArrayLength(), transaction.Outputs.Count);
        Assert.Equal(raw.GetProperty("locktime").GetUInt32(), transaction.LockTime);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void TryParse_BitcoinJsInvalid_IsRejected(int index)
    {
        var vector = BitcoinVectors.Transactions.GetProperty("invalid").GetProperty("fromBuffer")[index];

        Assert.False(BitcoinTransaction.TryParse(BitcoinVectors.HexOf(vector.GetProperty("hex")), out var transaction, out var error));
        Assert.Null(transaction);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryParse_Bip341FullySignedTransaction_RoundTripsAndWtxidDiffersFromTxid()
    {
        var transaction = Parse(SegwitHex());

        Assert.Equal(Hex.Decode(SegwitHex()), transaction.Serialize());
        Assert.True(transaction.HasWitness);
        Assert.NotEqual(transaction.ComputeTxid(), transaction.ComputeWtxid());
        Assert.Equal(transaction.Serialize(includeWitness: false), (transaction with { Inputs = [.. transaction.Inputs.Select(i => i with { Witness = [] })] }).Serialize());
    }

    [Fact]
    public void TryParse_EveryTruncation_FailsWithoutThrowing()
    {
        var bytes = Hex.Decode(SegwitHex());
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(BitcoinTransaction.TryParse(bytes.AsSpan(0, length), out _, out var error), $"length {length}");
            Assert.NotEmpty(error);
        }
    }

    [Fact]
    public void TryParse_TrailingByte_IsRejected()
    {
        Assert.False(BitcoinTransaction.TryParse([.. Hex.Decode(SegwitHex()), 0x00], out _, out var error));
        Assert.Contains("trailing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NonCanonicalInputCount_IsRejected()
    {
        // version, then input count 1 written as 0xFD 0x01 0x00 instead of 0x01.
        var canonical = Hex.Decode(LegacyHex());
        byte[] mutated = [.. canonical[..4], 0xFD, 0x01, 0x00, .. canonical[5..]];

        Assert.False(BitcoinTransaction.TryParse(mutated, out _, out var error));
        Assert.Contains("non-canonical", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_HugeOutputCount_IsRejectedBeforeAllocating()
    {
        var canonical = Hex.Decode(LegacyHex());
        var transaction = Parse(LegacyHex());
        var outputCountOffset = canonical.Length - 4 - transaction.Outputs.Sum(o => 9 + o.ScriptPubKey.Length) - 1;
        byte[] mutated = [.. canonical[..outputCountOffset], 0xFE, 0xFF, 0xFF, 0xFF, 0x01, .. canonical[(outputCountOffset + 1)..]];

        Assert.False(BitcoinTransaction.TryParse(mutated, out _, out var error));
        Assert.Contains("output count", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_BadSegwitFlag_IsRejected()
    {
        var bytes = Hex.Decode(SegwitHex());
        bytes[5] = 0x02;

        Assert.False(BitcoinTransaction.TryParse(bytes, out _, out var error));
        Assert.Contains("segwit flag", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_AmountAboveMaximum_IsRejected()
    {
        var transaction = Parse(LegacyHex());
        var bytes = (transaction with { Outputs = [new TxOutput(TxOutput.MaxAmount + 1, new byte[] { 0x51 })] }).Serialize();

        Assert.False(BitcoinTransaction.TryParse(bytes, out _, out var error));
        Assert.Contains("above the maximum", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NoOutputs_IsRejected()
    {
        var bytes = (Parse(LegacyHex()) with { Outputs = [] }).Serialize();

        Assert.False(BitcoinTransaction.TryParse(bytes, out _, out var error));
        Assert.Contains("no outputs", error, StringComparison.Ordinal);
    }

    public static TheoryData<int, string> CompactSizeBoundaries => new()
    {
        { 0xFC, "fc" }, { 0xFD, "fdfd00" }, { 0xFFFF, "fdffff" }, { 0x1_0000, "fe00000100" },
    };

    [Theory]
    [MemberData(nameof(CompactSizeBoundaries))]
    public void TxOutput_ScriptLengthAtCompactSizeBoundary_RoundTripsInShortestForm(int length, string prefix)
    {
        var output = new TxOutput(1, new byte[length]);
        var bytes = output.Serialize();

        Assert.Equal(prefix, Hex.Encode(bytes.AsSpan(8, prefix.Length / 2)));
        Assert.True(TxOutput.TryParse(bytes, out var parsed, out var error), error);
        Assert.Equal(length, parsed!.ScriptPubKey.Length);
    }

    public static TheoryData<string> NonCanonicalLengths => new() { "fdfc00", "fe00010000", "ff0000010000000000" };

    [Theory]
    [MemberData(nameof(NonCanonicalLengths))]
    public void TxOutput_NonCanonicalScriptLength_IsRejected(string lengthHex)
    {
        byte[] bytes = [.. new byte[8], .. Hex.Decode(lengthHex), .. new byte[0x1_0000]];

        Assert.False(TxOutput.TryParse(bytes, out var output, out var error));
        Assert.Null(output);
        Assert.Contains("non-canonical", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TxOutput_ScriptLengthAboveLimit_IsRejected()
    {
        Assert.False(TxOutput.TryParse([.. new byte[8], 0xFF, .. BitConverter.GetBytes(1UL << 40)], out _, out var error));
        Assert.Contains("above the limit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseHex_NotHex_IsRejected()
    {
        Assert.False(BitcoinTransaction.TryParseHex("zz", out _, out var error));
        Assert.Contains("hex", error, StringComparison.Ordinal);
    }

    internal static BitcoinTransaction Parse(string hex)
    {
        Assert.True(BitcoinTransaction.TryParseHex(hex, out var transaction, out var error), error);
        return transaction!;
    }

    private static string LegacyHex() => FixtureHex("Standard transaction (1:1)");

    // The bitcoinjs fixtures are all serialized without witnesses; BIP341's fully signed transaction has them.
    private static string SegwitHex() =>
        BitcoinVectors.Taproot.GetProperty("keyPathSpending")[0].GetProperty("auxiliary").GetProperty("fullySignedTx").GetString()!;

    private static string FixtureHex(string description) =>
        BitcoinVectors.Transactions.GetProperty("valid").EnumerateArray()
            .Single(v => v.GetProperty("description").GetString() == description).GetProperty("hex").GetString()!;
}
