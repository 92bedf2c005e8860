using System.Security.Cryptography;

namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// What the receiver of an OT extension keeps from the base OTs with one counterparty (in KOS15
/// it is the base-OT sender): both κ seeds of every base OT. Created once per key by the base OT
/// (<see cref="BaseOtSender"/>), reused by every signing session, zeroed on <see cref="Dispose"/>.
/// Encoding: "OTR1" ‖ (k⁰_i ‖ k¹_i for i = 0 … κ−1), each seed 32 bytes.
/// </summary>
public sealed class OtExtensionReceiverSetup : IDisposable
{
    private const int BodyLength = OtParameters.Kappa * 2 * OtParameters.SeedLength;

    private static ReadOnlySpan<byte> Header => "OTR1"u8;

    private readonly byte[] _seeds;
    private bool _disposed;

    private OtExtensionReceiverSetup(byte[] seeds) => _seeds = seeds;

    /// <summary>The length of <see cref="Encode"/>'s output.</summary>
    public static int EncodedLength => SetupFormat.EncodedLength(Header, BodyLength);

    /// <summary>The persistent form (sealed by the node together with the key share).</summary>
    public byte[] Encode()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return SetupFormat.Encode(Header, _seeds);
    }

    /// <summary>Reads <see cref="Encode"/>'s output; false for any other length or content.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out OtExtensionReceiverSetup? setup)
    {
        setup = SetupFormat.TryReadBody(encoded, Header, BodyLength, out var body) ? new OtExtensionReceiverSetup(body) : null;
        return setup is not null;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_seeds);
        _disposed = true;
    }

    public override string ToString() => "OtExtensionReceiverSetup([redacted])";

    /// <summary>Takes ownership of κ pairs of seeds laid out as in the encoding.</summary>
    internal static OtExtensionReceiverSetup FromSeeds(byte[] seeds) =>
        seeds.Length == BodyLength ? new OtExtensionReceiverSetup(seeds) : throw new ArgumentException("Expected κ pairs of seeds.", nameof(seeds));

    /// <summary>k^b_i: the seed of message b of base OT i.</summary>
    internal ReadOnlySpan<byte> Seed(int baseOt, int message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _seeds.AsSpan(((2 * baseOt) + message) * OtParameters.SeedLength, OtParameters.SeedLength);
    }
}

/// <summary>
/// What the sender of an OT extension keeps from the base OTs with one counterparty (in KOS15 it
/// is the base-OT receiver): its secret choice string Δ (κ bits) and the seed it chose in each
/// base OT. Created once per key by <see cref="BaseOtReceiver"/>, zeroed on <see cref="Dispose"/>.
/// Encoding: "OTS1" ‖ Δ (16 bytes, bit i of base OT i at byte i / 8, bit i % 8) ‖ (k^{Δ_i}_i for i = 0 … κ−1).
/// </summary>
public sealed class OtExtensionSenderSetup : IDisposable
{
    private const int BodyLength = OtParameters.KappaBytes + (OtParameters.Kappa * OtParameters.SeedLength);

    private static ReadOnlySpan<byte> Header => "OTS1"u8;

    private readonly byte[] _body;
    private bool _disposed;

    private OtExtensionSenderSetup(byte[] body) => _body = body;

    public static int EncodedLength => SetupFormat.EncodedLength(Header, BodyLength);

    public byte[] Encode()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return SetupFormat.Encode(Header, _body);
    }

    public static bool TryDecode(ReadOnlySpan<byte> encoded, out OtExtensionSenderSetup? setup)
    {
        setup = SetupFormat.TryReadBody(encoded, Header, BodyLength, out var body) ? new OtExtensionSenderSetup(body) : null;
        return setup is not null;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_body);
        _disposed = true;
    }

    public override string ToString() => "OtExtensionSenderSetup([redacted])";

    /// <summary>Δ, κ bits, little-endian bit order.</summary>
    internal ReadOnlySpan<byte> Delta
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _body.AsSpan(0, OtParameters.KappaBytes);
        }
    }

    /// <summary>Takes ownership of Δ ‖ seeds laid out as in the encoding.</summary>
    internal static OtExtensionSenderSetup FromDeltaAndSeeds(byte[] body) =>
        body.Length == BodyLength ? new OtExtensionSenderSetup(body) : throw new ArgumentException("Expected Δ and κ seeds.", nameof(body));

    /// <summary>Δ_i (0 or 1). Tests use it to aim deviations at columns the sender does or does not read.</summary>
    internal int DeltaBit(int baseOt) => (Delta[baseOt / 8] >> (baseOt % 8)) & 1;

    /// <summary>k^{Δ_i}_i: the seed this party received in base OT i.</summary>
    internal ReadOnlySpan<byte> Seed(int baseOt)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _body.AsSpan(OtParameters.KappaBytes + (baseOt * OtParameters.SeedLength), OtParameters.SeedLength);
    }
}

/// <summary>The common persistent layout of both setups: a 4-byte format header, then a fixed-length body.</summary>
internal static class SetupFormat
{
    public static int EncodedLength(ReadOnlySpan<byte> header, int bodyLength) => header.Length + bodyLength;

    public static byte[] Encode(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        var encoded = new byte[header.Length + body.Length];
        header.CopyTo(encoded);
        body.CopyTo(encoded.AsSpan(header.Length));
        return encoded;
    }

    /// <summary>True, with a copy of the body, exactly when the length and the header match.</summary>
    public static bool TryReadBody(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> header, int bodyLength, out byte[] body)
    {
        body = [];
        if (encoded.Length != header.Length + bodyLength || !encoded[..header.Length].SequenceEqual(header))
        {
            return false;
        }

        body = encoded[header.Length..].ToArray();
        return true;
    }
}
