using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Ecdsa;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Tests.Dkg;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;

namespace Arcanum.Mpc.Tests.Ecdsa;

public sealed class EcdsaKeyLifecycleTests
{
    [Theory]
    [InlineData("m/0")]
    [InlineData("m/0/1")]
    [InlineData("m/44/60/0/0/7")]
    [InlineData("m/2147483647/5")]
    public void A_BIP32_child_key_equals_CKDpub_and_its_signatures_verify_under_it(string pathText)
    {
        var shares = EcdsaHarness.Key(2, 3);
        Assert.True(DerivationPath.TryParse(pathText, out var path, out _));
        var child = KeyDerivation.Derive(Bip32Secp256k1.Instance, shares[0].GroupKey, path!).Key!;

        Assert.Equal(IndependentCkdPub(shares[0].GroupKey.PublicKey, shares[0].GroupKey.ChainCode.ToArray(), path!), child.GroupKey.PublicKey);

        var digest = EcdsaHarness.Digest(new Random(pathText.Length));
        var signature = EcdsaHarness.Sign([shares[0], shares[2]], digest, 61, child);
        EcdsaHarness.AssertValid(signature, child.GroupKey.PublicKey, digest);
        Assert.False(Crypto.Signatures.Secp256k1Ecdsa.Verify(shares[0].GroupKey.PublicKey, digest, signature.Compact));
    }

    [Fact]
    public void A_presignature_is_bound_to_the_derivation_path_it_was_made_for()
    {
        var shares = EcdsaHarness.Key(2, 3);
        Assert.True(DerivationPath.TryParse("m/7", out var path, out _));
        var child = KeyDerivation.Derive(Bip32Secp256k1.Instance, shares[0].GroupKey, path!).Key!;
        var presignatures = EcdsaHarness.Presign(shares[..2], 63, child);
        var digest = EcdsaHarness.Digest(new Random(63));

        var signature = EcdsaHarness.Agreed(EcdsaHarness.Completed(EcdsaHarness.OnlineNetwork(presignatures, digest).Run()));

        Assert.All(presignatures, p => Assert.Equal(child.GroupKey.PublicKey, p.PublicKey));
        EcdsaHarness.AssertValid(signature, child.GroupKey.PublicKey, digest);
    }

    [Fact]
    public void Refresh_keeps_the_key_and_makes_old_shares_useless()
    {
        var old = EcdsaHarness.Keygen(DkgHarness.Ids(1, 2, 3), 2, 71);
        var session = DkgHarness.Session(72);
        var refreshed = EcdsaHarness.Completed(new InMemoryNetwork<EcdsaKeyShare>(old.Select(s =>
        {
            var rng = DkgHarness.Rng(72, s.Id);
            return new PartyRunner<EcdsaKeyShare>(EcdsaRefresh.Start(new ProtocolContext(session, s.Id, s.GroupKey.Parties), s, rng), rng);
        })).Run());

        Assert.All(refreshed, s => Assert.True(s.GroupKey.HasSamePublicKey(old[0].GroupKey)));
        Assert.All(refreshed, s => Assert.NotEqual(old[s.Id.Value - 1].Share.Secret, s.Share.Secret));
        var digest = EcdsaHarness.Digest(new Random(7));
        EcdsaHarness.AssertValid(EcdsaHarness.Sign([refreshed[0], refreshed[2]], digest, 73), old[0].GroupKey.PublicKey, digest);

        // An old share next to a new one: the pairwise OT state no longer matches, and the shares are of different polynomials.
        var mixed = EcdsaHarness.SignNetwork([old[0], refreshed[1]], digest, 74).Run();
        Assert.All(mixed.Values, r => Assert.NotEqual(RunStatus.Completed, r.Status));
    }

