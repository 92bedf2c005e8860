using Arcanum.Chains.Bitcoin;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Tests.Bitcoin;

public sealed class BitcoinSignerTests : IDisposable
{
    private static readonly byte[] AuxRand = new byte[32];

    private readonly Secp256k1PrivateKey _ecdsaKey = TestPsbt.Key(0x21);
    private readonly Secp256k1PrivateKey _taprootKey = TestPsbt.Key(0x42);

    private TxOutput P2wpkhUtxo => new(50_000, BitcoinScripts.P2wpkh(_ecdsaKey.PublicKey));

    private TxOutput P2trUtxo => new(70_000, BitcoinScripts.P2tr(Taproot.Bip86(_taprootKey.XOnlyPublicKey).OutputKey));

    public void Dispose()
    {
        _ecdsaKey.Dispose();
        _taprootKey.Dispose();
    }

    [Fact]
    public void SignEndToEnd_P2wpkhAndP2trInputs_EveryWitnessVerifiesAgainstIndependentSighash()
    {
        var psbt = TwoInputPsbt().Input(1, [0x17], XOnly(_taprootKey.XOnlyPublicKey)).Parse();

        // The ECDSA key signs its P2WPKH input; the P2TR input is not yet signed, so nothing is finalized.
        Assert.True(BitcoinSigner.TryPlanP2wpkh(psbt, _ecdsaKey.PublicKey, out var ecdsaPlan, out var error), error);
        var ecdsaItem = Assert.Single(ecdsaPlan!.Items);
        Assert.Equal((0, SignatureKind.EcdsaSecp256k1, 0), (ecdsaItem.InputIndex, ecdsaItem.Item.Kind, ecdsaItem.TaprootTweak.Length));
        Assert.True(ecdsaPlan.TryComplete([SignEcdsa(ecdsaItem)], out var halfSigned, out error), error);
        Assert.Null(halfSigned!.SignedTransactionHex);
        var partial = Assert.Single(halfSigned.Psbt.Inputs[0].PartialSignatures);
        Assert.Equal(SighashType.All, partial.Signature.Span[^1]);

        // The PSBT travels as base64 to the taproot key, which signs with its secret tweaked by t.
        Assert.True(Psbt.TryParseBase64(halfSigned.PsbtBase64, out var received, out error), error);
        Assert.True(BitcoinSigner.TryPlanP2tr(received!, _taprootKey.XOnlyPublicKey, out var taprootPlan, out error), error);
        var taprootItem = Assert.Single(taprootPlan!.Items);
        Assert.Equal((1, SignatureKind.Bip340Taproot), (taprootItem.InputIndex, taprootItem.Item.Kind));
        Assert.Equal(TaggedHash.TapTweak.Hash(XOnly(_taprootKey.XOnlyPublicKey)), taprootItem.TaprootTweak.ToArray());
        Assert.True(taprootPlan.TryComplete([SignTaproot(taprootItem)], out var signed, out error), error);

        Assert.NotNull(signed!.SignedTransactionHex);
        var transaction = BitcoinTransactionTests.Parse(signed.SignedTransactionHex);
        Assert.Equal(signed.Txid, transaction.TxidHex);
        Assert.Equal(psbt.UnsignedTransaction.TxidHex, transaction.TxidHex);
        Assert.All(signed.Psbt.Inputs, input => Assert.True(input.IsFinalized && input.PartialSignatures.Count == 0 && input.TapKeySignature is null));
        Assert.Empty(signed.Psbt.Inputs[0].Bip32Derivations);
        Assert.Contains(signed.Psbt.Inputs[0].Entries, entry => entry.Type == 0xFC && entry.Value.ToArray() is [0x99]);

        // Input 0: witness [DER ‖ 0x01, pubkey], verified against a BIP143 sighash computed here from the final transaction.
        var p2wpkhWitness = transaction.Inputs[0].Witness;
        Assert.Equal(2, p2wpkhWitness.Count);
        Assert.Equal(TestPsbt.Compressed(_ecdsaKey.PublicKey), p2wpkhWitness[1].ToArray());
        Assert.True(Bip143Sighash.TryCompute(transaction, 0, Bip143Sighash.P2wpkhScriptCode(Hash160.Hash(p2wpkhWitness[1].Span)), P2wpkhUtxo.Amount, SighashType.All, out var sighash0, out error), error);
        Assert.Equal(SighashType.All, p2wpkhWitness[0].Span[^1]);
        Assert.True(Secp256k1Ecdsa.VerifyDer(_ecdsaKey.PublicKey, sighash0, p2wpkhWitness[0].Span[..^1]));

        // Input 1: witness [64-byte BIP340 signature] under the output key Q, over BIP341 with every prevout.
        var p2trWitness = Assert.Single(transaction.Inputs[1].Witness);
        Assert.Equal(64, p2trWitness.Length);
        Assert.True(Bip341Sighash.TryCompute(transaction, 1, [P2wpkhUtxo, P2trUtxo], SighashType.Default, out var sighash1, out error), error);
        Assert.True(Secp256k1XOnlyPublicKey.TryDecode(P2trUtxo.ScriptPubKey.Span[2..], out var outputKey));
        Assert.True(outputKey.Verify(sighash1, p2trWitness.Span));
    }

