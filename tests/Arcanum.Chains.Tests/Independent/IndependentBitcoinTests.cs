using Arcanum.Chains.Bitcoin;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Chains.Tests.Independent;

/// <summary>
/// Bitcoin: PSBTs built by bitcoinjs-lib, signed by <see cref="BitcoinSigner"/> with single keys, and checked by
/// bitcoinjs-lib's BIP143/BIP341 sighashes and tiny-secp256k1 — finalized inputs, partial signatures and the
/// extracted transaction.
/// </summary>
public sealed class IndependentBitcoinTests : IDisposable
{
    /// <summary>The amount of the builder's payment output, as it appears (little-endian) in the PSBT.</summary>
    private static readonly byte[] PaymentAmount = BitConverter.GetBytes(60_000L);

    private static readonly byte[] AuxRand = new byte[32];

    private readonly Secp256k1PrivateKey _ecdsaKey = Secp256k1PrivateKey.Import(Enumerable.Repeat((byte)0x31, 32).ToArray());
    private readonly Secp256k1PrivateKey _taprootKey = Secp256k1PrivateKey.Import(Enumerable.Repeat((byte)0x32, 32).ToArray());

    public void Dispose()
    {
        _ecdsaKey.Dispose();
        _taprootKey.Dispose();
    }

    [Fact]
    public async Task BitcoinSigner_P2wpkhP2trAndForeignInputs_ValidInBitcoinjsAndTamperingIsRejected()
    {
        var ours = new { type = "p2wpkh", publicKey = Hex.Encode(Compressed()) };
        var outputKey = new byte[32];
        Taproot.Bip86(_taprootKey.XOnlyPublicKey).OutputKey.Encode(outputKey);
        var taproot = new { type = "p2tr", outputKey = Hex.Encode(outputKey) };
        var foreign = new { type = "p2wpkh-foreign" };
        var built = await ChainVerifiers.RunAsync(
        [
            Build("bitcoin", ours, ours),
            Build("testnet", taproot, taproot),
            Build("regtest", ours, foreign, taproot),
        ]);
        var psbts = built.Select(answer => answer.GetProperty("psbt").GetString()!).ToArray();

        var p2wpkh = Sign(psbts[0], p2tr: false);
        var p2tr = Sign(psbts[1], p2tr: true);
        var mixed = Sign(Sign(psbts[2], p2tr: false).PsbtBase64, p2tr: true);
        Assert.NotNull(p2wpkh.SignedTransactionHex);
        Assert.NotNull(p2tr.SignedTransactionHex);
        Assert.Null(mixed.SignedTransactionHex);

        var mixedBytes = mixed.Psbt.Serialize();
        var verdicts = await ChainVerifiers.VerifyAllAsync(
        [
            Verify("bitcoin", p2wpkh.Psbt.Serialize(), p2wpkh.SignedTransactionHex, [0, 1]),
            Verify("testnet", p2tr.Psbt.Serialize(), p2tr.SignedTransactionHex, [0, 1]),
            Verify("regtest", mixedBytes, null, [0, 2]),
            Verify("regtest", mixedBytes, null, [1]),
            Verify("bitcoin", WithPaymentAmountChanged(p2wpkh.Psbt.Serialize()), null, [0]),
            Verify("testnet", WithPaymentAmountChanged(p2tr.Psbt.Serialize()), null, [1]),
            Verify("regtest", WithPaymentAmountChanged(mixedBytes), null, [0]),
            Verify("regtest", WithPaymentAmountChanged(mixedBytes), null, [2]),
            Verify("bitcoin", p2wpkh.Psbt.Serialize(), WithWitnessByteFlipped(p2wpkh, input: 1), [0, 1]),
            Verify("testnet", p2tr.Psbt.Serialize(), WithWitnessByteFlipped(p2tr, input: 0), [0, 1]),
            Verify("bitcoin", p2wpkh.Psbt.Serialize(), p2tr.SignedTransactionHex, [0, 1]),
        ]);

        Verdicts.AllOk(verdicts[..3]);
        Verdicts.Rejected(verdicts[3], "input 1: No signatures to validate");
        Verdicts.Rejected(verdicts[4], "input 0: the ECDSA signature does not verify");
        Verdicts.Rejected(verdicts[5], "input 1: the BIP340 signature does not verify");
        Verdicts.Rejected(verdicts[6], "input 0: a signature does not verify");
        Verdicts.Rejected(verdicts[7], "input 2: a signature does not verify");
        Verdicts.Rejected(verdicts[8], "signedTransaction input 1: the ECDSA signature does not verify");
        Verdicts.Rejected(verdicts[9], "signedTransaction input 0: the BIP340 signature does not verify");
        Verdicts.Rejected(verdicts[10], "signedTransaction has txid");
    }

    private static object Build(string network, params object[] inputs) => new { op = "build", family = "bitcoin", network, inputs };

    private static object Verify(string network, byte[] psbt, string? signedTransaction, int[] expectSigned) =>
        new { op = "verify", family = "bitcoin", psbt = Convert.ToBase64String(psbt), signedTransaction, network, expectSigned };

    /// <summary>Signs every input of ours for one key: P2WPKH with the ECDSA key, or P2TR with the taproot key tweaked by the item's t.</summary>
    private BitcoinSigningResult Sign(string psbtBase64, bool p2tr)
    {
        Assert.True(Psbt.TryParseBase64(psbtBase64, out var psbt, out var error), error);
        var planned = p2tr
            ? BitcoinSigner.TryPlanP2tr(psbt!, _taprootKey.XOnlyPublicKey, out var plan, out error)
            : BitcoinSigner.TryPlanP2wpkh(psbt!, _ecdsaKey.PublicKey, out plan, out error);
        Assert.True(planned, error);
        var signatures = plan!.Items.Select(item => (ReadOnlyMemory<byte>)(p2tr ? SignTaproot(item) : SignEcdsa(item))).ToList();
        Assert.True(plan.TryComplete(signatures, out var result, out error), error);
        return result!;
    }

    private byte[] SignEcdsa(BitcoinSigningItem item)
    {
        var signature = new byte[64];
        _ecdsaKey.SignEcdsa(item.Item.Payload.Span, signature);
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

    private byte[] Compressed()
    {
        var bytes = new byte[33];
        _ecdsaKey.PublicKey.Encode(bytes);
        return bytes;
    }

    /// <summary>The PSBT with its payment output lowered by one satoshi in the unsigned transaction; the amount occurs once.</summary>
    private static byte[] WithPaymentAmountChanged(byte[] psbt)
    {
        var at = psbt.AsSpan().IndexOf(PaymentAmount);
        Assert.Equal(at, psbt.AsSpan().LastIndexOf(PaymentAmount));
        var tampered = psbt.ToArray();
        BitConverter.GetBytes(59_999L).CopyTo(tampered, at);
        return tampered;
    }

    /// <summary>The signed transaction with one byte of the given input's signature flipped (inside s, or a BIP340 signature).</summary>
    private static string WithWitnessByteFlipped(BitcoinSigningResult result, int input)
    {
        var transaction = Convert.FromHexString(result.SignedTransactionHex!);
        var signature = result.Psbt.Inputs[input].FinalScriptWitness![0];
        var at = transaction.AsSpan().IndexOf(signature.Span);
        return Hex.Encode(Verdicts.Flip(transaction, at + 40));
    }
}
