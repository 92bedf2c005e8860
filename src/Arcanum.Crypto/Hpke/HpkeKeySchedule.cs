using System.Security.Cryptography;

namespace Arcanum.Crypto.Hpke;

/// <summary>
/// The key schedule (RFC 9180 §5.1): from the KEM's shared_secret, the info string and the PSK inputs to the
/// context's key, base_nonce and exporter_secret, with the intermediate key_schedule_context and secret kept
/// for the Appendix A checks. Every secret array is zeroed on <see cref="Dispose"/>.
/// </summary>
internal sealed class HpkeKeySchedule : IDisposable
{
    /// <summary>The shortest psk accepted: §5.1.2 requires at least 32 bytes of entropy.</summary>
    internal const int MinPskLength = 32;

    private HpkeKeySchedule(byte[] keyScheduleContext, byte[] secret, byte[] key, byte[] baseNonce, byte[] exporterSecret)
    {
        KeyScheduleContext = keyScheduleContext;
        Secret = secret;
        Key = key;
        BaseNonce = baseNonce;
        ExporterSecret = exporterSecret;
    }

    /// <summary>key_schedule_context = mode ‖ psk_id_hash ‖ info_hash (public).</summary>
    internal byte[] KeyScheduleContext { get; }

    /// <summary>secret = LabeledExtract(shared_secret, "secret", psk).</summary>
    internal byte[] Secret { get; }

    /// <summary>key = LabeledExpand(secret, "key", key_schedule_context, Nk).</summary>
    internal byte[] Key { get; }

    /// <summary>base_nonce = LabeledExpand(secret, "base_nonce", key_schedule_context, Nn).</summary>
    internal byte[] BaseNonce { get; }

    /// <summary>exporter_secret = LabeledExpand(secret, "exp", key_schedule_context, Nh).</summary>
    internal byte[] ExporterSecret { get; }

    /// <summary>
    /// VerifyPSKInputs (RFC 9180 §5.1): a psk and a psk_id come together or not at all, are present exactly in
    /// <see cref="HpkeMode.Psk"/> and <see cref="HpkeMode.AuthPsk"/>, and the psk is at least
    /// <see cref="MinPskLength"/> bytes. An empty span is the RFC's "default" (absent) value.
    /// </summary>
    internal static bool VerifyPskInputs(HpkeMode mode, ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId)
    {
        var gotPsk = !psk.IsEmpty;
        if (gotPsk != !pskId.IsEmpty)
        {
            return false;
        }

        var modeNeedsPsk = mode is HpkeMode.Psk or HpkeMode.AuthPsk;
        return gotPsk == modeNeedsPsk && (!gotPsk || psk.Length >= MinPskLength);
    }

    /// <summary>
    /// KeySchedule&lt;ROLE&gt;(mode, shared_secret, info, psk, psk_id) (RFC 9180 §5.1) after VerifyPSKInputs;
    /// returns <see cref="HpkeError.InvalidPskInputs"/>, and no schedule, when those do not fit the mode.
    /// </summary>
    internal static HpkeError TryDerive(HpkeSuite suite, HpkeMode mode, ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> info, ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId, out HpkeKeySchedule? schedule)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an HPKE mode (RFC 9180 §5, Table 1).");
        }

        schedule = null;
        if (!VerifyPskInputs(mode, psk, pskId))
        {
            return HpkeError.InvalidPskInputs;
        }

        var kdf = suite.Kdf;
        var pskIdHash = kdf.Extract([], "psk_id_hash"u8, pskId);
        var infoHash = kdf.Extract([], "info_hash"u8, info);
        byte[] context = [(byte)mode, .. pskIdHash, .. infoHash];
        var secret = kdf.Extract(sharedSecret, "secret"u8, psk);
        schedule = new HpkeKeySchedule(
            context,
            secret,
            kdf.Expand(secret, "key"u8, context, suite.KeyLength),
            kdf.Expand(secret, "base_nonce"u8, context, HpkeSuite.NonceLength),
            kdf.Expand(secret, "exp"u8, context, LabeledHkdf.HashLength));
        return HpkeError.None;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Secret);
        CryptographicOperations.ZeroMemory(Key);
        CryptographicOperations.ZeroMemory(BaseNonce);
        CryptographicOperations.ZeroMemory(ExporterSecret);
    }

    public override string ToString() => "[redacted]";
}
