using System.Buffers.Binary;
using System.Numerics;

namespace Arcanum.Ledger.State;

/// <summary>
/// A proof of one key's value, or of its absence, in a <see cref="SparseMerkleTree"/> (docs/ledger-state.md, "Proof
/// format"). It holds the sibling hashes along the key's path from the root down to where the path ends, and what the
/// path ends at: the empty subtree, or a leaf (the key's own leaf for membership, another key's leaf for absence).
/// Checked by <see cref="StateProofVerifier.Verify"/>.
/// </summary>
public sealed class StateProof
{
    /// <summary>Paths have 256 bits, so a path ends at depth 256 at the latest.</summary>
    public const int MaxDepth = 256;

    /// <summary>The encoding's format byte.</summary>
    public const byte FormatVersion = 0x01;

    /// <summary>The longest valid encoding: header, full bitmap, 256 siblings, a leaf terminal.</summary>
    public const int MaxEncodedLength = HeaderLength + (MaxDepth / 8) + (MaxDepth * HashLength) + 1 + (2 * HashLength);

    private const int HashLength = SparseMerkleTree.HashLength;
    private const int HeaderLength = 1 + 2;
    private const byte EmptyTerminal = 0x00;
    private const byte LeafTerminal = 0x01;

    private readonly byte[][] _siblings;
    private readonly byte[]? _leafPath;
    private readonly byte[]? _leafValueHash;

    /// <summary>
    /// A proof from its parts. <paramref name="siblings"/> are 32-byte hashes from the root down (all zeros for an empty
    /// sibling); <paramref name="leafPath"/> and <paramref name="leafValueHash"/> are both null when the path ends at the
    /// empty subtree, or both 32 bytes when it ends at a leaf.
    /// </summary>
    public StateProof(IReadOnlyList<byte[]> siblings, byte[]? leafPath, byte[]? leafValueHash)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        if (siblings.Count > MaxDepth)
        {
            throw new ArgumentException($"at most {MaxDepth} siblings, not {siblings.Count}", nameof(siblings));
        }

        if (siblings.Any(sibling => sibling is null || sibling.Length != HashLength))
        {
            throw new ArgumentException($"every sibling is a {HashLength}-byte hash", nameof(siblings));
        }

        if ((leafPath is null) != (leafValueHash is null)
            || leafPath is { Length: not HashLength } || leafValueHash is { Length: not HashLength })
        {
            throw new ArgumentException($"a leaf terminal has a {HashLength}-byte path and value hash, an empty one neither", nameof(leafPath));
        }

