using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Queries;

/// <summary>
/// The part of a finalized state a client has proofs for: every value came with a <see cref="QueryProof"/> that
/// verified under the committee key, all against the same signed header. Reading a key without a proof throws
/// <see cref="UnprovenKeyException"/>: a query recomputed over this view either uses only proven values or fails.
/// </summary>
public sealed class ProvenStateView : IStateView
{
    /// <summary>The most proofs one answer may carry.</summary>
    public const int MaxProofs = 1024;

    private readonly Dictionary<byte[], byte[]?> _values;

    private ProvenStateView(FinalizedHeader header, Dictionary<byte[], byte[]?> values)
    {
        Header = header;
        _values = values;
    }

    /// <summary>The committee-signed header every proof is against.</summary>
    public FinalizedHeader Header { get; }

    /// <summary>
    /// Verifies every proof (<see cref="QueryProofVerifier.Verify"/>: committee signature on <paramref name="chainId"/>,
    /// Merkle proof against the header's state root) and that they all share one header. False with the reason at the
    /// first failure.
    /// </summary>
    public static bool TryCreate(Ed25519PublicKey committeeKey, string chainId, IReadOnlyList<QueryProof> proofs,
        [NotNullWhen(true)] out ProvenStateView? view, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(committeeKey);
        ArgumentNullException.ThrowIfNull(proofs);
        view = null;
        if (proofs.Count is 0 or > MaxProofs)
        {
            error = $"an answer carries 1–{MaxProofs} proofs; got {proofs.Count}";
            return false;
        }

        var header = proofs[0].Header;
        var encodedHeader = header.Encode();
        var values = new Dictionary<byte[], byte[]?>(ByteArrayComparer.Instance);
        for (var index = 0; index < proofs.Count; index++)
        {
            var proof = proofs[index];
            if (!proof.Header.Encode().AsSpan().SequenceEqual(encodedHeader))
            {
                error = $"proofs[{index}] is against another header than proofs[0]";
                return false;
            }

            var check = QueryProofVerifier.Verify(committeeKey, chainId, proof.Key, proof);
            if (check != QueryProofCheck.Valid)
            {
                error = $"proofs[{index}]: {check}";
                return false;
            }

            if (!values.TryAdd(proof.Key, proof.Value))
            {
                error = $"proofs[{index}] repeats a key";
                return false;
            }
        }

        view = new ProvenStateView(header, values);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    /// <exception cref="UnprovenKeyException">No proof covers <paramref name="key"/>.</exception>
    public byte[]? Get(ReadOnlySpan<byte> key) =>
        _values.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var value)
            ? value?.ToArray()
            : throw new UnprovenKeyException(key.ToArray());

    /// <inheritdoc/>
    public void Set(ReadOnlySpan<byte> key, byte[]? value) => throw new InvalidOperationException("A proven view is read-only.");
}

/// <summary>A query read a key the answer carried no proof for: the answer cannot be verified.</summary>
public sealed class UnprovenKeyException(byte[] key)
    : Exception($"The answer carries no proof for state key {Convert.ToHexStringLower(key)}.")
{
    /// <summary>The key without a proof.</summary>
    public byte[] Key { get; } = key;
}
