using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// The receiver ("Bob") of one random vector OLE (DKLs23 Functionality 3.5, realised by DKLs19
/// Protocol 1 over the OT extension): its input b = ⟨g, β⟩ is pseudo-random, its first message
/// goes out in signing round 1, and with the sender's reply it obtains d ∈ Z_q^ℓ such that
/// c + d = a·b for the sender's a and c. A failed check means the counterparty deviated in a way
/// that can leak this party's reusable OT state: the caller must ban it for the key.
/// </summary>
public sealed class RvoleReceiver : IDisposable
{
    private RvoleReceiver()
    {
    }

    /// <summary>Draws β and computes the OT-extension message for one session.</summary>
    /// <param name="setup">This party's receiver setup with the counterparty (from key generation).</param>
    /// <param name="transcript">The same bytes at both parties: session, sender id, receiver id.</param>
    public static RvoleReceiver Start(OtExtensionReceiverSetup setup, ReadOnlySpan<byte> transcript, RandomNumberGenerator rng) => throw new NotImplementedException();

    /// <summary>b, this party's (random) input.</summary>
    public Secp256k1Scalar Input => throw new NotImplementedException();

    /// <summary>The message to the sender.</summary>
    public ReadOnlyMemory<byte> Message => throw new NotImplementedException();

    /// <summary>The exact length of <see cref="Message"/>.</summary>
    public static int MessageLength => throw new NotImplementedException();

    /// <summary>
    /// Checks the sender's reply and writes d (ℓ values) to <paramref name="outputs"/>. Pure: the
    /// receiver's state does not change. False, with a reason, for a malformed reply or a failed
    /// consistency check.
    /// </summary>
    public bool TryFinish(ReadOnlySpan<byte> senderMessage, Span<Secp256k1Scalar> outputs, out string error) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}

/// <summary>The sender ("Alice") of one random vector OLE, with input a ∈ Z_q^ℓ.</summary>
public static class RvoleSender
{
    /// <summary>The exact length of a reply.</summary>
    public static int ReplyLength => throw new NotImplementedException();

    /// <summary>
    /// Verifies the receiver's OT-extension message (the KOS consistency check) and answers it:
    /// writes c (ℓ values) to <paramref name="outputs"/>, with c + d = a·b, and returns the reply.
    /// False, with a reason, for a malformed message or a failed check (ban the counterparty).
    /// </summary>
    public static bool TryRespond(
        OtExtensionSenderSetup setup, ReadOnlySpan<byte> transcript, ReadOnlySpan<byte> receiverMessage, ReadOnlySpan<Secp256k1Scalar> inputs,
        RandomNumberGenerator rng, Span<Secp256k1Scalar> outputs, out byte[] reply, out string error) => throw new NotImplementedException();
}
