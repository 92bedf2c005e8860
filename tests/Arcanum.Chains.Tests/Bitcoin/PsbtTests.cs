using Arcanum.Chains.Bitcoin;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Bitcoin;

public class PsbtTests
{
    [Fact]
    public void TryParse_EveryKnownAndUnknownField_RoundTripsByteExact()
    {
        using var key = TestPsbt.Key(0x11);
        var pubkey = TestPsbt.Compressed(key.PublicKey);
        var xonly = new byte[32];
        key.XOnlyPublicKey.Encode(xonly);
        var bytes = Sample()
            .Global([0x01, .. new byte[78]], [1, 2, 3, 4, 0x2C, 0, 0, 0x80])
            .Global([0xFB], [0, 0, 0, 0])
            .Global([0xFC, 0x05, .. "arcan"u8.ToArray(), 0x01], [0xDE, 0xAD])
            .Input(0, [0x03], [0x01, 0, 0, 0])
            .Input(0, [0x06, .. pubkey], [0xAA, 0xBB, 0xCC, 0xDD, 0, 0, 0, 0])
            .Input(0, [0x17], xonly)
            .Input(0, [0x16, .. xonly], [0x01, .. new byte[32], 0xAA, 0xBB, 0xCC, 0xDD, 5, 0, 0, 0])
            .Input(0, [0x13], new byte[64])
            .Input(0, [0x42, 0x01], [0x07])
            .Output(0, [0x02], xonly)
            .Output(0, [0x99], [])
            .Build();

        Assert.True(Psbt.TryParse(bytes, out var psbt, out var error), error);

        Assert.Equal(bytes, psbt!.Serialize());
        Assert.Equal(Convert.ToBase64String(bytes), psbt.ToBase64());
        var input = psbt.Inputs[0];
        Assert.Equal(30_000, input.WitnessUtxo!.Amount);
        Assert.Equal(1u, input.SighashType);
        Assert.Equal(0xDDCCBBAAu, Assert.Single(input.Bip32Derivations).Origin.Fingerprint);
        Assert.Equal([5u], Assert.Single(input.TapBip32Derivations).Origin.Path);
        Assert.Equal(xonly, input.TapInternalKey!.Value.ToArray());
        Assert.Equal(64, input.TapKeySignature!.Value.Length);
        Assert.Equal(2, psbt.Outputs[0].Count);
    }

    [Fact]
    public void TryParseBase64_SamplePsbt_RoundTrips()
    {
        var base64 = Convert.ToBase64String(Sample().Build());

        Assert.True(Psbt.TryParseBase64(base64, out var psbt, out var error), error);
        Assert.Equal(base64, psbt!.ToBase64());
    }

    public static TheoryData<string, string> NotBase64 => new() { { "cHNidP8=!", "base64" }, { "cHNidP8", "base64" } };

