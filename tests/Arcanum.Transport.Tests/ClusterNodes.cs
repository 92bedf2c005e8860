using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;

namespace Arcanum.Transport.Tests;

/// <summary>Three nodes' identity and static keys, and the peer table a node looks senders up in.</summary>
internal sealed class ClusterNodes : IDisposable
{
    private readonly Ed25519PrivateKey[] _identities;
    private readonly X25519PrivateKey[] _statics;

    public ClusterNodes(int count = 3)
    {
        var rng = new DeterministicRandom(20);
        _identities = [.. Enumerable.Range(0, count).Select(_ => Ed25519PrivateKey.Generate(rng))];
        _statics = [.. Enumerable.Range(0, count).Select(_ => X25519PrivateKey.Generate(rng))];
    }

    /// <summary>Node <paramref name="nodeId"/>'s signing key (ids start at 1).</summary>
    public Ed25519PrivateKey Identity(uint nodeId) => _identities[nodeId - 1];

    public X25519PrivateKey Static(uint nodeId) => _statics[nodeId - 1];

    /// <summary>The peer table: every node of the cluster, null for anything else.</summary>
    public PeerKeys? Lookup(uint nodeId) =>
        nodeId >= 1 && nodeId <= _identities.Length ? new PeerKeys(nodeId, Identity(nodeId).PublicKey, Static(nodeId).PublicKey) : null;

    public void Dispose()
    {
        foreach (var key in _identities)
        {
            key.Dispose();
        }

        foreach (var key in _statics)
        {
            key.Dispose();
        }
    }
}
