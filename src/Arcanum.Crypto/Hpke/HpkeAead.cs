namespace Arcanum.Crypto.Hpke;

/// <summary>The AEAD identifiers HPKE assigns (RFC 9180 §7.3, Table 5) for the AEADs implemented here.</summary>
public enum HpkeAead : ushort
{
    /// <summary>AES-128-GCM: Nk = 16, Nn = 12, Nt = 16. Implemented for the RFC 9180 A.1 vectors.</summary>
    Aes128Gcm = 0x0001,

    /// <summary>AES-256-GCM: Nk = 32, Nn = 12, Nt = 16. The AEAD of Arcanum's product suite.</summary>
    Aes256Gcm = 0x0002,

    /// <summary>ChaCha20Poly1305: Nk = 32, Nn = 12, Nt = 16. Implemented for the RFC 9180 A.2 vectors.</summary>
    ChaCha20Poly1305 = 0x0003,
}