    [Theory]
    [MemberData(nameof(NotBase64))]
    public void TryParseBase64_NotCanonicalBase64_IsRejected(string text, string expected)
    {
        Assert.False(Psbt.TryParseBase64(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EveryTruncation_FailsWithoutThrowing()
    {
        var bytes = Sample().Input(0, [0x42], [1, 2, 3]).Build();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(Psbt.TryParse(bytes.AsSpan(0, length), out _, out var error), $"length {length}");
            Assert.NotEmpty(error);
        }
    }

    public static TheoryData<string, string> Mutations => new()
    {
        { "duplicate", "twice" },
        { "trailing", "trailing" },
        { "magic", "magic" },
        { "signed-tx", "scriptSig or witness" },
        { "no-tx", "unsigned transaction" },
        { "version-2", "only PSBT version 0" },
        { "witness-utxo-trailing", "witness_utxo" },
        { "witness-utxo-key-data", "witness_utxo key data" },
        { "partial-sig-bad-key", "partial_sig key" },
        { "sighash-length", "sighash_type value" },
        { "bip32-origin", "bip32_derivation key origin" },
        { "tap-key-sig-length", "tap_key_sig value" },
        { "tap-internal-key-off-curve", "tap_internal_key" },
        { "final-witness-trailing", "final_scriptwitness" },
        { "non-witness-utxo-mismatch", "non_witness_utxo has txid" },
        { "key-too-long", "above the limit" },
        { "global-v2-field", "PSBT version 2" },
        { "input-v2-field", "PSBT version 2" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void TryParse_Mutation_IsRejectedNamingTheField(string mutation, string expected)
    {
        var bytes = Mutate(mutation);

        Assert.False(Psbt.TryParse(bytes, out var psbt, out var error));
        Assert.Null(psbt);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MissingSeparatorOnLastMap_IsRejected()
    {
        var bytes = Sample().Build();

        Assert.False(Psbt.TryParse(bytes.AsSpan(0, bytes.Length - 1), out _, out var error));
        Assert.Contains("separator", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NonWitnessUtxoMatchingWitnessUtxo_IsAccepted()
    {
        var previous = TestPsbt.Spending(1, new TxOutput(30_000, new byte[] { 0x51 }));
        var transaction = TestPsbt.Spending(1, new TxOutput(20_000, new byte[] { 0x51 }));
        transaction = transaction.WithInput(0, transaction.Inputs[0] with { PreviousOutput = new OutPoint(previous.ComputeTxid(), 0) });
        var bytes = new TestPsbt(transaction).Input(0, [0x00], previous.Serialize()).WitnessUtxo(0, previous.Outputs[0]).Build();

        Assert.True(Psbt.TryParse(bytes, out var psbt, out var error), error);
        Assert.Equal(previous.TxidHex, psbt!.Inputs[0].NonWitnessUtxo!.TxidHex);
    }

    [Fact]
    public void TryExtract_UnfinalizedInput_NamesIt()
    {
        Assert.False(Sample().Parse().TryExtract(out _, out var error));
        Assert.Contains("Inputs 0", error, StringComparison.Ordinal);
    }

    private static TestPsbt Sample() =>
        new TestPsbt(TestPsbt.Spending(1, new TxOutput(20_000, Hex.Decode("0014751e76e8199196d454941c45d1b3a323f1433bd6"))))
            .WitnessUtxo(0, new TxOutput(30_000, Hex.Decode("0014751e76e8199196d454941c45d1b3a323f1433bd6")));

    private static byte[] Mutate(string mutation)
    {
        var transaction = TestPsbt.Spending(1, new TxOutput(20_000, new byte[] { 0x51 }));
        return mutation switch
        {
            "duplicate" => Sample().Input(0, [0x42], [1]).Input(0, [0x42], [2]).Build(),
            "trailing" => [.. Sample().Build(), 0x00],
            "magic" => [0x70, 0x73, 0x62, 0x74, 0xFE, .. Sample().Build()[5..]],
            "signed-tx" => new TestPsbt(transaction.WithInput(0, transaction.Inputs[0] with { ScriptSig = new byte[] { 0x51 } })).Build(),
            "no-tx" => [0x70, 0x73, 0x62, 0x74, 0xFF, 0x00],
            "version-2" => Sample().Global([0xFB], [2, 0, 0, 0]).Build(),
            "witness-utxo-trailing" => new TestPsbt(transaction).Input(0, [0x01], [.. new TxOutput(1, new byte[] { 0x51 }).Serialize(), 0x00]).Build(),
            "witness-utxo-key-data" => new TestPsbt(transaction).Input(0, [0x01, 0x00], new TxOutput(1, new byte[] { 0x51 }).Serialize()).Build(),
            "partial-sig-bad-key" => Sample().Input(0, [0x02, 0x02, .. Enumerable.Repeat((byte)0xFF, 32)], new byte[71]).Build(),
            "sighash-length" => Sample().Input(0, [0x03], [1, 0, 0]).Build(),
            "bip32-origin" => Sample().Input(0, [0x06, .. TestPsbt.Compressed(TestPsbt.Key(0x11).PublicKey)], [1, 2, 3]).Build(),
            "tap-key-sig-length" => Sample().Input(0, [0x13], new byte[63]).Build(),
            "tap-internal-key-off-curve" => Sample().Input(0, [0x17], Enumerable.Repeat((byte)0xFF, 32).ToArray()).Build(),
            "final-witness-trailing" => Sample().Input(0, [0x08], [0x01, 0x01, 0xAA, 0xBB]).Build(),
            "non-witness-utxo-mismatch" => Sample().Input(0, [0x00], transaction.Serialize()).Build(),
            "key-too-long" => Sample().Input(0, [0x42, .. new byte[Psbt.MaxKeyLength]], [1]).Build(),
            "global-v2-field" => Sample().Global([0x04], [0x01]).Build(),
            "input-v2-field" => Sample().Input(0, [0x0E], new byte[32]).Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
        };
    }
}
