namespace Arcanum.Crypto.Hpke;

/// <summary>
/// An HPKE cipher suite (RFC 9180 §5.1): the KEM is always DHKEM(X25519, HKDF-SHA256) and the KDF always
/// HKDF-SHA256; the AEAD is one of <see cref="HpkeAead"/>. Arcanum's product suite is
/// <see cref="X25519Sha256Aes256Gcm"/>; the AES-128-GCM and ChaCha20Poly1305 suites exist for the RFC 9180
/// Appendix A vectors. Immutable.
/// </summary>
public sealed class HpkeSuite
{
    /// <summary>kdf_id of HKDF-SHA256 (RFC 9180 §7.2, Table 3).</summary>
    public const ushort KdfId = 0x0001;

    /// <summary>Nn: the nonce length of every AEAD here, 12 bytes (RFC 9180 §7.3, Table 5).</summary>
    internal const int NonceLength = 12;

    /// <summary>Nt: the tag length of every AEAD here, 16 bytes (RFC 9180 §7.3, Table 5).</summary>
    internal const int TagLength = 16;

    private HpkeSuite(HpkeAead aead, int keyLength)
    {
        Aead = aead;
        KeyLength = keyLength;
        var aeadId = (ushort)aead;
        Kdf = new LabeledHkdf([
            (byte)'H', (byte)'P', (byte)'K', (byte)'E',
            DhKemX25519Sha256.KemId >> 8, DhKemX25519Sha256.KemId & 0xFF,
            KdfId >> 8, KdfId & 0xFF,
            (byte)(aeadId >> 8), (byte)aeadId,
        ]);
    }

    /// <summary>DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM: the suite Arcanum uses (ledger messages).</summary>
    public static HpkeSuite X25519Sha256Aes256Gcm { get; } = new(HpkeAead.Aes256Gcm, 32);

    /// <summary>DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM (RFC 9180 Appendix A.1).</summary>
    public static HpkeSuite X25519Sha256Aes128Gcm { get; } = new(HpkeAead.Aes128Gcm, 16);

    /// <summary>DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305 (RFC 9180 Appendix A.2).</summary>
    public static HpkeSuite X25519Sha256ChaCha20Poly1305 { get; } = new(HpkeAead.ChaCha20Poly1305, 32);

    /// <summary>The AEAD of this suite.</summary>
    public HpkeAead Aead { get; }

    /// <summary>Nk: the AEAD key length in bytes.</summary>
    internal int KeyLength { get; }

    /// <summary>LabeledExtract and LabeledExpand under suite_id = "HPKE" ‖ kem_id ‖ kdf_id ‖ aead_id (RFC 9180 §5.1).</summary>
    internal LabeledHkdf Kdf { get; }

    /// <summary>The suite with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and <paramref name="aead"/>.</summary>
    public static HpkeSuite X25519Sha256(HpkeAead aead) => aead switch
    {
        HpkeAead.Aes128Gcm => X25519Sha256Aes128Gcm,
        HpkeAead.Aes256Gcm => X25519Sha256Aes256Gcm,
        HpkeAead.ChaCha20Poly1305 => X25519Sha256ChaCha20Poly1305,
        _ => throw new ArgumentOutOfRangeException(nameof(aead), aead, "Not an AEAD this HPKE implements."),
    };

    /// <summary>The suite's name as RFC 9180 Appendix A writes it.</summary>
    public override string ToString() => Aead switch
    {
        HpkeAead.Aes128Gcm => "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM",
        HpkeAead.Aes256Gcm => "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM",
        _ => "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305",
    };
}
