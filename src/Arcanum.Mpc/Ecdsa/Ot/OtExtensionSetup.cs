namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// What the receiver of an OT extension keeps from the base OTs with one counterparty (in KOS15
/// it is the base-OT sender): both κ seeds of every base OT. Created once per key by the base OT
/// (<see cref="BaseOtSender"/>), reused by every signing session, zeroed on <see cref="Dispose"/>.
/// </summary>
public sealed class OtExtensionReceiverSetup : IDisposable
{
    private OtExtensionReceiverSetup()
    {
    }

    /// <summary>The length of <see cref="Encode"/>'s output.</summary>
    public static int EncodedLength => throw new NotImplementedException();

    /// <summary>The persistent form (sealed by the node together with the key share).</summary>
    public byte[] Encode() => throw new NotImplementedException();

    /// <summary>Reads <see cref="Encode"/>'s output; false for any other length or content.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out OtExtensionReceiverSetup? setup) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();

    public override string ToString() => "OtExtensionReceiverSetup([redacted])";
}

/// <summary>
/// What the sender of an OT extension keeps from the base OTs with one counterparty (in KOS15 it
/// is the base-OT receiver): its secret choice string Δ (κ bits) and the seed it chose in each
/// base OT. Created once per key by <see cref="BaseOtReceiver"/>, zeroed on <see cref="Dispose"/>.
/// </summary>
public sealed class OtExtensionSenderSetup : IDisposable
{
    private OtExtensionSenderSetup()
    {
    }

    public static int EncodedLength => throw new NotImplementedException();

    public byte[] Encode() => throw new NotImplementedException();

    public static bool TryDecode(ReadOnlySpan<byte> encoded, out OtExtensionSenderSetup? setup) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();

    public override string ToString() => "OtExtensionSenderSetup([redacted])";
}
