using System.Security.Cryptography;
using Arcanum.Mpc.Ecdsa.Ot;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// What one party keeps about one counterparty of an ECDSA key, set up once after key generation
/// and reused by every signing run: the pair's zero-sharing seed (DKLs23 Functionality 3.4,
/// F_Zero) and the OT-extension setups for both directions of the multiplication (this party as
/// the vector-OLE receiver, and as its sender). Zeroed on <see cref="Dispose"/>.
/// </summary>
public sealed class PairState : IDisposable
{
    /// <summary>Length of the pair's zero-sharing seed.</summary>
    public const int ZeroSeedLength = 32;

    private readonly byte[] _zeroSeed;

    public PairState(PartyId counterparty, ReadOnlySpan<byte> zeroSeed, OtExtensionReceiverSetup asReceiver, OtExtensionSenderSetup asSender)
    {
        ArgumentNullException.ThrowIfNull(asReceiver);
        ArgumentNullException.ThrowIfNull(asSender);
        if (zeroSeed.Length != ZeroSeedLength)
        {
            throw new ArgumentException($"A zero-sharing seed is {ZeroSeedLength} bytes.", nameof(zeroSeed));
        }

        Counterparty = counterparty;
        _zeroSeed = zeroSeed.ToArray();
        AsReceiver = asReceiver;
        AsSender = asSender;
    }

    public PartyId Counterparty { get; }

    /// <summary>The seed this party and <see cref="Counterparty"/> share (secret to both).</summary>
    internal ReadOnlySpan<byte> ZeroSeed => _zeroSeed;

    /// <summary>This party as the OT-extension (vector-OLE) receiver toward <see cref="Counterparty"/>.</summary>
    internal OtExtensionReceiverSetup AsReceiver { get; }

    /// <summary>This party as the OT-extension (vector-OLE) sender toward <see cref="Counterparty"/>.</summary>
    internal OtExtensionSenderSetup AsSender { get; }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_zeroSeed);
        AsReceiver.Dispose();
        AsSender.Dispose();
    }

    public override string ToString() => $"PairState({Counterparty}, [redacted])";
}
