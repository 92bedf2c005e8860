using Arcanum.Chains.Tron;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Chains.Tests.Independent;

/// <summary>Tron: a TransferContract raw_data written by the Node.js builder, signed by <see cref="TronSigning"/>, checked by recovery with @noble/curves.</summary>
public sealed class IndependentTronTests
{
    [Fact]
    public async Task TronSigning_TransferBuiltInNode_RecoversTheAddressAndTamperingIsRejected()
    {
        using var key = Secp256k1PrivateKey.Import(Enumerable.Repeat((byte)0x54, 32).ToArray());
        using var stranger = Secp256k1PrivateKey.Import(Enumerable.Repeat((byte)0x55, 32).ToArray());
        var address = TronAddress.Encode(key.PublicKey);
        var built = await ChainVerifiers.RunAsync([new { op = "build", family = "tron", address }]);
        var rawDataHex = built[0].GetProperty("rawDataHex").GetString();

        Assert.True(TronSigning.TryCreate(new TronSignRequest(rawDataHex), key.PublicKey, out var signing, out var error), error);
        var signature = new byte[64];
        var recoveryId = key.SignEcdsa(signing.Item.Payload.Span, signature);
        Assert.True(signing.TryComplete(signature, recoveryId, out var signed, out error), error);
        var full = Hex.Decode(signed.Signature);
        object Request(byte[] signatureBytes, string txId, string signer) =>
            new { op = "verify", family = "tron", rawDataHex, signature = Hex.Encode(signatureBytes), txID = txId, address = signer };

        var verdicts = await ChainVerifiers.VerifyAllAsync(
        [
            Request(full, signed.TxId, address),
            Request([.. full[..64], (byte)(full[64] + 27)], signed.TxId, address),
            Request(Verdicts.Flip(full, 40), signed.TxId, address),
            Request(full, Hex.Encode(Verdicts.Flip(Hex.Decode(signed.TxId), 0)), address),
            Request(full, signed.TxId, TronAddress.Encode(stranger.PublicKey)),
            Request([.. full[..64], 2], signed.TxId, address),
        ]);

        Verdicts.AllOk(verdicts[..2]);
        Verdicts.Rejected(verdicts[2], "the signature recovers");
        Verdicts.Rejected(verdicts[3], "txID is not SHA-256 of raw_data");
        Verdicts.Rejected(verdicts[4], $"not {TronAddress.Encode(stranger.PublicKey)}");
        Verdicts.Rejected(verdicts[5], "v 2 is not");
    }
}
