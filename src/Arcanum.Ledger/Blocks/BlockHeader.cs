using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Ledger.Encoding;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// A block header (issue 8, "Blocks"): <c>{height, prevHash, time, txRoot, stateRoot, eventsRoot}</c>.
/// <para>
/// Canonical encoding, 144 bytes, fixed width:
/// <c>u64(height) ‖ prevHash (32) ‖ u64(time, Unix ms) ‖ txRoot (32) ‖ stateRoot (32) ‖ eventsRoot (32)</c>.
/// The block hash is SHA-256 of that encoding; the committee signs
/// <c>str("arcanum/ledger/header/v1") ‖ str(chainId) ‖ encoding</c> (<see cref="SigningBytes"/>), so a signature is
/// bound to one chain and can be taken for no other message the committee key signs.
/// </para>
/// </summary>
public sealed class BlockHeader : IEquatable<BlockHeader>
{
    /// <summary>The domain separator that starts the signing bytes.</summary>
    public const string SigningDomain = "arcanum/ledger/header/v1";

    /// <summary>The length of every hash and root in the header.</summary>
    public const int HashLength = 32;

    /// <summary>The length of the canonical encoding.</summary>
    public const int EncodedLength = 8 + HashLength + 8 + (3 * HashLength);

    private readonly byte[] _prevHash;
    private readonly byte[] _txRoot;
    private readonly byte[] _stateRoot;
    private readonly byte[] _eventsRoot;

    private BlockHeader(ulong height, byte[] prevHash, ulong time, byte[] txRoot, byte[] stateRoot, byte[] eventsRoot)
    {
        Height = height;
        _prevHash = prevHash;
        TimeUnixMilliseconds = time;
        _txRoot = txRoot;
        _stateRoot = stateRoot;
        _eventsRoot = eventsRoot;
    }

    /// <summary>The height: 0 for genesis, the parent's height + 1 otherwise.</summary>
    public ulong Height { get; }

    /// <summary>The parent's <see cref="Hash"/> (32 zero bytes for genesis), a copy.</summary>
    public byte[] PrevHash => _prevHash.ToArray();

    /// <summary>The block time, milliseconds since 1970-01-01T00:00:00Z, never before the parent's.</summary>
    public ulong TimeUnixMilliseconds { get; }

    /// <summary>The Merkle root of the block's transactions (<see cref="Execution.BlockRoots.TxRoot"/>), a copy.</summary>
    public byte[] TxRoot => _txRoot.ToArray();

    /// <summary>The root of the state after the block (<see cref="State.SparseMerkleTree"/>), a copy.</summary>
    public byte[] StateRoot => _stateRoot.ToArray();

    /// <summary>The Merkle root of the block's outcomes (<see cref="Execution.BlockRoots.EventsRoot"/>), a copy.</summary>
    public byte[] EventsRoot => _eventsRoot.ToArray();

    /// <summary>A header from its fields; every hash and root must be 32 bytes.</summary>
    public static BlockHeader Create(ulong height, ReadOnlySpan<byte> prevHash, ulong timeUnixMilliseconds, ReadOnlySpan<byte> txRoot, ReadOnlySpan<byte> stateRoot, ReadOnlySpan<byte> eventsRoot) =>
        new(height, Hash32(prevHash, nameof(prevHash)), timeUnixMilliseconds, Hash32(txRoot, nameof(txRoot)), Hash32(stateRoot, nameof(stateRoot)), Hash32(eventsRoot, nameof(eventsRoot)));

    /// <summary>The canonical encoding (see the type).</summary>
    public byte[] Encode() => new CanonicalWriter()
        .WriteUInt64(Height)
        .WriteFixed(_prevHash)
        .WriteUInt64(TimeUnixMilliseconds)
        .WriteFixed(_txRoot)
        .WriteFixed(_stateRoot)
        .WriteFixed(_eventsRoot)
        .ToArray();

    /// <summary>Decodes exactly <see cref="EncodedLength"/> bytes; false with the field at fault otherwise; never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out BlockHeader? header, [NotNullWhen(false)] out FieldError? error)
    {
        header = null;
        if (encoded.Length != EncodedLength)
        {
            error = new FieldError("header", $"must be {EncodedLength} bytes, not {encoded.Length}.");
            return false;
        }

        // The length is exact, so no read below can fail.
        var reader = new CanonicalReader(encoded);
        _ = reader.TryReadUInt64(out var height);
        _ = reader.TryReadFixed(HashLength, out var prevHash);
        _ = reader.TryReadUInt64(out var time);
        _ = reader.TryReadFixed(HashLength, out var txRoot);
        _ = reader.TryReadFixed(HashLength, out var stateRoot);
        _ = reader.TryReadFixed(HashLength, out var eventsRoot);
        header = new BlockHeader(height, prevHash!, time, txRoot!, stateRoot!, eventsRoot!);
        error = null;
        return true;
    }

    /// <summary>The block hash: SHA-256 of <see cref="Encode"/>. The next block's <see cref="PrevHash"/>.</summary>
    public byte[] Hash() => SHA256.HashData(Encode());

    /// <summary>
    /// What the committee signs: <c>str("arcanum/ledger/header/v1") ‖ str(chainId) ‖ Encode()</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="chainId"/> is not a valid chain id.</exception>
    public byte[] SigningBytes(string chainId)
    {
        if (!Transaction.IsValidChainId(chainId))
        {
            throw new ArgumentException("A chain id is 1–64 characters from [a-z0-9-].", nameof(chainId));
        }

        return new CanonicalWriter().WriteString(SigningDomain).WriteString(chainId).WriteFixed(Encode()).ToArray();
    }

    /// <inheritdoc/>
    public bool Equals(BlockHeader? other) => other is not null && Encode().AsSpan().SequenceEqual(other.Encode());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BlockHeader);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Height, TimeUnixMilliseconds, _stateRoot[0], _stateRoot[1]);

    /// <inheritdoc/>
    public override string ToString() => $"block {Height} {Convert.ToHexStringLower(Hash())}";

    private static byte[] Hash32(ReadOnlySpan<byte> value, string name) =>
        value.Length == HashLength ? value.ToArray() : throw new ArgumentException($"{name} is {HashLength} bytes, not {value.Length}.", name);
}
