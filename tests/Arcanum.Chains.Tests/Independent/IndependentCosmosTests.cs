using Arcanum.Chains.Cosmos;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Chains.Tests.Independent;

/// <summary>Cosmos SDK: a MsgSend built with cosmjs-types, signed by <see cref="CosmosDirectSigning"/>, checked over a SignDoc cosmjs-types rebuilds.</summary>
public sealed class IndependentCosmosTests
{
    private const string ChainId = "cosmoshub-4";
    private const string AccountNumber = "12345";

    [Fact]
    public async Task CosmosDirectSigning_MsgSendBuiltWithCosmjsTypes_VerifiesOverRebuiltSignDocAndTamperingIsRejected()
    {
        using var key = Secp256k1PrivateKey.Import(Enumerable.Repeat((byte)0x63, 32).ToArray());
        using var stranger = Secp256k1PrivateKey.Import(Enumerable.Repeat((byte)0x64, 32).ToArray());
        var publicKey = Hex.Encode(Compressed(key));
        var built = (await ChainVerifiers.RunAsync(
            [new { op = "build", family = "cosmos", publicKey, chainId = ChainId, accountNumber = AccountNumber, sequence = "7" }]))[0];
        var request = new CosmosSignRequest(
            built.GetProperty("bodyBytes").GetString(), built.GetProperty("authInfoBytes").GetString(),
            built.GetProperty("chainId").GetString(), built.GetProperty("accountNumber").GetString());

        Assert.True(CosmosDirectSigning.TryCreate(request, key.PublicKey, out var signing, out var error), error);
        var signature = new byte[64];
        key.SignEcdsa(signing.Item.Payload.Span, signature);
        Assert.True(signing.TryComplete(signature, out var signed, out error), error);
        var txRaw = Convert.FromBase64String(signed.TxRaw);
        object Verify(byte[] raw, string chainId, string accountNumber, string signer) =>
            new { op = "verify", family = "cosmos", txRaw = Convert.ToBase64String(raw), chainId, accountNumber, publicKey = signer };

        var verdicts = await ChainVerifiers.VerifyAllAsync(
        [
            Verify(txRaw, ChainId, AccountNumber, publicKey),
            Verify(Verdicts.Flip(txRaw, ^1), ChainId, AccountNumber, publicKey),
            Verify(txRaw, "osmosis-1", AccountNumber, publicKey),
            Verify(txRaw, ChainId, "12346", publicKey),
            Verify(txRaw, ChainId, AccountNumber, Hex.Encode(Compressed(stranger))),
        ]);

        Assert.True(verdicts[0].Ok, verdicts[0].Reason);
        Verdicts.Rejected(verdicts[1], "does not verify over SHA-256(SignDoc)");
        Verdicts.Rejected(verdicts[2], "does not verify over SHA-256(SignDoc)");
        Verdicts.Rejected(verdicts[3], "does not verify over SHA-256(SignDoc)");
        Verdicts.Rejected(verdicts[4], "signer key is not the public key");
    }

    private static byte[] Compressed(Secp256k1PrivateKey key)
    {
        var bytes = new byte[33];
        key.PublicKey.Encode(bytes);
        return bytes;
    }
}
