using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// One party's share of a threshold ECDSA key on secp256k1: its Shamir share s_i with the key's
/// public data (PK, every Y_j, t, chain code) and its <see cref="PairState"/> with every other
/// party. Produced by <see cref="EcdsaKeygen"/>, <see cref="EcdsaRefresh"/> or
/// <see cref="EcdsaReshare"/>; stored with <see cref="EcdsaKeyShareCodec"/>. Zeroed on dispose.
/// </summary>
public sealed class EcdsaKeyShare : IDisposable
{
    private readonly SortedDictionary<PartyId, PairState> _pairs;

    public EcdsaKeyShare(KeyShare<Secp256k1Point, Secp256k1Scalar> share, IEnumerable<PairState> pairs)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(pairs);
        _pairs = new SortedDictionary<PartyId, PairState>(pairs.ToDictionary(p => p.Counterparty));
        if (!_pairs.Keys.SequenceEqual(share.GroupKey.Parties.Where(p => p != share.Id)))
        {
            throw new ArgumentException("An ECDSA key share needs pairwise state with exactly every other party of the key.", nameof(pairs));
        }

        Share = share;
    }

    public PartyId Id => Share.Id;

    public GroupKey<Secp256k1Point, Secp256k1Scalar> GroupKey => Share.GroupKey;

    /// <summary>The Shamir share and public key data.</summary>
    public KeyShare<Secp256k1Point, Secp256k1Scalar> Share { get; }

    /// <summary>The pairwise state with every other party, ascending by party.</summary>
    public IReadOnlyCollection<PairState> Pairs => _pairs.Values;

    /// <summary>The pairwise state with <paramref name="counterparty"/>.</summary>
    internal PairState Pair(PartyId counterparty) => _pairs[counterparty];

    public void Dispose()
    {
        Share.Dispose();
        foreach (var pair in _pairs.Values)
        {
            pair.Dispose();
        }
    }

    public override string ToString() => $"EcdsaKeyShare({Id}, [redacted])";
}
