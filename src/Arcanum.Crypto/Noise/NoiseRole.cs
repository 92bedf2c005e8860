namespace Arcanum.Crypto.Noise;

/// <summary>Which side of a Noise handshake this party plays (revision 34, §5.3, the initiator flag).</summary>
public enum NoiseRole
{
    /// <summary>Sends the first handshake message.</summary>
    Initiator,

    /// <summary>Receives the first handshake message.</summary>
    Responder,
}
