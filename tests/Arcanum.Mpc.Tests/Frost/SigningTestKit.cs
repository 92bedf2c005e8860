using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;

namespace Arcanum.Mpc.Tests.Frost;

/// <summary>Dealer keys, signing networks and the independent verifiers the signing tests share.</summary>
internal static class SigningTestKit
{
    public static KeyShare<TPoint, TScalar>[] Deal<TPoint, TScalar>(int threshold, int parties, RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> =>
        TrustedDealer.Deal<TPoint, TScalar>(TScalar.Random(rng), threshold, [.. Enumerable.Range(1, parties).Select(i => new PartyId(i))], rng);

    /// <summary>A two-round signing network between <paramref name="signers"/>.</summary>
    public static InMemoryNetwork<byte[]> TwoRound<TPoint, TScalar>(
        FrostCiphersuite<TPoint, TScalar> suite, IReadOnlyList<KeyShare<TPoint, TScalar>> signers, byte[] message, TaprootTweak? tweak, RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var session = SessionId.Random(rng);
        var parties = signers.Select(s => s.Id).ToArray();
        return new InMemoryNetwork<byte[]>(signers.Select(share => new PartyRunner<byte[]>(
            FrostSigningProtocol.Start(new ProtocolContext(session, share.Id, parties), new FrostSigner<TPoint, TScalar>(suite, share, new InMemoryNonceLedger()), message, tweak, rng),
            rng)));
    }

    /// <summary>The outputs of a run in which every party completed; fails the test otherwise.</summary>
    public static byte[] AgreedSignature(IReadOnlyDictionary<PartyId, PartyRunner<byte[]>> parties)
    {
        foreach (var party in parties.Values)
        {
            Assert.True(party.Status == RunStatus.Completed, $"{party.Context.Self}: {party.Status} {party.Abort}");
        }

        var signature = parties.Values.First().Output!;
        Assert.All(parties.Values, p => Assert.Equal(signature, p.Output));
        return signature;
    }

    /// <summary>Every party other than <paramref name="culprits"/> aborted naming exactly them.</summary>
    public static void AssertHonestBlame(IReadOnlyDictionary<PartyId, PartyRunner<byte[]>> parties, params int[] culprits)
    {
        var named = culprits.Select(c => new PartyId(c)).ToArray();
        foreach (var party in parties.Values.Where(p => !named.Contains(p.Context.Self)))
        {
            Assert.True(party.Status == RunStatus.Aborted, $"{party.Context.Self} did not abort: {party.Status}");
            Assert.Equal(named, party.Abort!.Culprits);
        }
    }

    /// <summary>libsodium's crypto_sign_verify_detached on the Ed25519 group key.</summary>
    public static bool VerifyWithLibsodium(Ed25519Point publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var encoded = new byte[Ed25519Point.EncodedLength];
        publicKey.Encode(encoded);
        return Ed25519PublicKey.FromBytes(encoded).Verify(message, signature);
    }

    /// <summary>libsecp256k1's secp256k1_schnorrsig_verify on x(<paramref name="publicKey"/>).</summary>
    public static bool VerifyWithLibsecp256k1(Secp256k1Point publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Secp256k1XOnlyPublicKey.TryDecode(FrostSecp256k1Taproot.XOnly(publicKey), out var key) && key.Verify(message, signature);

    /// <summary>
    /// The BIP341 output key Q for internal key P as libsecp256k1 computes it
    /// (secp256k1_xonly_pubkey_tweak_add with t = hash_TapTweak(x(P) ‖ merkle_root)).
    /// </summary>
    public static Secp256k1Point OutputKeyByLibsecp256k1(Secp256k1Point internalKey, TaprootTweak tweak)
    {
        var x = FrostSecp256k1Taproot.XOnly(internalKey);
        var t = new byte[TaggedHash.HashSizeInBytes];
        TaggedHash.TapTweak.Hash(x, tweak.MerkleRoot.Span, t);
        Assert.True(Secp256k1XOnlyPublicKey.TryDecode(x, out var key));
        Assert.True(key.TryTweakAdd(t, out var q));
        return q;
    }
}
