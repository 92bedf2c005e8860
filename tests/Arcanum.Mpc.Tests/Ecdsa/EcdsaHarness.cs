using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Ecdsa;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Tests.Dkg;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Mpc.Tests.Ecdsa;

/// <summary>Runs ECDSA key generation and signing on the in-memory network and checks signatures independently (test-only).</summary>
internal static class EcdsaHarness
{
    private static readonly Dictionary<(int Threshold, int Count), EcdsaKeyShare[]> Keys = [];

    /// <summary>A t-of-n key among parties 1..n, generated once per (t, n) and shared by the tests (generation is the slow part).</summary>
    public static EcdsaKeyShare[] Key(int threshold, int count)
    {
        lock (Keys)
        {
            if (!Keys.TryGetValue((threshold, count), out var shares))
            {
                shares = Keygen(DkgHarness.Ids([.. Enumerable.Range(1, count)]), threshold, (ulong)(threshold * 100 + count));
                Keys[(threshold, count)] = shares;
            }

            return shares;
        }
    }

    public static InMemoryNetwork<EcdsaKeyShare> KeygenNetwork(IReadOnlyList<PartyId> parties, int threshold, ulong seed)
    {
        var session = DkgHarness.Session(seed);
        return new InMemoryNetwork<EcdsaKeyShare>(parties.Select(p =>
        {
            var rng = DkgHarness.Rng(seed, p);
            return new PartyRunner<EcdsaKeyShare>(EcdsaKeygen.Start(new ProtocolContext(session, p, parties), threshold, rng), rng);
        }));
    }

    public static EcdsaKeyShare[] Keygen(IReadOnlyList<PartyId> parties, int threshold, ulong seed) =>
        Completed(KeygenNetwork(parties, threshold, seed).Run());

    /// <summary>Every runner completed; their outputs in party order.</summary>
    public static T[] Completed<T>(IReadOnlyDictionary<PartyId, PartyRunner<T>> runners)
    {
        Assert.All(runners.Values, r => Assert.True(r.Status == RunStatus.Completed, $"{r.Context.Self}: {r.Status} {r.Abort}"));
        return [.. runners.Values.OrderBy(r => r.Context.Self).Select(r => r.Output!)];
    }

    public static InMemoryNetwork<Presignature> PresignNetwork(
        IReadOnlyList<EcdsaKeyShare> signers, ulong seed, DerivedKey<Secp256k1Point, Secp256k1Scalar>? child = null)
    {
        var session = DkgHarness.Session(seed);
        var ids = signers.Select(s => s.Id).ToArray();
        return new InMemoryNetwork<Presignature>(signers.Select(s =>
        {
            var rng = DkgHarness.Rng(seed, s.Id);
            return new PartyRunner<Presignature>(EcdsaPresigning.Start(new ProtocolContext(session, s.Id, ids), s, child, rng), rng);
        }));
    }

    public static Presignature[] Presign(IReadOnlyList<EcdsaKeyShare> signers, ulong seed, DerivedKey<Secp256k1Point, Secp256k1Scalar>? child = null) =>
        Completed(PresignNetwork(signers, seed, child).Run());

    /// <summary>The online round from presignatures (each with its own ledger unless one is given).</summary>
    public static InMemoryNetwork<EcdsaSignature> OnlineNetwork(IReadOnlyList<Presignature> presignatures, byte[] digest, INonceLedger? ledger = null) =>
        new(presignatures.Select(p => new PartyRunner<EcdsaSignature>(
            (RoundResult<EcdsaSignature>.Continue)EcdsaOnlineSigning.Start(p, digest, ledger ?? new InMemoryNonceLedger()), new DeterministicRandom(1))));

    public static InMemoryNetwork<EcdsaSignature> SignNetwork(
        IReadOnlyList<EcdsaKeyShare> signers, byte[] digest, ulong seed, DerivedKey<Secp256k1Point, Secp256k1Scalar>? child = null)
    {
        var session = DkgHarness.Session(seed);
        var ids = signers.Select(s => s.Id).ToArray();
        return new InMemoryNetwork<EcdsaSignature>(signers.Select(s =>
        {
            var rng = DkgHarness.Rng(seed, s.Id);
            return new PartyRunner<EcdsaSignature>(
                EcdsaSigning.Start(new ProtocolContext(session, s.Id, ids), s, child, digest, new InMemoryNonceLedger(), rng), rng);
        }));
    }

    /// <summary>Signs, checks every signer returned the same signature, and returns it.</summary>
    public static EcdsaSignature Sign(IReadOnlyList<EcdsaKeyShare> signers, byte[] digest, ulong seed, DerivedKey<Secp256k1Point, Secp256k1Scalar>? child = null) =>
        Agreed(Completed(SignNetwork(signers, digest, seed, child).Run()));

    public static EcdsaSignature Agreed(IReadOnlyList<EcdsaSignature> signatures)
    {
        Assert.All(signatures, s => Assert.True(s.Compact.SequenceEqual(signatures[0].Compact)));
        Assert.All(signatures, s => Assert.Equal(signatures[0].RecoveryId, s.RecoveryId));
        return signatures[0];
    }

    /// <summary>
    /// The signature verifies under <paramref name="publicKey"/> by libsecp256k1 (which also
    /// rejects a high S) and by .NET's ECDsa over OpenSSL, and the recovery id recovers the key.
    /// </summary>
    public static void AssertValid(EcdsaSignature signature, Secp256k1Point publicKey, byte[] digest)
    {
        Assert.Equal(publicKey, signature.PublicKey);
        Assert.True(Secp256k1Ecdsa.Verify(publicKey, digest, signature.Compact, EcdsaHighSPolicy.Reject), "libsecp256k1 rejects the signature (or its S is high)");
        Assert.True(OpenSslEcdsa.Verify(publicKey, digest, signature.Compact), "OpenSSL rejects the signature");
        Assert.True(Secp256k1Ecdsa.TryRecover(digest, signature.Compact, signature.RecoveryId, out var recovered), "no key recovers");
        Assert.Equal(publicKey, recovered);
        Assert.True(Secp256k1Ecdsa.VerifyDer(publicKey, digest, signature.ToDer()));
    }

    public static byte[] Digest(Random random)
    {
        var digest = new byte[32];
        random.NextBytes(digest);
        return digest;
    }

    /// <summary>Every party in <paramref name="honest"/> aborted naming exactly <paramref name="culprits"/>, with a reason containing <paramref name="reason"/>.</summary>
    public static void AssertAborted<T>(IReadOnlyDictionary<PartyId, PartyRunner<T>> runners, IEnumerable<int> honest, string reason, params int[] culprits)
    {
        DkgHarness.AssertAborted(runners, honest.Select(h => new PartyId(h)), culprits);
        foreach (var party in honest)
        {
            Assert.Contains(reason, runners[new PartyId(party)].Abort!.Reason, StringComparison.Ordinal);
        }
    }
}
