using System.Security.Cryptography;

namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// The base-OT sender of one ordered pair — the party that will be the OT-extension receiver
/// (RVOLE receiver) toward the counterparty. One simultaneous message each way; both sides bind the
/// same <c>transcript</c> (session, sender id, receiver id).
/// </summary>
public sealed class BaseOtSender : IDisposable
{
    private BaseOtSender()
    {
    }

    /// <summary>Starts κ base OTs; <see cref="Message"/> goes to the counterparty.</summary>
    public static BaseOtSender Start(ReadOnlySpan<byte> transcript, RandomNumberGenerator rng) => throw new NotImplementedException();

    /// <summary>The message to the base-OT receiver.</summary>
    public ReadOnlyMemory<byte> Message => throw new NotImplementedException();

    /// <summary>The exact length of the counterparty's message; anything else is malformed.</summary>
    public static int ReceiverMessageLength => throw new NotImplementedException();

    /// <summary>
    /// Finishes with the base-OT receiver's message. Pure: may be called again with the same or
    /// another message. False, with a reason naming what was wrong, for a malformed message.
    /// </summary>
    public bool TryFinish(ReadOnlySpan<byte> receiverMessage, out OtExtensionReceiverSetup? setup, out string error) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}

/// <summary>
/// The base-OT receiver of one ordered pair — the party that will be the OT-extension sender
/// (RVOLE sender) toward the counterparty; it draws the secret choice string Δ.
/// </summary>
public sealed class BaseOtReceiver : IDisposable
{
    private BaseOtReceiver()
    {
    }

    public static BaseOtReceiver Start(ReadOnlySpan<byte> transcript, RandomNumberGenerator rng) => throw new NotImplementedException();

    public ReadOnlyMemory<byte> Message => throw new NotImplementedException();

    public static int SenderMessageLength => throw new NotImplementedException();

    /// <summary>Pure, like <see cref="BaseOtSender.TryFinish"/>.</summary>
    public bool TryFinish(ReadOnlySpan<byte> senderMessage, out OtExtensionSenderSetup? setup, out string error) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
