using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Chains.Solana;

/// <summary>
/// A Solana wire transaction (Solana docs, "Transactions"): compact-array of 64-byte Ed25519 signatures, one per
/// required signer in account-key order, followed by the message bytes. Unsigned slots hold 64 zero bytes.
/// </summary>
public sealed record SolanaTransaction(IReadOnlyList<ReadOnlyMemory<byte>> Signatures, SolanaMessage Message)
{
    /// <summary>The length of one signature.</summary>
    public const int SignatureLength = 64;

    /// <summary>The largest transaction the network carries (PACKET_DATA_SIZE: 1280-byte IPv6 MTU minus headers).</summary>
    public const int MaxSize = 1232;

    /// <summary>The wire bytes: the inverse of <see cref="TryParse"/>.</summary>
    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        CompactU16.Write(stream, Signatures.Count);
        foreach (var signature in Signatures)
        {
            stream.Write(signature.Span);
        }

        stream.Write(Message.Serialize());
        return stream.ToArray();
    }

    /// <summary>
    /// Parses wire bytes strictly: at most <see cref="MaxSize"/> bytes, a canonical signature count equal to
    /// the header's numRequiredSignatures, and a message that <see cref="SolanaMessage.TryParse"/> accepts.
    /// False with an error naming the field and byte; never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out SolanaTransaction? transaction, out string error) =>
        TryParse(bytes, out transaction, out _, out error);

    /// <summary><see cref="TryParse(ReadOnlySpan{byte}, out SolanaTransaction?, out string)"/>, also giving where the message starts.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out SolanaTransaction? transaction, out int messageOffset, out string error)
    {
        transaction = null;
        messageOffset = 0;
        if (bytes.Length > MaxSize)
        {
            error = $"transaction: {bytes.Length} bytes, over the {MaxSize} the network carries.";
            return false;
        }

        var reader = new SolanaReader(bytes);
        if (!reader.TryReadCount("signatures", SignatureLength, out var count))
        {
            error = reader.Error;
            return false;
        }

        var signatures = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadBytes($"signatures[{i}]", SignatureLength, out signatures[i]))
            {
                error = reader.Error;
                return false;
            }
        }

        messageOffset = reader.Position;
        if (!SolanaMessage.TryParse(bytes[messageOffset..], out var message, out error))
        {
            return false;
        }

        if (count != message.Header.NumRequiredSignatures)
        {
            error = $"signatures: {count} given, but the header requires {message.Header.NumRequiredSignatures}.";
            return false;
        }

        transaction = new SolanaTransaction(signatures, message);
        return true;
    }
}
