using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Dkg;

/// <summary>
/// ZF frost's DKG vectors (<c>vectors_dkg.json</c>, checked by ZF's <c>check_dkg_keygen</c>):
/// RFC 9591 has no DKG vectors, because key generation by DKG is outside its scope, so these are
/// the only published ones. Each participant's file entry gives its secret a_i0
/// (<c>signing_key</c>) and a_i1 (<c>coefficient</c>); the test runs the pure dealing math step by
/// step: the commitments, every other participant's proof of knowledge (with an empty binding,
/// which gives ZF's challenge), the shares each participant received (<c>signing_shares</c> is
/// keyed by sender, so it holds f_sender(i)), and the resulting s_i, Y_i and PK.
/// </summary>
public sealed class ZcashDkgVectorTests
{
    private const int Participants = 3;

    [Fact]
    public void Ed25519_ReproducesEveryParticipant() =>
        AssertCounts(Check(FrostEd25519.Instance, "ed25519", out _));

    [Fact]
    public void Secp256k1_ReproducesEveryParticipant() =>
        AssertCounts(Check(FrostSecp256k1.Instance, "secp256k1", out _));

    /// <summary>
    /// ZF's taproot suite applies the BIP86 key-path tweak to the DKG output (<c>post_dkg</c>):
    /// even-Y normalisation, then + t·G. ZF stops there; <see cref="FrostSecp256k1Taproot.SigningShare"/>
    /// normalises the tweaked key to even Y once more (BIP340 signs under x(Q) either way), so the
    /// vector values are compared negated when ZF's tweaked key has odd Y.
    /// </summary>
    [Fact]
    public void Secp256k1Taproot_ReproducesTheTweakedOutput()
    {
        var suite = FrostSecp256k1Taproot.Instance;
        var raw = Check(suite, "secp256k1-tr", out var vectors);
        AssertCounts(raw);
        var inputs = vectors.RootElement.GetProperty("inputs");
        var zfKey = Point<Secp256k1Point, Secp256k1Scalar>(inputs.GetProperty("verifying_key"));
        var sign = FrostSecp256k1Taproot.HasEvenY(zfKey) ? Secp256k1Scalar.One : -Secp256k1Scalar.One;
        Assert.False(FrostSecp256k1Taproot.HasEvenY(zfKey)); // the file exercises the extra normalisation
        var checkedShares = 0;
        foreach (var share in raw.Shares)
        {
            var tweaked = suite.SigningShare(share, TaprootTweak.KeyPathOnly);
            var entry = inputs.GetProperty(share.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(zfKey * sign, tweaked.GroupKey.PublicKey);
            Assert.Equal(Scalar<Secp256k1Scalar>(entry.GetProperty("signing_share")) * sign, tweaked.Secret);
            Assert.Equal(Point<Secp256k1Point, Secp256k1Scalar>(entry.GetProperty("verifying_share")) * sign, tweaked.VerificationShare);
            checkedShares++;
        }

        Assert.Equal(Participants, checkedShares);
    }

    private static void AssertCounts<TPoint, TScalar>(Counts<TPoint, TScalar> counts)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        Assert.Equal(Participants, counts.Shares.Count);
        Assert.Equal(Participants * (Participants - 1), counts.Proofs);
        Assert.Equal(Participants * (Participants - 1), counts.ReceivedShares);
    }

