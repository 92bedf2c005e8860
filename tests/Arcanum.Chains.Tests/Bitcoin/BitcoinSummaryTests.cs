using System.Numerics;
using Arcanum.Chains.Bitcoin;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Bitcoin;

/// <summary>BitcoinSigningPlan.Summarize: every non-change output, its address per network, and their sum.</summary>
public sealed class BitcoinSummaryTests : IDisposable
{
    // Scripts and addresses from BIP173 (P2WPKH, P2WSH), BIP86's first receiving address (P2TR) and the genesis coinbase (P2PKH).
    private const string P2wpkhScript = "0014751e76e8199196d454941c45d1b3a323f1433bd6";
    private const string P2wshScript = "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262";
    private const string P2trScript = "5120a60869f0dbcf1dc659c9cecbaf8050135ea9e8cdc487053f1dc6880949dc684c";
    private const string P2pkhScript = "76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac";
    private const string P2shScript = "a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1887";
    private const string OpReturnScript = "6a0461726361";

    private readonly Arcanum.Crypto.Signatures.Secp256k1PrivateKey _ecdsaKey = TestPsbt.Key(0x21);
    private readonly Arcanum.Crypto.Signatures.Secp256k1PrivateKey _taprootKey = TestPsbt.Key(0x42);

    private byte[] OwnP2wpkh => BitcoinScripts.P2wpkh(_ecdsaKey.PublicKey);

    private byte[] OwnP2tr => BitcoinScripts.P2tr(Taproot.Bip86(_taprootKey.XOnlyPublicKey).OutputKey);

    public void Dispose()
    {
        _ecdsaKey.Dispose();
        _taprootKey.Dispose();
    }

    [Fact]
    public void Summarize_EveryScriptKindAndChange_ListsOthersAndSumsThem()
    {
        var plan = P2wpkhPlan(
            Out(10, P2wpkhScript), Out(20, P2wshScript), Out(30, P2trScript), Out(40, P2pkhScript), Out(50, P2shScript),
            Out(0, OpReturnScript), new TxOutput(999_000, OwnP2wpkh));

        var summary = plan.Summarize(Networks.Bitcoin);

        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.Equal(
            [
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
                "bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr",
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
                Base58Check.Encode([0x05, .. Hex.Decode(P2shScript.AsSpan(4, 40))]),
                "script:" + OpReturnScript,
            ],
            summary.Destinations);
        Assert.StartsWith("3", summary.Destinations[4], StringComparison.Ordinal);
        Assert.Equal(new BigInteger(150), summary.Amount);
    }

    [Fact]
    public void Summarize_TestnetAndLitecoin_UseTheirHrpAndVersionBytes()
    {
        var plan = P2wpkhPlan(Out(1, P2wshScript), Out(2, P2pkhScript), Out(3, P2shScript));

        var testnet = plan.Summarize(Networks.BitcoinTestnet).Destinations;
        Assert.Equal("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", testnet[0]);
        Assert.Equal(Base58Check.Encode([0x6F, .. Hex.Decode(P2pkhScript.AsSpan(6, 40))]), testnet[1]);
        Assert.Contains(testnet[1][0], "mn");
        Assert.StartsWith("2", testnet[2], StringComparison.Ordinal);
        Assert.StartsWith("bcrt1q", plan.Summarize(Networks.BitcoinRegtest).Destinations[0], StringComparison.Ordinal);

        var litecoin = plan.Summarize(Networks.Litecoin).Destinations;
        Assert.StartsWith("ltc1q", litecoin[0], StringComparison.Ordinal);
        Assert.StartsWith("L", litecoin[1], StringComparison.Ordinal);
        Assert.StartsWith("M", litecoin[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_OnlyChange_NativeWithNoDestinationsAndZero()
    {
        var summary = P2wpkhPlan(new TxOutput(5_000, OwnP2wpkh)).Summarize(Networks.Bitcoin);
        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.Empty(summary.Destinations);
        Assert.Equal(BigInteger.Zero, summary.Amount);
    }

    [Fact]
    public void Summarize_TaprootPlan_ChangeIsTheTaprootOutputNotTheOtherKeys()
    {
        var plan = Plan(taproot: true, new TxOutput(7, OwnP2tr), new TxOutput(11, OwnP2wpkh));
        var summary = plan.Summarize(Networks.Bitcoin);
        Assert.Equal([BitcoinScripts.P2wpkhAddress(Networks.Bitcoin, _ecdsaKey.PublicKey)], summary.Destinations);
        Assert.Equal(new BigInteger(11), summary.Amount);
    }

    [Fact]
    public void Summarize_SameAddressTwice_ListedOnceAndBothCounted()
    {
        var summary = P2wpkhPlan(Out(4, P2wpkhScript), Out(6, P2wpkhScript)).Summarize(Networks.Bitcoin);
        Assert.Single(summary.Destinations);
        Assert.Equal(new BigInteger(10), summary.Amount);
    }

    [Fact]
    public void Summarize_OutputsSummingAboveInt64_KeepsTheExactSum()
    {
        const int count = 1_100; // 1,100 × 8.4·10¹⁵ > 2⁶³ − 1
        // OP_TRUE outputs keep the unsigned transaction under the 64 KiB the test PSBT writer's CompactSize takes.
        var outputs = Enumerable.Range(0, count).Select(_ => Out(TxOutput.MaxAmount, "51")).ToArray();
        var summary = P2wpkhPlan(outputs).Summarize(Networks.Bitcoin);
        Assert.Equal(["script:51"], summary.Destinations);
        Assert.Equal(new BigInteger(TxOutput.MaxAmount) * count, summary.Amount);
        Assert.True(summary.Amount > long.MaxValue);
    }

    [Theory]
    [InlineData("0014751e76e8199196d454941c45d1b3a323f1433b")]                   // P2WPKH program one byte short
    [InlineData("76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888")]             // P2PKH without OP_CHECKSIG
    [InlineData("5220a60869f0dbcf1dc659c9cecbaf8050135ea9e8cdc487053f1dc6880949dc684c")] // witness v2
    [InlineData("")]
    public void ToAddress_NotAStandardTemplate_IsScriptHex(string script) =>
        Assert.Equal("script:" + script, BitcoinScripts.ToAddress(Networks.Bitcoin, Hex.Decode(script)));

    private static TxOutput Out(long amount, string script) => new(amount, Hex.Decode(script));

    private BitcoinSigningPlan P2wpkhPlan(params TxOutput[] outputs) => Plan(taproot: false, outputs);

    /// <summary>One input per output (at least two): the first pays the P2TR key, the others the P2WPKH key, each the maximum amount.</summary>
    private BitcoinSigningPlan Plan(bool taproot, params TxOutput[] outputs)
    {
        var inputs = Math.Max(2, outputs.Length);
        var builder = new TestPsbt(TestPsbt.Spending(inputs, outputs)).WitnessUtxo(0, new TxOutput(TxOutput.MaxAmount, OwnP2tr));
        for (var i = 1; i < inputs; i++)
        {
            builder.WitnessUtxo(i, new TxOutput(TxOutput.MaxAmount, OwnP2wpkh));
        }

        var psbt = builder.Parse();
        var planned = taproot
            ? BitcoinSigner.TryPlanP2tr(psbt, _taprootKey.XOnlyPublicKey, out var plan, out var error)
            : BitcoinSigner.TryPlanP2wpkh(psbt, _ecdsaKey.PublicKey, out plan, out error);
        Assert.True(planned, error);
        return plan!;
    }
}
