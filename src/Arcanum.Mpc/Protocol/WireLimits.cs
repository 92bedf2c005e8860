namespace Arcanum.Mpc.Protocol;

/// <summary>Upper bounds on what a decoder accepts, so no input can make a party allocate or compute without limit.</summary>
public static class WireLimits
{
    /// <summary>The largest round payload (a DKG commitment for t = 255 on secp256k1 is about 8.5 KiB).</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>The largest echo: one digest per possible party.</summary>
    public const int MaxEchoBytes = ProtocolContext.MaxParties * BroadcastEcho.DigestLength;

    /// <summary>The highest round number any protocol uses.</summary>
    public const int MaxRound = 16;
}
