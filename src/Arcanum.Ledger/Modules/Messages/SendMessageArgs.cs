using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Encoding;

namespace Arcanum.Ledger.Modules.Messages;

/// <summary>
/// <c>messages.send_message</c> args: <c>target ‖ bytes(envelope)</c>, the envelope 1 to <see cref="MaxEnvelopeLength"/>
/// bytes. The envelope is opaque to the ledger (clients encrypt it with HPKE to the recipient's keystore key).
/// </summary>
public sealed record SendMessageArgs(MessageTarget Target, byte[] Envelope)
{
    /// <summary>The largest envelope, in bytes.</summary>
    public const int MaxEnvelopeLength = 64 * 1024;

    /// <summary>The canonical encoding.</summary>
    public byte[] Encode() => Target.WriteTo(new CanonicalWriter()).WriteBytes(Envelope).ToArray();

    /// <summary>Decodes exactly one canonical encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out SendMessageArgs? args)
    {
        args = null;
        var reader = new CanonicalReader(encoded);
        if (!MessageTarget.TryRead(ref reader, out var target) || !reader.TryReadBytes(MaxEnvelopeLength, out var envelope)
            || envelope.Length == 0 || !reader.IsAtEnd)
        {
            return false;
        }
        args = new SendMessageArgs(target, envelope);
        return true;
    }
}