    /// <summary>Runs the vectors of one file; for the taproot file the raw (untweaked) key is checked only for PK consistency.</summary>
    private static Counts<TPoint, TScalar> Check<TPoint, TScalar>(FrostCiphersuite<TPoint, TScalar> suite, string folder, out JsonDocument vectors)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        vectors = JsonDocument.Parse(VectorFiles.ReadAllText("frost", "zcash-frost", folder, "vectors_dkg.json"));
        var root = vectors.RootElement;
        Assert.Equal(Participants, root.GetProperty("config").GetProperty("MAX_PARTICIPANTS").GetInt32());
        var threshold = root.GetProperty("config").GetProperty("MIN_PARTICIPANTS").GetInt32();
        var inputs = root.GetProperty("inputs");
        var ids = Enumerable.Range(1, Participants).Select(i => new PartyId(i)).ToArray();
        var entries = ids.ToDictionary(i => i, i => inputs.GetProperty(i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var coefficients = ids.ToDictionary(i => i, i => new[] { Scalar<TScalar>(entries[i].GetProperty("signing_key")), Scalar<TScalar>(entries[i].GetProperty("coefficient")) });
        Assert.All(coefficients.Values, c => Assert.Equal(threshold, c.Length));

        // Round 1: each participant's commitment from its own coefficients.
        var commitments = ids.ToDictionary(i => i, i => DealingMath.Commit<TPoint, TScalar>(coefficients[i]));
        foreach (var i in ids)
        {
            Assert.Equal(
                entries[i].GetProperty("vss_commitments").EnumerateArray().Select(e => e.GetString()),
                commitments[i].Coefficients.Select(HexPoint<TPoint, TScalar>));
        }

        // Round 1 step 5 and round 2 step 2, as each participant i checks the others.
        var proofs = 0;
        var receivedShares = 0;
        var verificationShares = new Dictionary<PartyId, TPoint>();
        var secrets = new Dictionary<PartyId, TScalar>();
        foreach (var i in ids)
        {
            var received = new List<TScalar> { DealingMath.Evaluate<TScalar>(coefficients[i], i) };
            foreach (var sender in ids.Where(j => j != i))
            {
                var proof = Convert.FromHexString(entries[sender].GetProperty("proof_of_knowledge").GetString()!);
                Assert.True(DkgProofOfKnowledge.Verify(suite, [], sender, commitments[sender].PublicKey, proof));
                Assert.False(DkgProofOfKnowledge.Verify(suite, new byte[16], sender, commitments[sender].PublicKey, proof));
                Assert.False(DkgProofOfKnowledge.Verify(suite, [], i, commitments[sender].PublicKey, proof));
                proofs++;

                var share = Scalar<TScalar>(entries[i].GetProperty("signing_shares").GetProperty(sender.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                Assert.Equal(DealingMath.Evaluate<TScalar>(coefficients[sender], i), share);
                Assert.True(DealingMath.VerifyShare(commitments[sender], i, share));
                received.Add(share);
                receivedShares++;
            }

            secrets[i] = DealingMath.CombineShares(received);
            verificationShares[i] = DealingMath.CombineCommitments([.. ids.Select(j => commitments[j])]).VerificationShare(i.ToScalar<TScalar>());
        }

        var groupKey = DealingMath.CombineCommitments([.. ids.Select(j => commitments[j])]).PublicKey;
        var key = new GroupKey<TPoint, TScalar>(groupKey, verificationShares, threshold, new byte[32]);
        var shares = ids.Select(i => new KeyShare<TPoint, TScalar>(i, secrets[i], key)).ToList();
        if (suite is not FrostSecp256k1Taproot)
        {
            Assert.Equal(inputs.GetProperty("verifying_key").GetString(), HexPoint<TPoint, TScalar>(groupKey));
            foreach (var i in ids)
            {
                Assert.Equal(entries[i].GetProperty("signing_share").GetString(), HexScalar(secrets[i]));
                Assert.Equal(entries[i].GetProperty("verifying_share").GetString(), HexPoint<TPoint, TScalar>(verificationShares[i]));
            }
        }

        return new Counts<TPoint, TScalar>(shares, proofs, receivedShares);
    }

    private static TScalar Scalar<TScalar>(JsonElement hex)
        where TScalar : struct, IScalar<TScalar>
    {
        Assert.True(TScalar.TryDecode(Convert.FromHexString(hex.GetString()!), out var scalar));
        return scalar;
    }

    private static TPoint Point<TPoint, TScalar>(JsonElement hex)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        Assert.True(TPoint.TryDecode(Convert.FromHexString(hex.GetString()!), out var point));
        return point;
    }

    private static string HexScalar<TScalar>(TScalar scalar)
        where TScalar : struct, IScalar<TScalar>
    {
        var bytes = new byte[TScalar.EncodedLength];
        scalar.Encode(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static string HexPoint<TPoint, TScalar>(TPoint point)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var bytes = new byte[TPoint.EncodedLength];
        point.Encode(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private sealed record Counts<TPoint, TScalar>(IReadOnlyList<KeyShare<TPoint, TScalar>> Shares, int Proofs, int ReceivedShares)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>;
}
