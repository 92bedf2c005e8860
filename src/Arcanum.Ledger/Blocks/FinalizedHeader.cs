using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// A header with the committee's signature over its <see cref="BlockHeader.SigningBytes"/>: what a client needs to
/// trust a state root knowing only the committee key. Encoding: <c>header (144) ‖ signature (64)</c>.
/// </summary>
public sealed class FinalizedHeader
{
    /// <summary>The length of the encoding.</summary>
    public const int EncodedLength = BlockHeader.EncodedLength + Blocks.CommitteeSignature.Length;

    private readonly byte[] _signature;

    /// <summary>A header and its 64-byte committee signature (not checked here: see <see cref="CommitteeSignature.Verify"/>).</summary>
    public FinalizedHeader(BlockHeader header, ReadOnlySpan<byte> committeeSignature)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (committeeSignature.Length != Blocks.CommitteeSignature.Length)
        {
            throw new ArgumentException($"A committee signature is {Blocks.CommitteeSignature.Length} bytes.", nameof(committeeSignature));
        }

        Header = header;
        _signature = committeeSignature.ToArray();
    }

    /// <summary>The header.</summary>
    public BlockHeader Header { get; }

    /// <summary>The committee's Ed25519 signature over the header's signing bytes, a copy.</summary>
    public byte[] Signature => _signature.ToArray();

    /// <summary>The encoding (see the type).</summary>
    public byte[] Encode() => [.. Header.Encode(), .. _signature];

    /// <summary>Decodes exactly <see cref="EncodedLength"/> bytes; never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out FinalizedHeader? header, [NotNullWhen(false)] out FieldError? error)
    {
        header = null;
        if (encoded.Length != EncodedLength)
        {
            error = new FieldError(string.Empty, $"a finalized header is {EncodedLength} bytes, not {encoded.Length}.");
            return false;
        }

        if (!BlockHeader.TryDecode(encoded[..BlockHeader.EncodedLength], out var parsed, out error))
        {
            return false;
        }

        header = new FinalizedHeader(parsed, encoded[BlockHeader.EncodedLength..]);
        return true;
    }
}
