using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Encoding;
using Arcanum.Ledger.Modules.Common;

namespace Arcanum.Ledger.Modules.Messages;

/// <summary>
/// A message as stored: <c>sender (32) ‖ target ‖ u64(sequence) ‖ u64(height) ‖ u64(time, Unix ms) ‖ bytes(envelope)</c>.
/// The sequence counts per recipient (direct) or per group, from 1.
/// </summary>
public sealed record StoredMessage(AccountId Sender, MessageTarget Target, ulong Sequence, ulong Height, ulong TimeUnixMilliseconds, byte[] Envelope)
{
    /// <summary>The stored encoding.</summary>
    public byte[] Encode() =>
        Target.WriteTo(new CanonicalWriter().WriteFixed(Sender.Bytes))
            .WriteUInt64(Sequence).WriteUInt64(Height).WriteUInt64(TimeUnixMilliseconds).WriteBytes(Envelope).ToArray();

    /// <summary>Decodes the stored encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out StoredMessage? message)
    {
        message = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadAccount(out var sender) || !MessageTarget.TryRead(ref reader, out var target)
            || !reader.TryReadUInt64(out var sequence) || !reader.TryReadUInt64(out var height) || !reader.TryReadUInt64(out var time)
            || !reader.TryReadBytes(SendMessageArgs.MaxEnvelopeLength, out var envelope) || !reader.IsAtEnd)
        {
            return false;
        }
        message = new StoredMessage(sender, target, sequence, height, time, envelope);
        return true;
    }
}
