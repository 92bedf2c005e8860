using Arcanum.Node.Sessions;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Tests.Sessions;

/// <summary>Requests a node must refuse, with the reason it gives.</summary>
public sealed class SessionRefusalTests : IDisposable
{
    private readonly TestNodes _nodes = new(seed: 20);

    public SessionRefusalTests() =>
        _nodes.RunForKey(_nodes.Request(SessionKind.Keygen, KeyScheme.FrostTaproot, "key", 2, [1, 2, 3]));

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public void TryStart_ReplayedSessionId_IsRefused()
    {
        var request = Sign([1, 2]);
        using (var first = SessionProtocols.Default.TryStart(request, _nodes.Node(1), out var refusal))
        {
            Assert.True(first is not null, refusal);
        }

        Assert.Contains("seen before", _nodes.Refusal(request, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void TryStart_UnknownKey_IsRefused()
    {
        var request = Sign([1, 2]);
        request.KeyId = "nobody";
        Assert.Equal("no share of key nobody at epoch 1", _nodes.Refusal(request, 1));
    }

    [Fact]
    public void TryStart_WrongEpoch_IsRefused() =>
        Assert.Equal("no share of key key at epoch 2", _nodes.Refusal(Sign([1, 2], epoch: 2), 1));

    [Fact]
    public void TryStart_SignerOutsideTheKey_IsRefusedByMembersAndByTheOutsider()
    {
        var request = Sign([1, 4]);
        Assert.Equal("party 4 holds no share of key key", _nodes.Refusal(request, 1));
        Assert.Equal("no share of key key at epoch 1", _nodes.Refusal(Sign([1, 4]), 4));
    }

    [Fact]
    public void TryStart_NodeNotAParty_IsRefused() =>
        Assert.Contains("not a party", _nodes.Refusal(Sign([1, 2]), 3), StringComparison.Ordinal);

    [Fact]
    public void TryStart_TooFewSigners_IsRefused()
    {
        _nodes.RunForKey(_nodes.Request(SessionKind.Keygen, KeyScheme.FrostEd25519, "three", 3, [1, 2, 3]));
        var request = _nodes.Request(SessionKind.Sign, KeyScheme.FrostEd25519, "three", 3, [1, 2], epoch: 1);
        Assert.Equal("2 signers are too few for a 3-of-3 key", _nodes.Refusal(request, 1));
    }

    [Fact]
    public void TryStart_TaprootTweakForAnotherScheme_IsRefused()
    {
        _nodes.RunForKey(_nodes.Request(SessionKind.Keygen, KeyScheme.FrostSecp256K1, "plain", 2, [1, 2, 3]));
        var request = _nodes.Request(SessionKind.Sign, KeyScheme.FrostSecp256K1, "plain", 2, [1, 2], epoch: 1);
        request.Message = ByteString.CopyFromUtf8("not a taproot spend");
        request.Taproot = new TaprootSpend();
        Assert.Equal("a taproot tweak was asked for a key that is not frost-taproot", _nodes.Refusal(request, 1));
    }

    [Theory]
    [InlineData(KeyScheme.FrostTaproot, 31)]
    [InlineData(KeyScheme.FrostTaproot, 33)]
    [InlineData(KeyScheme.EcdsaSecp256K1, 0)]
    public void TryStart_WrongDigestLength_IsRefused(KeyScheme scheme, int length)
    {
        var request = Sign([1, 2]);
        request.Scheme = scheme;
        request.Message = ByteString.CopyFrom(new byte[length]);
        Assert.Equal($"the digest is {length} bytes, not 32", _nodes.Refusal(request, 1));
    }

    [Fact]
    public void TryStart_HardenedPath_IsRefused()
    {
        var request = Sign([1, 2]);
        request.Path.AddRange([44, 0x8000_0000]);
        Assert.Contains("hardened", _nodes.Refusal(request, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void TryStart_SchemeOfAnotherKey_IsRefused()
    {
        var request = Sign([1, 2]);
        request.Scheme = KeyScheme.FrostSecp256K1;
        Assert.Equal("key key is a FrostTaproot key, not FrostSecp256K1", _nodes.Refusal(request, 1));
    }

    [Fact]
    public void TryStart_ThresholdDifferentFromTheKey_IsRefused()
    {
        var request = Sign([1, 2]);
        request.Threshold = 3;
        Assert.Equal("key key has threshold 2, the request says 3", _nodes.Refusal(request, 1));
    }

    [Fact]
    public void TryStart_KeygenOfAKeyAlreadyHeld_IsRefused() =>
        Assert.Equal("this node already holds a share of key key",
            _nodes.Refusal(_nodes.Request(SessionKind.Keygen, KeyScheme.FrostTaproot, "key", 2, [1, 2, 3]), 1));

    [Theory]
    [InlineData("../etc")]
    [InlineData("")]
    [InlineData("a.b")]
    public void TryStart_InvalidKeyId_IsRefused(string keyId)
    {
        var request = Sign([1, 2]);
        request.KeyId = keyId;
        Assert.Contains("key id", _nodes.Refusal(request, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void TryStart_PartiesNotAscending_IsRefused()
    {
        var request = Sign([2, 1]);
        Assert.Contains("ascending", _nodes.Refusal(request, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void TryStart_ReshareNewPartyWithTamperedKeyData_IsRefused()
    {
        var key = _nodes.RunForKey(_nodes.Request(SessionKind.Refresh, KeyScheme.FrostTaproot, "key", 2, [1, 2, 3], epoch: 1));
        var request = _nodes.Request(SessionKind.Reshare, KeyScheme.FrostTaproot, "key", 2, [1, 2, 4], epoch: 2);
        request.Dealers.AddRange([1, 2]);
        request.NewParties.AddRange([1, 2, 4]);
        request.NewThreshold = 2;
        request.Key = key.Clone();
        request.Key.VerificationShares[2].Point = key.VerificationShares[0].Point;

        Assert.Contains("the request's key data is unusable", _nodes.Refusal(request, 4), StringComparison.Ordinal);
    }

    [Fact]
    public void TryStart_ShareFileCopiedFromAnotherNode_IsRefused()
    {
        // Node 2's vault file replaced by node 1's (same key id and epoch): the AAD names node 1.
        File.Copy(Path.Combine(_nodes.VaultDirectory(1), "key.1.share"), Path.Combine(_nodes.VaultDirectory(2), "key.1.share"), overwrite: true);
        Assert.Contains("cannot be unsealed on node 2", _nodes.Refusal(Sign([1, 2]), 2), StringComparison.Ordinal);
    }

    [Fact]
    public void TryStart_DestroyUnderAnotherScheme_IsRefused() =>
        Assert.Equal("key key is a FrostTaproot key, not FrostEd25519",
            _nodes.Refusal(_nodes.Request(SessionKind.Destroy, KeyScheme.FrostEd25519, "key", 2, [1, 2, 3], epoch: 1), 1));

    [Fact]
    public void TryStart_EcdsaKeygenAboveSixteenParties_IsRefused() =>
        Assert.Equal("a 2-of-17 EcdsaSecp256K1 key is outside 2 ≤ t ≤ n ≤ 16",
            _nodes.Refusal(_nodes.Request(SessionKind.Keygen, KeyScheme.EcdsaSecp256K1, "wide", 2, [.. Enumerable.Range(1, 17)]), 1));

    private SessionRequest Sign(int[] parties, ulong epoch = 1)
    {
        var request = _nodes.Request(SessionKind.Sign, KeyScheme.FrostTaproot, "key", 2, parties, epoch);
        request.Message = ByteString.CopyFrom(new byte[32]);
        return request;
    }
}
