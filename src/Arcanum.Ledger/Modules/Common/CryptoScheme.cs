namespace Arcanum.Ledger.Modules.Common;

/// <summary>The cryptographic schemes the privacy modules name. Encoded as one byte: the enum value.</summary>
public enum CryptoScheme : byte
{
    /// <summary>X25519 key agreement (RFC 7748).</summary>
    X25519 = 0,

    /// <summary>Ed25519 signatures (RFC 8032).</summary>
    Ed25519 = 1,

    /// <summary>AES-256-GCM (NIST SP 800-38D).</summary>
    Aes256Gcm = 2,

    /// <summary>ChaCha20-Poly1305 (RFC 8439).</summary>
    ChaCha20Poly1305 = 3,
}
