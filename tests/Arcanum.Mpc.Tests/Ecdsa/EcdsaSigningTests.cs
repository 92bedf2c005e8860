using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Ecdsa;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Tests.Dkg;

namespace Arcanum.Mpc.Tests.Ecdsa;

public sealed class EcdsaSigningTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 7)]
    public void Key_generation_gives_every_party_a_share_of_one_key(int threshold, int count)
    {
        var shares = EcdsaHarness.Key(threshold, count);

        Assert.Equal(count, shares.Length);
        Assert.All(shares, s => Assert.Equal(shares[0].GroupKey.PublicKey, s.GroupKey.PublicKey));
        Assert.All(shares, s => Assert.True(s.GroupKey.ChainCode.SequenceEqual(shares[0].GroupKey.ChainCode)));
        Assert.All(shares, s => Assert.Equal(count - 1, s.Pairs.Count));
        var picked = DkgHarness.Pick(shares, threshold, new Random(count)).Select(s => s.Share);
        Assert.Equal(shares[0].GroupKey.PublicKey, Secp256k1Point.MultiplyBase(DkgHarness.Reconstruct(picked)));
    }

    /// <summary>Random signer subsets of random sizes (t ≤ |S| ≤ n) sign random digests; each signature is checked by libsecp256k1, OpenSSL and key recovery.</summary>
    [Theory]
    [InlineData(2, 2, 1000)]
    [InlineData(2, 3, 800)]
    [InlineData(3, 5, 250)]
    [InlineData(4, 7, 150)]
    public void Random_signer_sets_produce_signatures_that_independent_verifiers_accept(int threshold, int count, int signatures)
    {
        var shares = EcdsaHarness.Key(threshold, count);
        var random = new Random(threshold * 1000 + count);
        var recoveryIds = new HashSet<int>();
        for (var run = 0; run < signatures; run++)
        {
            var signers = DkgHarness.Pick(shares, random.Next(threshold, count + 1), random).OrderBy(s => s.Id).ToArray();
            var digest = EcdsaHarness.Digest(random);

            var signature = EcdsaHarness.Sign(signers, digest, (ulong)(run + 1) * 7919);

            EcdsaHarness.AssertValid(signature, shares[0].GroupKey.PublicKey, digest);
            recoveryIds.Add(signature.RecoveryId);
        }

        Assert.Equal([0, 1], recoveryIds.Order());
    }

    [Fact]
    public void A_presignature_made_before_the_message_signs_in_one_round()
    {
        var signers = EcdsaHarness.Key(3, 5)[1..4];
        var presignatures = EcdsaHarness.Presign(signers, 31);
        Assert.All(presignatures, p => Assert.Equal(presignatures[0].InstancePoint, p.InstancePoint));
        var digest = EcdsaHarness.Digest(new Random(3));

        var network = EcdsaHarness.OnlineNetwork(presignatures, digest);
        var signature = EcdsaHarness.Agreed(EcdsaHarness.Completed(network.Run()));

        EcdsaHarness.AssertValid(signature, signers[0].GroupKey.PublicKey, digest);
        Assert.All(network.Delivered, d => Assert.Equal(EcdsaOnlineSigning.ShareRound, d.Message.Round));
        Assert.All(presignatures, p => Assert.True(p.IsConsumed));
    }

    [Fact]
    public void A_presignature_signs_once_only()
    {
        var signers = EcdsaHarness.Key(2, 3)[..2];
        var presignatures = EcdsaHarness.Presign(signers, 41);
        var ledger = new InMemoryNonceLedger();
        var first = EcdsaHarness.Digest(new Random(1));
        EcdsaHarness.Completed(EcdsaHarness.OnlineNetwork(presignatures, first, ledger).Run());

        // The same object again: refused by type.
        var reuse = Assert.Throws<ArgumentException>(() => EcdsaOnlineSigning.Start(presignatures[0], EcdsaHarness.Digest(new Random(2)), ledger));
        Assert.Contains("signs once", reuse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_presignature_already_consumed_in_the_ledger_emits_nothing()
    {
        var signers = EcdsaHarness.Key(2, 3)[1..];
        var presignature = EcdsaHarness.Presign(signers, 43)[0];
        var ledger = new InMemoryNonceLedger();
        Assert.True(ledger.TryConsume(presignature.Id)); // a copy of the presignature was used before a restart

        var result = EcdsaOnlineSigning.Start(presignature, EcdsaHarness.Digest(new Random(4)), ledger);

        var aborted = Assert.IsType<RoundResult<EcdsaSignature>.Aborted>(result);
        Assert.Contains("already consumed", aborted.Abort.Reason, StringComparison.Ordinal);
        Assert.True(presignature.IsConsumed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Signing_takes_exactly_a_32_byte_digest(int length)
    {
        var signers = EcdsaHarness.Key(2, 3)[..2];
        var context = new ProtocolContext(DkgHarness.Session(1), signers[0].Id, signers.Select(s => s.Id));

        var error = Assert.Throws<ArgumentException>(() =>
            EcdsaSigning.Start(context, signers[0], null, new byte[length], new InMemoryNonceLedger(), new TestKit.DeterministicRandom(1)));

        Assert.Contains("exactly a 32-byte digest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_signers_than_the_threshold_are_refused()
    {
        var shares = EcdsaHarness.Key(3, 5);
        var context = new ProtocolContext(DkgHarness.Session(1), shares[0].Id, [shares[0].Id, shares[1].Id]);

        Assert.Throws<ArgumentException>(() => EcdsaPresigning.Start(context, shares[0], null, new TestKit.DeterministicRandom(1)));
    }

    /// <summary>The per-round sizes docs/benchmarks.md lists, all within the kernel's payload limit.</summary>
    [Fact]
    public void Message_sizes_per_round_are_the_documented_ones()
    {
        var network = EcdsaHarness.SignNetwork(EcdsaHarness.Key(2, 3)[..2], EcdsaHarness.Digest(new Random(5)), 51);
        EcdsaHarness.Completed(network.Run());

        int Size(int round, bool broadcast) => network.Delivered
            .Where(d => d.Message.Round == round && d.Message.IsBroadcast == broadcast).Select(d => d.Message.Payload.Length).Distinct().Single();

        Assert.Equal(34, Size(1, true));
        Assert.Equal(10_035, Size(1, false));
        Assert.Equal(104, Size(2, true));
        Assert.Equal(53_516, Size(2, false));
        Assert.Equal(102, Size(3, true));
        Assert.InRange(Size(2, false), 1, WireLimits.MaxPayloadBytes);
    }

    [Fact]
    public void The_pairwise_setup_message_has_the_documented_size()
    {
        var network = EcdsaHarness.KeygenNetwork(DkgHarness.Ids(1, 2, 3), 2, 52);
        EcdsaHarness.Completed(network.Run());

        Assert.Equal([8_263], network.Delivered.Where(d => d.Message.Round == 4).Select(d => d.Message.Payload.Length).Distinct());
    }
}
