using Arcanum.Chains.Solana;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Chains.Tests.Independent;

/// <summary>Solana: transfers serialized by the Node.js builder, signed by <see cref="SolanaSigning"/>, checked with @noble/curves Ed25519.</summary>
public sealed class IndependentSolanaTests
{
    [Fact]
    public async Task SolanaSigning_LegacyAndV0TransfersBuiltInNode_VerifyAndTamperingIsRejected()
    {
        using var key = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)0x50, 32).ToArray());
        using var stranger = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)0x51, 32).ToArray());
        var feePayer = SolanaAddress.Encode(key.PublicKey.Bytes);
        var built = await ChainVerifiers.RunAsync(
        [
            new { op = "build", family = "solana", feePayer, version = "legacy" },
            new { op = "build", family = "solana", feePayer, version = "v0" },
        ]);
        var signed = built.Select(answer => Sign(key, answer.GetProperty("serialized").GetString())).ToArray();
        object Verify(byte[] wire, string signer) =>
            new { op = "verify", family = "solana", signedTransaction = Convert.ToBase64String(wire), signer };

        var verdicts = await ChainVerifiers.VerifyAllAsync(
        [
            Verify(signed[0], feePayer),
            Verify(signed[1], feePayer),
            Verify(Verdicts.Flip(signed[0], 1), feePayer),
            Verify(Verdicts.Flip(signed[1], ^2), feePayer),
            Verify(signed[1], SolanaAddress.Encode(stranger.PublicKey.Bytes)),
        ]);

        Verdicts.AllOk(verdicts[..2]);
        Verdicts.Rejected(verdicts[2], "the signature in slot 0 does not verify");
        Verdicts.Rejected(verdicts[3], "the signature in slot 0 does not verify");
        Verdicts.Rejected(verdicts[4], "is not among the 1 required signers");
    }

    private static byte[] Sign(Ed25519PrivateKey key, string? serialized)
    {
        Assert.True(SolanaSigning.TryCreate(new SolanaSignRequest(serialized), key.PublicKey, out var signing, out var error), error);
        Assert.True(signing.IsFeePayer);
        Assert.True(signing.TryComplete(key.Sign(signing.Item.Payload.Span), out var signed, out error), error);
        return Convert.FromBase64String(signed.SignedTransaction);
    }
}
