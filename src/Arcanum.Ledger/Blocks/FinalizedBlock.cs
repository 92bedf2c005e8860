using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// A block with the committee's signature over its header: final once that signature verifies under the chain's
/// committee key (<see cref="CommitteeSignature.Verify"/>). Encoding: <c>block ‖ signature (64)</c>.
/// </summary>
public sealed class FinalizedBlock
{
    /// <summary>The largest encoding of a finalized block.</summary>
    public const int MaxEncodedLength = Block.MaxEncodedLength + Blocks.CommitteeSignature.Length;

    /// <summary>A block and its 64-byte committee signature (not checked here).</summary>
    public FinalizedBlock(Block block, ReadOnlySpan<byte> committeeSignature)
    {
        ArgumentNullException.ThrowIfNull(block);
        Block = block;
        FinalizedHeader = new FinalizedHeader(block.Header, committeeSignature);
    }

    /// <summary>The block.</summary>
    public Block Block { get; }

    /// <summary>The block's header with the signature.</summary>
    public FinalizedHeader FinalizedHeader { get; }

    /// <summary>The header.</summary>
    public BlockHeader Header => Block.Header;

    /// <summary>The committee signature, a copy.</summary>
    public byte[] Signature => FinalizedHeader.Signature;

    /// <summary>The encoding (see the type).</summary>
    public byte[] Encode() => [.. Block.Encode(), .. FinalizedHeader.Signature];

    /// <summary>Decodes strictly (the block as <see cref="Block.TryDecode"/>, then exactly 64 signature bytes); never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out FinalizedBlock? finalized, [NotNullWhen(false)] out FieldError? error)
    {
        finalized = null;
        if (encoded.Length > MaxEncodedLength)
        {
            error = new FieldError(string.Empty, $"a finalized block is at most {MaxEncodedLength} bytes, not {encoded.Length}.");
            return false;
        }

        if (encoded.Length < Block.EmptyEncodedLength + Blocks.CommitteeSignature.Length)
        {
            error = new FieldError(string.Empty, "truncated: too short for a block and its signature.");
            return false;
        }

        var split = encoded.Length - Blocks.CommitteeSignature.Length;
        if (!Block.TryDecode(encoded[..split], out var block, out error))
        {
            return false;
        }

        finalized = new FinalizedBlock(block, encoded[split..]);
        return true;
    }
}
