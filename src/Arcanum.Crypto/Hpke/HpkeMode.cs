namespace Arcanum.Crypto.Hpke;

/// <summary>The four HPKE modes and their one-byte identifiers (RFC 9180 §5, Table 1).</summary>
public enum HpkeMode : byte
{
    /// <summary>mode_base: encryption to a public key, no sender authentication (§5.1.1).</summary>
    Base = 0x00,

    /// <summary>mode_psk: both sides also hold a pre-shared key (§5.1.2).</summary>
    Psk = 0x01,

    /// <summary>mode_auth: the sender proves possession of its KEM private key (§5.1.3).</summary>
    Auth = 0x02,

    /// <summary>mode_auth_psk: both a pre-shared key and the sender's KEM key (§5.1.4).</summary>
    AuthPsk = 0x03,
}
