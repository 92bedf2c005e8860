using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Encoding;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Queries;
using Arcanum.Ledger.State;

namespace Arcanum.Client.Ledger;

/// <summary>
/// Checks a module query's answer with only the committee key and the chain id (issue 8, "Queries"; docs/ledger.md
/// "Client and CLI"): decodes every <see cref="QueryProof"/> of <see cref="LedgerAnswer{T}.Proof"/>, verifies them into a
/// <see cref="ProvenStateView"/> (committee signature on the chain id, Merkle proof against the header's state root,
/// one header for all), recomputes the answer with the same <see cref="LedgerQueries"/> function the coordinator ran,
/// and requires it to equal the returned value (compared as the API's JSON, so records holding lists compare by
/// content) at the proofs' height. Any failure throws <see cref="ArcanumProofException"/> naming it.
/// </summary>
public static class LedgerProofVerifier
{
    /// <summary>The longest hex text of one proof: twice the largest <see cref="QueryProof"/> encoding (with its length prefixes).</summary>
    private const int MaxProofHexLength =
        2 * (QueryProof.MaxKeyLength + QueryProof.MaxValueLength + StateProof.MaxEncodedLength + FinalizedHeader.EncodedLength + 16);

    /// <summary>
    /// The verified value of <paramref name="answer"/>: <paramref name="query"/> recomputed over the proven state.
    /// <paramref name="type"/> is the value's JSON contract (<see cref="LedgerJsonContext"/>), used for the comparison.
    /// </summary>
    /// <exception cref="ArcanumProofException">The answer does not verify (see the type).</exception>
    public static T Verify<T>(LedgerAnswer<T> answer, LedgerTrustAnchor trust, Func<ProvenStateView, T> query, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(type);
        var view = Prove(answer, trust);
        T recomputed;
        try
        {
            recomputed = query(view);
        }
        catch (UnprovenKeyException e)
        {
            throw new ArcanumProofException($"the answer carries no proof for state key {Hex.Encode(e.Key)}, which the query reads", e);
        }

        var expected = JsonSerializer.Serialize(recomputed, type);
        var returned = JsonSerializer.Serialize(answer.Value, type);
        if (!string.Equals(expected, returned, StringComparison.Ordinal))
        {
            throw new ArcanumProofException($"the returned value {returned} is not what the proven state gives: {expected}");
        }

        return recomputed;
    }

    /// <summary>The proven state of <paramref name="answer"/>: every proof decoded and verified, all at the answer's height.</summary>
    /// <exception cref="ArcanumProofException">The answer has no proof, or a proof does not decode or verify.</exception>
    public static ProvenStateView Prove<T>(LedgerAnswer<T> answer, LedgerTrustAnchor trust)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(trust);
        var proof = answer.Proof ?? throw new ArcanumProofException("the answer carries no proof");
        if (!string.Equals(proof.ChainId, trust.ChainId, StringComparison.Ordinal))
        {
            throw new ArcanumProofException($"the proof is for chain '{proof.ChainId}', not '{trust.ChainId}'");
        }

        if (proof.Height != answer.Height)
        {
            throw new ArcanumProofException($"the proof is at height {proof.Height}, the answer claims {answer.Height}");
        }

        var proofs = Decode(proof.Proofs);
        if (!ProvenStateView.TryCreate(trust.CommitteeKey, trust.ChainId, proofs, out var view, out var error))
        {
            throw new ArcanumProofException(error);
        }

        if (answer.Height < 0 || view.Header.Header.Height != (ulong)answer.Height)
        {
            throw new ArcanumProofException($"the proofs' header is at height {view.Header.Header.Height}, the answer claims {answer.Height}");
        }

        return view;
    }

    private static List<QueryProof> Decode(IReadOnlyList<string>? encodings)
    {
        if (encodings is null || encodings.Count is 0 or > ProvenStateView.MaxProofs)
        {
            throw new ArcanumProofException($"an answer carries 1–{ProvenStateView.MaxProofs} proofs; got {encodings?.Count ?? 0}");
        }

        var proofs = new List<QueryProof>(encodings.Count);
        for (var index = 0; index < encodings.Count; index++)
        {
            if (encodings[index] is not { Length: <= MaxProofHexLength } text || !Hex.TryDecode(text, out var bytes))
            {
                throw new ArcanumProofException($"proofs[{index}] is not hex of at most {MaxProofHexLength} digits");
            }

            if (!QueryProof.TryDecode(bytes, out var decoded, out var error))
            {
                throw new ArcanumProofException($"proofs[{index}] does not decode: {error}");
            }

            proofs.Add(decoded);
        }

        return proofs;
    }
}