    public static TheoryData<bool> FirstSignerIsTaproot => new() { false, true };

    [Theory]
    [MemberData(nameof(FirstSignerIsTaproot))]
    public void TryPlan_TamperedSignatureOfAnotherSigner_IsRefusedBeforeSigning(bool taprootFirst)
    {
        var psbt = TwoInputPsbt().Parse();
        var firstPlanned = taprootFirst
            ? BitcoinSigner.TryPlanP2tr(psbt, _taprootKey.XOnlyPublicKey, out var first, out var error)
            : BitcoinSigner.TryPlanP2wpkh(psbt, _ecdsaKey.PublicKey, out first, out error);
        Assert.True(firstPlanned, error);
        var signature = taprootFirst ? SignTaproot(first!.Items[0]) : SignEcdsa(first!.Items[0]);
        Assert.True(first.TryComplete([signature], out var halfSigned, out error), error);

        var stored = taprootFirst
            ? halfSigned!.Psbt.Inputs[1].TapKeySignature!.Value.ToArray()
            : halfSigned!.Psbt.Inputs[0].PartialSignatures[0].Signature.ToArray();
        var bytes = halfSigned.Psbt.Serialize();
        var at = bytes.AsSpan().IndexOf(stored) + stored.Length - 2; // a byte of s, before any sighash byte
        bytes[at] ^= 0x01;
        Assert.True(Psbt.TryParse(bytes, out var tampered, out error), error);

        var secondPlanned = taprootFirst
            ? BitcoinSigner.TryPlanP2wpkh(tampered!, _ecdsaKey.PublicKey, out var second, out error)
            : BitcoinSigner.TryPlanP2tr(tampered!, _taprootKey.XOnlyPublicKey, out second, out error);

        Assert.False(secondPlanned);
        Assert.Null(second);
        Assert.Contains(taprootFirst ? "input 1: its tap_key_sig does not verify" : "input 0: its partial_sig does not verify", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryComplete_TaprootSighashAll_AppendsTheTypeByte()
    {
        var psbt = new TestPsbt(TestPsbt.Spending(1, new TxOutput(60_000, new byte[] { 0x51 })))
            .WitnessUtxo(0, P2trUtxo).Input(0, [0x03], [0x01, 0, 0, 0]).Parse();

        Assert.True(BitcoinSigner.TryPlanP2tr(psbt, _taprootKey.XOnlyPublicKey, out var plan, out var error), error);
        Assert.True(plan!.TryComplete([SignTaproot(plan.Items[0])], out var result, out error), error);

        var witness = Assert.Single(BitcoinTransactionTests.Parse(result!.SignedTransactionHex!).Inputs[0].Witness);
        Assert.Equal(65, witness.Length);
        Assert.Equal(SighashType.All, witness.Span[64]);
    }

    [Fact]
    public void TryComplete_SignatureOverAnotherMessage_IsRejected()
    {
        Assert.True(BitcoinSigner.TryPlanP2wpkh(TwoInputPsbt().Parse(), _ecdsaKey.PublicKey, out var plan, out _));
        var wrong = new byte[64];
        _ecdsaKey.SignEcdsa(new byte[32], wrong);

        Assert.False(plan!.TryComplete([wrong], out var result, out var error));
        Assert.Null(result);
        Assert.Contains("does not verify", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryComplete_WrongSignatureCount_IsRejected()
    {
        Assert.True(BitcoinSigner.TryPlanP2tr(TwoInputPsbt().Parse(), _taprootKey.XOnlyPublicKey, out var plan, out _));

        Assert.False(plan!.TryComplete([], out _, out var error));
        Assert.Contains("0 signatures for 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryPlan_InputWithoutWitnessUtxo_IsRejected()
    {
        var psbt = new TestPsbt(TestPsbt.Spending(2, new TxOutput(1_000, new byte[] { 0x51 }))).WitnessUtxo(0, P2wpkhUtxo).Parse();

        Assert.False(BitcoinSigner.TryPlanP2wpkh(psbt, _ecdsaKey.PublicKey, out var plan, out var error));
        Assert.Null(plan);
        Assert.Contains("Inputs 1 have no witness_utxo", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryPlan_NoInputOfOurs_IsRejected()
    {
        using var stranger = TestPsbt.Key(0x77);

        Assert.False(BitcoinSigner.TryPlanP2wpkh(TwoInputPsbt().Parse(), stranger.PublicKey, out _, out var error));
        Assert.Contains("No unsigned input", error, StringComparison.Ordinal);
    }

    public static TheoryData<bool, byte> UnsupportedSighashTypes => new()
    {
        { false, SighashType.None }, { false, SighashType.Default }, { false, SighashType.All | SighashType.AnyoneCanPay },
        { true, SighashType.Single }, { true, SighashType.All | SighashType.AnyoneCanPay },
    };

    [Theory]
    [MemberData(nameof(UnsupportedSighashTypes))]
    public void TryPlan_UnsupportedSighashType_IsRejectedClearly(bool taproot, byte type)
    {
        var psbt = TwoInputPsbt().Input(taproot ? 1 : 0, [0x03], [type, 0, 0, 0]).Parse();

        var planned = taproot
            ? BitcoinSigner.TryPlanP2tr(psbt, _taprootKey.XOnlyPublicKey, out _, out var error)
            : BitcoinSigner.TryPlanP2wpkh(psbt, _ecdsaKey.PublicKey, out _, out error);

        Assert.False(planned);
        Assert.Contains($"sighash type 0x{type:x2} is not supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryPlan_OutputsAboveInputs_IsRejected()
    {
        var psbt = new TestPsbt(TestPsbt.Spending(1, new TxOutput(50_001, new byte[] { 0x51 }))).WitnessUtxo(0, P2wpkhUtxo).Parse();

        Assert.False(BitcoinSigner.TryPlanP2wpkh(psbt, _ecdsaKey.PublicKey, out _, out var error));
        Assert.Contains("spend more than the inputs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryPlan_ForeignTapInternalKey_IsRejected()
    {
        using var stranger = TestPsbt.Key(0x77);
        var psbt = TwoInputPsbt().Input(1, [0x17], XOnly(stranger.XOnlyPublicKey)).Parse();

        Assert.False(BitcoinSigner.TryPlanP2tr(psbt, _taprootKey.XOnlyPublicKey, out _, out var error));
        Assert.Contains("tap_internal_key", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Addresses => new()
    {
        // BIP173's example key 0279be66…1798 (the generator): its bc/tb addresses are the BIP's; bcrt/ltc were
        // computed with BIP173's reference Python implementation.
        { "bitcoin", "bc", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4" },
        { "bitcoin-testnet", "tb", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx" },
        { "bitcoin-signet", "tb", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx" },
        { "bitcoin-regtest", "bcrt", "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080" },
        { "litecoin", "ltc", "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void P2wpkhAddress_GeneratorKey_MatchesNetworkAddress(string name, string hrp, string address)
    {
        using var one = Secp256k1PrivateKey.Import([.. new byte[31], 1]);
        Assert.True(Networks.TryGet(name, out var network));

        Assert.Equal(hrp, network!.Bech32Hrp);
        Assert.Equal(address, BitcoinScripts.P2wpkhAddress(network, one.PublicKey));
        Assert.True(SegwitAddress.TryDecode(hrp, BitcoinScripts.P2trAddress(network, one.XOnlyPublicKey), out var program, out _));
        Assert.Equal(1, program!.Version);
    }

    [Fact]
    public void Networks_XpubVersions_AreBip32Values()
    {
        Assert.Equal(0x0488B21Eu, Networks.Bitcoin.ExtendedPublicKeyVersion);
        Assert.Equal(0x043587CFu, Networks.BitcoinTestnet.ExtendedPublicKeyVersion);
        Assert.False(Networks.TryGet("dogecoin", out _));
    }

    private TestPsbt TwoInputPsbt() =>
        new TestPsbt(TestPsbt.Spending(2, new TxOutput(100_000, Hex.Decode("0014751e76e8199196d454941c45d1b3a323f1433bd6")), new TxOutput(19_000, new byte[] { 0x51 })))
            .WitnessUtxo(0, P2wpkhUtxo)
            .Input(0, [0x06, .. TestPsbt.Compressed(_ecdsaKey.PublicKey)], [1, 2, 3, 4, 0, 0, 0, 0])
            .Input(0, [0xFC, 0x01, 0x41], [0x99])
            .WitnessUtxo(1, P2trUtxo);

    /// <summary>r ‖ s ‖ recovery id, as <see cref="SignatureKind.EcdsaSecp256k1"/> signatures come back from the signer.</summary>
    private byte[] SignEcdsa(BitcoinSigningItem item)
    {
        var signature = new byte[65];
        signature[64] = (byte)_ecdsaKey.SignEcdsa(item.Item.Payload.Span, signature);
        return signature;
    }

    private byte[] SignTaproot(BitcoinSigningItem item)
    {
        Assert.True(_taprootKey.TryTweakXOnly(item.TaprootTweak.Span, out var tweaked));
        using (tweaked)
        {
            var signature = new byte[64];
            tweaked.SignSchnorr(item.Item.Payload.Span, signature, AuxRand);
            return signature;
        }
    }

    private static byte[] XOnly(Secp256k1XOnlyPublicKey key)
    {
        var bytes = new byte[32];
        key.Encode(bytes);
        return bytes;
    }
}
