using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Encoding;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// An answer to a state query that a client can check knowing only the committee key (issue 8, "Queries"): the value
/// of a state key (null when absent), a <see cref="StateProof"/> of it, and the finalized header whose stateRoot the
/// proof is against. State keys are the modules' own (e.g. <see cref="Modules.Accounts.AccountsState.BalanceKey"/>);
/// the value is the stored encoding, which the client decodes with the module's types.
/// <para>
/// Encoding: <c>bytes(key) ‖ flag(value present) ‖ [bytes(value)] ‖ bytes(proof) ‖ finalized header (208)</c>, the
/// proof in <see cref="StateProof.Encode"/>'s form.
/// </para>
/// </summary>
/// <param name="Key">The state key asked about.</param>
/// <param name="Value">Its value at the header's state root, or null when absent.</param>
/// <param name="Proof">The proof of <paramref name="Value"/> (or absence) for <paramref name="Key"/>.</param>
/// <param name="Header">The finalized header the answer belongs to.</param>
public sealed record QueryProof(byte[] Key, byte[]? Value, StateProof Proof, FinalizedHeader Header)
{
    /// <summary>The longest state key an answer carries (module keys are under 200 bytes).</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>
    /// The longest value an answer carries: above every value the modules store (the largest, a stored message,
    /// holds an envelope of at most 64 KiB and about 100 bytes more).
    /// </summary>
    public const int MaxValueLength = 128 * 1024;

    /// <summary>The answer for <paramref name="key"/> at <paramref name="header"/>'s state root, read from <paramref name="tree"/>'s store.</summary>
    public static QueryProof Create(SparseMerkleTree tree, FinalizedHeader header, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(key);
        var root = header.Header.StateRoot;
        return new QueryProof(key.ToArray(), tree.Get(root, key), tree.Prove(root, key), header);
    }

    /// <summary>The encoding (see the type).</summary>
    /// <exception cref="InvalidOperationException">The key or value is longer than its bound.</exception>
    public byte[] Encode()
    {
        if (Key.Length > MaxKeyLength || Value?.Length > MaxValueLength)
        {
            throw new InvalidOperationException($"A query answer carries a key of at most {MaxKeyLength} bytes and a value of at most {MaxValueLength}.");
        }

        var writer = new CanonicalWriter().WriteBytes(Key).WriteBool(Value is not null);
        if (Value is not null)
        {
            writer.WriteBytes(Value);
        }

        return writer.WriteBytes(Proof.Encode()).WriteFixed(Header.Encode()).ToArray();
    }

    /// <summary>Decodes <see cref="Encode"/>'s form strictly (bounds before allocation, no trailing bytes); never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out QueryProof? answer, [NotNullWhen(false)] out FieldError? error)
    {
        answer = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadBytes(MaxKeyLength, out var key))
        {
            return Fail("key", $"must be length-prefixed bytes of at most {MaxKeyLength}.", out error);
        }

        if (!reader.TryReadBool(out var present))
        {
            return Fail("value", "the presence flag must be 0 or 1.", out error);
        }

        byte[]? value = null;
        if (present && !reader.TryReadBytes(MaxValueLength, out value))
        {
            return Fail("value", $"must be length-prefixed bytes of at most {MaxValueLength}.", out error);
        }

        if (!reader.TryReadBytes(StateProof.MaxEncodedLength, out var proofBytes))
        {
            return Fail("proof", $"must be length-prefixed bytes of at most {StateProof.MaxEncodedLength}.", out error);
        }

        if (!StateProof.TryDecode(proofBytes, out var proof, out var proofError))
        {
            return Fail("proof", proofError!, out error);
        }

        if (!reader.TryReadFixed(FinalizedHeader.EncodedLength, out var headerBytes) || !reader.IsAtEnd)
        {
            return Fail("header", $"must be the last {FinalizedHeader.EncodedLength} bytes.", out error);
        }

        if (!FinalizedHeader.TryDecode(headerBytes, out var header, out error))
        {
            return false;
        }

        answer = new QueryProof(key, value, proof!, header);
        return true;
    }

    private static bool Fail(string field, string message, out FieldError error)
    {
        error = new FieldError(field, message);
        return false;
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
