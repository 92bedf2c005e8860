using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// Preprocessing (RFC 9591 §5.1 run ahead of time, as in the FROST paper's preprocessing stage):
/// a signer generates a batch of nonce pairs and publishes their <see cref="Commitments"/>; a later
/// signing package picks one commitment per signer, so online signing is a single round. Each pair
/// is taken out of the pool at most once; disposing the pool zeroes the pairs still in it.
/// </summary>
public sealed class NoncePool<TPoint, TScalar> : IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SigningCommitment<TPoint, TScalar>, SigningNonces<TPoint, TScalar>> _nonces;

    private NoncePool(IEnumerable<SigningNonces<TPoint, TScalar>> nonces) =>
        _nonces = nonces.ToDictionary(n => n.Commitment);

    /// <summary>Generates <paramref name="count"/> nonce pairs for <paramref name="share"/>'s holder.</summary>
    public static NoncePool<TPoint, TScalar> Generate(
        FrostCiphersuite<TPoint, TScalar> suite, KeyShare<TPoint, TScalar> share, int count, RandomNumberGenerator rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new NoncePool<TPoint, TScalar>(Enumerable.Range(0, count).Select(_ => SigningNonces<TPoint, TScalar>.Generate(suite, share, rng)).ToArray());
    }

    /// <summary>The commitments of the pairs still in the pool, to publish.</summary>
    public IReadOnlyList<SigningCommitment<TPoint, TScalar>> Commitments
    {
        get
        {
            lock (_gate)
            {
                return [.. _nonces.Keys];
            }
        }
    }

    /// <summary>Removes and returns the pair behind <paramref name="commitment"/>; false if it is not (or no longer) in the pool.</summary>
    public bool TryTake(SigningCommitment<TPoint, TScalar> commitment, [NotNullWhen(true)] out SigningNonces<TPoint, TScalar>? nonces)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        lock (_gate)
        {
            return _nonces.Remove(commitment, out nonces);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var nonces in _nonces.Values)
            {
                nonces.Dispose();
            }

            _nonces.Clear();
        }
    }

    public override string ToString() => $"NoncePool({_nonces.Count} pairs, [redacted])";
}
