using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Signatures;
using Arcanum.Node.Sessions;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Tests.Sessions;

/// <summary>Every registration of <see cref="SessionProtocols.Default"/> run end to end between nodes with real vaults and ledgers.</summary>
public sealed class SessionProtocolsTests
{
    public static TheoryData<KeyScheme> Schemes => [KeyScheme.FrostEd25519, KeyScheme.FrostSecp256K1, KeyScheme.FrostTaproot, KeyScheme.EcdsaSecp256K1];

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Keygen_TwoOfThree_EveryPartyReportsTheKeyAndSealsEpochOne(KeyScheme scheme)
    {
        using var nodes = new TestNodes(seed: 1);
        var key = nodes.RunForKey(nodes.Request(SessionKind.Keygen, scheme, "k1", 2, [1, 2, 3]));

        Assert.Equal(scheme == KeyScheme.FrostEd25519 ? 32 : 33, key.PublicKey.Length);
        Assert.Equal(32, key.ChainCode.Length);
        Assert.Equal(1UL, key.Epoch);
        Assert.Equal(2U, key.Threshold);
        Assert.Equal([1U, 2U, 3U], key.VerificationShares.Select(v => v.Party));
        foreach (var id in new[] { 1, 2, 3 })
        {
            Assert.Equal([new Arcanum.Node.Vault.StoredShare("k1", 1, scheme)], nodes.Node(id).Vault.List());
        }
    }

