using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Keys;

/// <summary>
/// The public side of a threshold key (RFC 9591 "group public key" and "public verification
/// shares", ZF frost's PublicKeyPackage): the group key PK = s·G, each party's Y_i = s_i·G, the
/// threshold t, and the 32-byte chain code for BIP32-style derivation. Anyone holding it can check
/// signature shares and final signatures.
/// </summary>
public sealed class GroupKey<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public const int ChainCodeLength = 32;

    private readonly byte[] _chainCode;

    public GroupKey(TPoint publicKey, IReadOnlyDictionary<PartyId, TPoint> verificationShares, int threshold, ReadOnlySpan<byte> chainCode)
    {
        ArgumentNullException.ThrowIfNull(verificationShares);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, verificationShares.Count);
        if (chainCode.Length != ChainCodeLength)
        {
            throw new ArgumentException($"A chain code is {ChainCodeLength} bytes.", nameof(chainCode));
        }

        if (publicKey.IsIdentity)
        {
            throw new ArgumentException("The group key cannot be the identity.", nameof(publicKey));
        }

        PublicKey = publicKey;
        VerificationShares = new SortedDictionary<PartyId, TPoint>(verificationShares.ToDictionary());
        Threshold = threshold;
        _chainCode = chainCode.ToArray();
    }

    /// <summary>PK, the group public key.</summary>
    public TPoint PublicKey { get; }

    /// <summary>Y_i = s_i·G for every party, ascending by party.</summary>
    public IReadOnlyDictionary<PartyId, TPoint> VerificationShares { get; }

    /// <summary>t: how many shares sign.</summary>
    public int Threshold { get; }

    /// <summary>n: how many parties hold a share.</summary>
    public int PartyCount => VerificationShares.Count;

    public IEnumerable<PartyId> Parties => VerificationShares.Keys;

    public ReadOnlySpan<byte> ChainCode => _chainCode;

    /// <summary>
    /// The key of secret s + t: PK + t·G and Y_i + t·G (Σλ_i = 1 over any signer set, so adding t
    /// to every share adds t to the secret). Used by BIP32 derivation and the BIP341 taproot tweak.
    /// </summary>
    public GroupKey<TPoint, TScalar> Tweak(TScalar tweak)
    {
        var offset = TPoint.MultiplyBase(tweak);
        return new GroupKey<TPoint, TScalar>(
            PublicKey + offset, VerificationShares.ToDictionary(p => p.Key, p => p.Value + offset), Threshold, _chainCode);
    }

    /// <summary>The key of secret −s: every point negated (BIP340 even-Y normalisation).</summary>
    public GroupKey<TPoint, TScalar> Negate() =>
        new(-PublicKey, VerificationShares.ToDictionary(p => p.Key, p => -p.Value), Threshold, _chainCode);

    /// <summary>Same key, same chain code (shares may differ after a refresh, so verification shares are not compared).</summary>
    public bool HasSamePublicKey(GroupKey<TPoint, TScalar> other) =>
        other is not null && PublicKey == other.PublicKey && _chainCode.AsSpan().SequenceEqual(other._chainCode);
}
