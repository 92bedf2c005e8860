using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// What one signing run signs (RFC 9591 §5.2 inputs msg and commitment_list, ZF frost's
/// SigningPackage): the message, every signer's commitment in ascending identifier order, and,
/// for the Taproot suite, the BIP341 tweak to sign under.
/// </summary>
public sealed class SigningPackage<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly byte[] _message;
    private readonly SigningCommitment<TPoint, TScalar>[] _commitments;

    /// <summary>Sorts the commitments by signer; throws when a signer appears twice or the list is empty.</summary>
    public SigningPackage(ReadOnlySpan<byte> message, IEnumerable<SigningCommitment<TPoint, TScalar>> commitments, TaprootTweak? tweak = null)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        _commitments = [.. commitments.OrderBy(c => c.Signer)];
        if (_commitments.Length == 0 || _commitments.Select(c => c.Signer).Distinct().Count() != _commitments.Length)
        {
            throw new ArgumentException("A signing package holds one commitment per signer, at least one.", nameof(commitments));
        }

        _message = message.ToArray();
        Tweak = tweak;
        Signers = [.. _commitments.Select(c => c.Signer)];
    }

    public ReadOnlySpan<byte> Message => _message;

    /// <summary>The commitment list, ascending by signer (§5.2 requires it sorted).</summary>
    public IReadOnlyList<SigningCommitment<TPoint, TScalar>> Commitments => _commitments;

    /// <summary>The signer set, ascending.</summary>
    public IReadOnlyList<PartyId> Signers { get; }

    public TaprootTweak? Tweak { get; }

    public SigningCommitment<TPoint, TScalar>? CommitmentOf(PartyId signer) => _commitments.FirstOrDefault(c => c.Signer == signer);

    /// <summary>Why this package cannot be signed under <paramref name="key"/> (fewer than t signers, or a signer without a share), or null.</summary>
    public string? ProblemWith(GroupKey<TPoint, TScalar> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_commitments.Length < key.Threshold)
        {
            return $"{_commitments.Length} signers cannot sign a {key.Threshold}-of-{key.PartyCount} key";
        }

        return Signers.FirstOrDefault(s => !key.VerificationShares.ContainsKey(s)) is { Value: not 0 } stranger
            ? $"{stranger} holds no share of the key"
            : null;
    }

    /// <summary>RFC 9591 §4.3 encode_group_commitment_list: the entries concatenated in signer order.</summary>
    public byte[] EncodeCommitmentList()
    {
        var entry = SigningCommitment<TPoint, TScalar>.EncodedLength;
        var encoded = new byte[_commitments.Length * entry];
        for (var i = 0; i < _commitments.Length; i++)
        {
            _commitments[i].Encode(encoded.AsSpan(i * entry, entry));
        }

        return encoded;
    }
}