    [Fact]
    public void Keygen_ThreeOfFive_ProducesAThreeOfFiveKey()
    {
        using var nodes = new TestNodes(seed: 2);
        var key = nodes.RunForKey(nodes.Request(SessionKind.Keygen, KeyScheme.FrostSecp256K1, "big", 3, [1, 2, 3, 4, 5]));

        Assert.Equal(3U, key.Threshold);
        Assert.Equal(5, key.VerificationShares.Count);
        Assert.True(KeyResults.TryDecode<Secp256k1Point, Secp256k1Scalar>(key, out var decoded, out var error), error);
        Assert.Equal(5, decoded.PartyCount);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Sign_TwoOfThree_WithAndWithoutPath_VerifiesIndependently(KeyScheme scheme)
    {
        using var nodes = new TestNodes(seed: 3);
        var key = nodes.RunForKey(nodes.Request(SessionKind.Keygen, scheme, "wallet", 2, [1, 2, 3]));

        foreach (var path in new uint[][] { [], [0, 7, 42] })
        {
            var message = Signatures.MessageFor(scheme, $"pay 1 coin via m/{string.Join('/', path)}");
            var request = nodes.Request(SessionKind.Sign, scheme, "wallet", 2, [1, 3], epoch: 1);
            request.Message = ByteString.CopyFrom(message);
            request.Path.AddRange(path);

            var signature = nodes.RunForSignature(request);

            Assert.Equal(Signatures.ExpectedSigningKey(scheme, key, path), signature.PublicKey.ToByteArray());
            Assert.True(Signatures.Verify(scheme, signature, message), $"{scheme} signature at m/{string.Join('/', path)} does not verify");
            Assert.False(Signatures.Verify(scheme, signature, Signatures.MessageFor(scheme, "another message")));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void Sign_TaprootSpend_VerifiesUnderTheBip341OutputKeyOfTheDerivedKey(int merkleRootLength)
    {
        using var nodes = new TestNodes(seed: 6);
        nodes.RunForKey(nodes.Request(SessionKind.Keygen, KeyScheme.FrostTaproot, "vault", 2, [1, 2, 3]));
        var merkleRoot = Enumerable.Repeat((byte)0x5a, merkleRootLength).ToArray();
        var digest = Signatures.MessageFor(KeyScheme.FrostTaproot, "spend the taproot output");
        var untweaked = nodes.Request(SessionKind.Sign, KeyScheme.FrostTaproot, "vault", 2, [1, 2], epoch: 1);
        untweaked.Message = ByteString.CopyFrom(digest);
        untweaked.Path.AddRange([0, 3]);
        var tweaked = untweaked.Clone();
        tweaked.SessionId = ByteString.CopyFrom(Enumerable.Repeat((byte)0xee, 16).ToArray());
        tweaked.Taproot = new TaprootSpend { MerkleRoot = ByteString.CopyFrom(merkleRoot) };

        var internalKey = nodes.RunForSignature(untweaked).PublicKey.ToByteArray();
        var signature = nodes.RunForSignature(tweaked);

        // BIP341 taproot_tweak_pubkey with libsecp256k1: Q = P + hash_TapTweak(P ‖ merkle root)·G.
        var tweak = new byte[32];
        TaggedHash.TapTweak.Hash(internalKey, merkleRoot, tweak);
        Assert.True(Secp256k1XOnlyPublicKey.TryDecode(internalKey, out var p));
        Assert.True(p.TryTweakAdd(tweak, out var q));
        var outputKey = Secp256k1XOnlyPublicKey.FromPoint(q, out _);
        var expected = new byte[32];
        outputKey.Encode(expected);
        Assert.Equal(expected, signature.PublicKey.ToByteArray());
        Assert.True(outputKey.Verify(digest, signature.Signature.Span), "the BIP340 signature does not verify under the output key");
        Assert.False(p.Verify(digest, signature.Signature.Span));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Refresh_CreatesEpochTwo_SameKey_AndBothEpochsSign(KeyScheme scheme)
    {
        using var nodes = new TestNodes(seed: 4);
        var key = nodes.RunForKey(nodes.Request(SessionKind.Keygen, scheme, "r", 2, [1, 2, 3]));

        var refreshed = nodes.RunForKey(nodes.Request(SessionKind.Refresh, scheme, "r", 2, [1, 2, 3], epoch: 1));

        Assert.Equal(2UL, refreshed.Epoch);
        Assert.Equal(key.PublicKey, refreshed.PublicKey);
        Assert.Equal(key.ChainCode, refreshed.ChainCode);
        Assert.NotEqual(key.VerificationShares, refreshed.VerificationShares);
        foreach (var epoch in new ulong[] { 1, 2 })
        {
            var message = Signatures.MessageFor(scheme, $"epoch {epoch}");
            var request = nodes.Request(SessionKind.Sign, scheme, "r", 2, [2, 3], epoch);
            request.Message = ByteString.CopyFrom(message);
            var signature = nodes.RunForSignature(request);
            Assert.True(Signatures.Verify(scheme, signature, message));
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Reshare_TwoOfThreeToThreeOfFour_WithNewParties_NewCommitteeSigns(KeyScheme scheme)
    {
        using var nodes = new TestNodes(seed: 5);
        var key = nodes.RunForKey(nodes.Request(SessionKind.Keygen, scheme, "moving", 2, [1, 2, 3]));

        // Dealers 1 and 3; node 2 keeps a seat without dealing; nodes 4 and 5 are new; node 1 leaves.
        var request = nodes.Request(SessionKind.Reshare, scheme, "moving", 2, [1, 2, 3, 4, 5], epoch: 1);
        request.Dealers.AddRange([1, 3]);
        request.NewParties.AddRange([2, 3, 4, 5]);
        request.NewThreshold = 3;
        request.Key = key;
        var reshared = nodes.RunForKey(request);

        Assert.Equal(2UL, reshared.Epoch);
        Assert.Equal(3U, reshared.Threshold);
        Assert.Equal(key.PublicKey, reshared.PublicKey);
        Assert.Equal([2U, 3U, 4U, 5U], reshared.VerificationShares.Select(v => v.Party));
        Assert.Equal([1UL], nodes.Node(1).Vault.Epochs("moving"));
        Assert.Equal([2UL], nodes.Node(5).Vault.Epochs("moving"));

        var message = Signatures.MessageFor(scheme, "after reshare");
        var sign = nodes.Request(SessionKind.Sign, scheme, "moving", 3, [2, 4, 5], epoch: 2);
        sign.Message = ByteString.CopyFrom(message);
        var signature = nodes.RunForSignature(sign);
        Assert.True(Signatures.Verify(scheme, signature, message));
    }

    [Fact]
    public void Destroy_RemovesEveryEpoch_AndReportsTheCount()
    {
        using var nodes = new TestNodes(seed: 6);
        nodes.RunForKey(nodes.Request(SessionKind.Keygen, KeyScheme.FrostEd25519, "gone", 2, [1, 2, 3]));
        nodes.RunForKey(nodes.Request(SessionKind.Refresh, KeyScheme.FrostEd25519, "gone", 2, [1, 2, 3], epoch: 1));

        var reports = nodes.Run(nodes.Request(SessionKind.Destroy, KeyScheme.FrostEd25519, "gone", 2, [1, 2, 3], epoch: 2));

        Assert.All(reports.Values, r => Assert.Equal(2U, r.Destroyed.SharesRemoved));
        Assert.All([1, 2, 3], id => Assert.Empty(nodes.Node(id).Vault.List()));
        Assert.Empty(Directory.GetFiles(nodes.VaultDirectory(1), "*.share"));
    }

    [Fact]
    public void Sign_TamperedCommitment_EveryOtherSignerReportsAnAbortNamingTheSender()
    {
        using var nodes = new TestNodes(seed: 7);
        nodes.RunForKey(nodes.Request(SessionKind.Keygen, KeyScheme.FrostEd25519, "k", 2, [1, 2, 3]));
        var request = nodes.Request(SessionKind.Sign, KeyScheme.FrostEd25519, "k", 2, [1, 2, 3], epoch: 1);
        request.Message = ByteString.CopyFromUtf8("hello");

        var reports = nodes.Run(request, m => m.From.Value == 2 && m.Round == 1 ? m with { Payload = m.Payload[..^1] } : m);

        Assert.Equal([1, 3], reports.Keys.Order());
        foreach (var id in new[] { 1, 3 })
        {
            Assert.Equal(SessionReport.OutcomeOneofCase.Aborted, reports[id].OutcomeCase);
            Assert.Equal([2U], reports[id].Aborted.Culprits);
            Assert.NotEmpty(reports[id].Aborted.Reason);
        }
    }
}