    [Fact]
    public void Reshare_moves_the_key_to_a_new_committee_and_threshold_that_signs()
    {
        var old = EcdsaHarness.Keygen(DkgHarness.Ids(1, 2, 3), 2, 81);
        var dealers = DkgHarness.Ids(1, 3);
        var newParties = DkgHarness.Ids(3, 4, 5, 6);
        var all = DkgHarness.Ids(1, 2, 3, 4, 5, 6).Where(p => dealers.Contains(p) || newParties.Contains(p)).ToArray();
        var session = DkgHarness.Session(82);
        var results = EcdsaHarness.Completed(new InMemoryNetwork<EcdsaReshareResult>(all.Select(p =>
        {
            var rng = DkgHarness.Rng(82, p);
            var share = dealers.Contains(p) ? old[p.Value - 1] : null;
            return new PartyRunner<EcdsaReshareResult>(
                EcdsaReshare.Start(new ProtocolContext(session, p, all), old[0].GroupKey, share, dealers, newParties, 3, rng), rng);
        })).Run());

        Assert.Null(results[0].Share); // party 1 dealt and left
        var newShares = results.Where(r => r.Share is not null).Select(r => r.Share!).ToArray();
        Assert.Equal(newParties, newShares.Select(s => s.Id));
        Assert.All(newShares, s => Assert.Equal(3, s.GroupKey.Threshold));
        var digest = EcdsaHarness.Digest(new Random(8));
        EcdsaHarness.AssertValid(EcdsaHarness.Sign([newShares[0], newShares[2], newShares[3]], digest, 83), old[0].GroupKey.PublicKey, digest);
    }

    [Fact]
    public void A_stored_share_round_trips_and_still_signs()
    {
        var shares = EcdsaHarness.Key(2, 3);
        var decoded = shares.Select(s =>
        {
            Assert.True(EcdsaKeyShareCodec.TryDecode(EcdsaKeyShareCodec.Encode(s), out var copy, out var error), error);
            return copy!;
        }).ToArray();

        Assert.Equal(EcdsaKeyShareCodec.Encode(shares[1]), EcdsaKeyShareCodec.Encode(decoded[1]));
        var digest = EcdsaHarness.Digest(new Random(9));
        EcdsaHarness.AssertValid(EcdsaHarness.Sign([decoded[1], decoded[2]], digest, 91), shares[0].GroupKey.PublicKey, digest);
    }

    [Fact]
    public void A_corrupted_stored_share_is_refused_with_a_reason()
    {
        var encoded = EcdsaKeyShareCodec.Encode(EcdsaHarness.Key(2, 3)[0]);
        var refused = 0;
        for (var position = 0; position < encoded.Length; position += 97)
        {
            var corrupted = (byte[])encoded.Clone();
            corrupted[position] ^= 0x40;
            if (!EcdsaKeyShareCodec.TryDecode(corrupted, out var share, out var error))
            {
                Assert.NotEmpty(error);
                refused++;
            }
            else
            {
                share!.Dispose();
            }
        }

        Assert.True(EcdsaKeyShareCodec.TryDecode(encoded, out _, out _));
        Assert.False(EcdsaKeyShareCodec.TryDecode(encoded[..^1], out _, out _));
        Assert.False(EcdsaKeyShareCodec.TryDecode([], out _, out _));
        Assert.True(refused > 0);
    }

    /// <summary>BIP32 CKDpub written out from the BIP text, independent of Bip32Secp256k1: I = HMAC-SHA512(c, ser_P(K) ‖ ser_32(i)), K_i = K + parse_256(I_L)·G.</summary>
    private static Secp256k1Point IndependentCkdPub(Secp256k1Point key, byte[] chainCode, DerivationPath path)
    {
        foreach (var index in path.Indices)
        {
            var data = new byte[37];
            key.Encode(data);
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(33), index);
            var i = HMACSHA512.HashData(chainCode, data);
            Assert.True(Secp256k1Scalar.TryDecode(i.AsSpan(0, 32), out var tweak));
            key += Secp256k1Point.MultiplyBase(tweak);
            chainCode = i[32..];
        }

        return key;
    }
}