        _siblings = [.. siblings.Select(sibling => sibling.ToArray())];
        _leafPath = leafPath?.ToArray();
        _leafValueHash = leafValueHash?.ToArray();
    }

    /// <summary>Sibling hashes from the root down: element i is the other child of the path's node at depth i.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Siblings => [.. _siblings.Select(sibling => (ReadOnlyMemory<byte>)sibling)];

    /// <summary>The depth at which the key's path ends (the number of siblings).</summary>
    public int Depth => _siblings.Length;

    /// <summary>True when the path ends at a leaf (<see cref="LeafPath"/>, <see cref="LeafValueHash"/>); false when it ends at the empty subtree.</summary>
    public bool EndsAtLeaf => _leafPath is not null;

    /// <summary>The path of the leaf the key's path ends at, or empty.</summary>
    public ReadOnlySpan<byte> LeafPath => _leafPath;

    /// <summary>SHA-256 of the value of the leaf the key's path ends at, or empty.</summary>
    public ReadOnlySpan<byte> LeafValueHash => _leafValueHash;

    /// <summary>
    /// The canonical encoding: format (1) ‖ depth (u16 BE) ‖ bitmap (⌈depth/8⌉ bytes, MSB first, bit set = non-empty
    /// sibling, padding zero) ‖ the non-empty siblings (32 bytes each) ‖ terminal (0x00 empty | 0x01 ‖ path ‖ value hash).
    /// </summary>
    public byte[] Encode()
    {
        var bitmapLength = BitmapLength(_siblings.Length);
        var present = _siblings.Where(sibling => sibling.AsSpan().ContainsAnyExcept((byte)0)).ToArray();
        var encoded = new byte[HeaderLength + bitmapLength + (present.Length * HashLength) + 1 + (EndsAtLeaf ? 2 * HashLength : 0)];
        encoded[0] = FormatVersion;
        BinaryPrimitives.WriteUInt16BigEndian(encoded.AsSpan(1), (ushort)_siblings.Length);
        var offset = HeaderLength + bitmapLength;
        for (var i = 0; i < _siblings.Length; i++)
        {
            if (_siblings[i].AsSpan().ContainsAnyExcept((byte)0))
            {
                encoded[HeaderLength + (i / 8)] |= (byte)(0x80 >> (i % 8));
                _siblings[i].CopyTo(encoded, offset);
                offset += HashLength;
            }
        }

        if (_leafPath is not null && _leafValueHash is not null)
        {
            encoded[offset] = LeafTerminal;
            _leafPath.CopyTo(encoded, offset + 1);
            _leafValueHash.CopyTo(encoded, offset + 1 + HashLength);
        }
        else
        {
            encoded[offset] = EmptyTerminal;
        }

        return encoded;
    }

    /// <summary>
    /// Decodes <see cref="Encode"/>'s output strictly: one encoding per proof (a sibling marked present may not be all
    /// zeros, padding bits are zero, no trailing bytes), sizes checked before anything is allocated; never throws.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out StateProof? proof, out string? error)
    {
        proof = null;
        error = Parse(encoded, out var siblings, out var leafPath, out var leafValueHash);
        if (error is null)
        {
            proof = new StateProof(siblings!, leafPath, leafValueHash);
        }

        return error is null;
    }

    private static string? Parse(ReadOnlySpan<byte> encoded, out byte[][]? siblings, out byte[]? leafPath, out byte[]? leafValueHash)
    {
        siblings = null;
        leafPath = leafValueHash = null;
        if (encoded.Length > MaxEncodedLength)
        {
            return $"proof: {encoded.Length} bytes, more than the {MaxEncodedLength} a proof can have";
        }

        if (encoded.Length < HeaderLength)
        {
            return "proof.header: truncated";
        }

        if (encoded[0] != FormatVersion)
        {
            return $"proof.format: 0x{encoded[0]:x2} is not 0x{FormatVersion:x2}";
        }

        int depth = BinaryPrimitives.ReadUInt16BigEndian(encoded[1..]);
        if (depth > MaxDepth)
        {
            return $"proof.depth: {depth} is more than {MaxDepth}";
        }

        var bitmapLength = BitmapLength(depth);
        if (encoded.Length < HeaderLength + bitmapLength)
        {
            return "proof.bitmap: truncated";
        }

        var bitmap = encoded.Slice(HeaderLength, bitmapLength);
        if (depth % 8 != 0 && (bitmap[^1] & (0xFF >> (depth % 8))) != 0)
        {
            return "proof.bitmap: padding bits after the last sibling are not zero";
        }

        var presentCount = 0;
        foreach (var b in bitmap)
        {
            presentCount += BitOperations.PopCount(b);
        }

        var terminalOffset = HeaderLength + bitmapLength + (presentCount * HashLength);
        if (encoded.Length < terminalOffset + 1)
        {
            return "proof.siblings: truncated";
        }

        var expectedLength = terminalOffset + 1 + (encoded[terminalOffset] == LeafTerminal ? 2 * HashLength : 0);
        if (encoded[terminalOffset] is not (EmptyTerminal or LeafTerminal))
        {
            return $"proof.terminal: kind 0x{encoded[terminalOffset]:x2} is neither empty (0x00) nor leaf (0x01)";
        }

        if (encoded.Length != expectedLength)
        {
            return encoded.Length < expectedLength ? "proof.terminal: truncated" : $"proof: {encoded.Length - expectedLength} trailing bytes";
        }

        var parsed = new byte[depth][];
        var offset = HeaderLength + bitmapLength;
        for (var i = 0; i < depth; i++)
        {
            if ((bitmap[i / 8] & (0x80 >> (i % 8))) == 0)
            {
                parsed[i] = new byte[HashLength];
                continue;
            }

            parsed[i] = encoded.Slice(offset, HashLength).ToArray();
            offset += HashLength;
            if (!parsed[i].AsSpan().ContainsAnyExcept((byte)0))
            {
                return $"proof.siblings[{i}]: marked present but empty (all zeros)";
            }
        }

        if (encoded[terminalOffset] == LeafTerminal)
        {
            leafPath = encoded.Slice(terminalOffset + 1, HashLength).ToArray();
            leafValueHash = encoded.Slice(terminalOffset + 1 + HashLength, HashLength).ToArray();
        }

        siblings = parsed;
        return null;
    }

    private static int BitmapLength(int depth) => (depth + 7) / 8;
}
