using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// An answer to a state query that a client can check knowing only the committee key (issue 8, "Queries"): the value
/// of a state key (null when absent), a <see cref="StateProof"/> of it, and the finalized header whose stateRoot the
/// proof is against. State keys are the modules' own (e.g. <see cref="Modules.Accounts.AccountsState.BalanceKey"/>);
/// the value is the stored encoding, which the client decodes with the module's types.
/// </summary>
/// <param name="Key">The state key asked about.</param>
/// <param name="Value">Its value at the header's state root, or null when absent.</param>
/// <param name="Proof">The proof of <paramref name="Value"/> (or absence) for <paramref name="Key"/>.</param>
/// <param name="Header">The finalized header the answer belongs to.</param>
public sealed record QueryProof(byte[] Key, byte[]? Value, StateProof Proof, FinalizedHeader Header)
{
    /// <summary>The answer for <paramref name="key"/> at <paramref name="header"/>'s state root, read from <paramref name="tree"/>'s store.</summary>
    public static QueryProof Create(SparseMerkleTree tree, FinalizedHeader header, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(key);
        var root = header.Header.StateRoot;
        return new QueryProof(key.ToArray(), tree.Get(root, key), tree.Prove(root, key), header);
    }
}

/// <summary>The result of checking a <see cref="QueryProof"/>.</summary>
public enum QueryProofCheck
{
    /// <summary>The header is signed by the committee and the proof shows the value (or absence) at its state root.</summary>
    Valid,

    /// <summary>The answer is about another key than the one asked.</summary>
    KeyMismatch,

    /// <summary>The header's committee signature does not verify.</summary>
    BadHeaderSignature,

    /// <summary>The proof does not show the value (or absence) at the header's state root.</summary>
    ProofInvalid,
}

/// <summary>Checks a <see cref="QueryProof"/> with only the committee key and the chain id.</summary>
public static class QueryProofVerifier
{
    /// <summary>
    /// Valid when <paramref name="answer"/> is about <paramref name="key"/>, its header carries the committee's
    /// signature on <paramref name="chainId"/>, and its proof verifies the value (or absence) against the header's
    /// stateRoot (<see cref="StateProofVerifier.Verify"/>).
    /// </summary>
    public static QueryProofCheck Verify(Ed25519PublicKey committeeKey, string chainId, ReadOnlySpan<byte> key, QueryProof answer)
    {
        ArgumentNullException.ThrowIfNull(committeeKey);
        ArgumentNullException.ThrowIfNull(answer);
        if (!key.SequenceEqual(answer.Key))
        {
            return QueryProofCheck.KeyMismatch;
        }

        var header = answer.Header;
        if (!CommitteeSignature.Verify(committeeKey, chainId, header.Header, header.Signature))
        {
            return QueryProofCheck.BadHeaderSignature;
        }

        return StateProofVerifier.Verify(header.Header.StateRoot, key, answer.Value, answer.Proof)
            ? QueryProofCheck.Valid
            : QueryProofCheck.ProofInvalid;
    }
}
