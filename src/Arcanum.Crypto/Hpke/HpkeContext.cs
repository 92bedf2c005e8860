using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Hpke;

/// <summary>
/// What the sender's and the recipient's encryption contexts share (RFC 9180 §5.2, §5.3): the AEAD keyed with
/// <c>key</c>, <c>base_nonce</c>, the sequence number <c>seq</c> and <c>exporter_secret</c>. The secrets are
/// zeroed (the AEAD key cleared by .NET) on <see cref="Dispose"/>, after which every member throws
/// <see cref="ObjectDisposedException"/>. A context is not thread-safe: the sequence number is its state.
/// </summary>
public abstract class HpkeContext : IDisposable
{
    /// <summary>The largest sequence number, (1 &lt;&lt; (8 · Nn)) − 1 = 2^96 − 1; it is never used for a message.</summary>
    internal static readonly UInt128 MaxSequenceNumber = (UInt128.One << (8 * HpkeSuite.NonceLength)) - 1;

    private readonly HpkeSuite _suite;
    private readonly HpkeAeadCipher _cipher;
    private readonly byte[] _baseNonce = GC.AllocateArray<byte>(HpkeSuite.NonceLength, pinned: true);
    private readonly byte[] _exporterSecret = GC.AllocateArray<byte>(LabeledHkdf.HashLength, pinned: true);
    private bool _disposed;

    private protected HpkeContext(HpkeSuite suite, HpkeKeySchedule schedule)
    {
        _suite = suite;
        _cipher = HpkeAeadCipher.Create(suite.Aead, schedule.Key);
        schedule.BaseNonce.CopyTo(_baseNonce, 0);
        schedule.ExporterSecret.CopyTo(_exporterSecret, 0);
    }

    /// <summary>The suite the context was set up with.</summary>
    public HpkeSuite Suite => _suite;

    /// <summary>
    /// seq: the sequence number of the next message, 0 after setup, one more after each successful Seal or Open.
    /// The setter exists for the tests of the message limit and is not reachable outside this assembly.
    /// </summary>
    internal UInt128 SequenceNumber { get; set; }

    private protected HpkeAeadCipher Cipher
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _cipher;
        }
    }

    /// <summary>
    /// Export(exporter_context, L) = LabeledExpand(exporter_secret, "sec", exporter_context, L) (RFC 9180 §5.3):
    /// a secret of <paramref name="length"/> bytes (1 to 255 · 32 = 8160) bound to this context and to
    /// <paramref name="exporterContext"/>. It does not touch the sequence number. A length out of range throws
    /// <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public byte[] Export(ReadOnlySpan<byte> exporterContext, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _suite.Kdf.Expand(_exporterSecret, "sec"u8, exporterContext, length);
    }

    /// <summary>
    /// ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn) (RFC 9180 §5.2), written to <paramref name="nonce"/>
    /// (exactly Nn bytes).
    /// </summary>
    internal void ComputeNonce(UInt128 sequenceNumber, Span<byte> nonce)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> sequenceBytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(sequenceBytes, sequenceNumber);
        var encoded = sequenceBytes[(16 - HpkeSuite.NonceLength)..];
        for (var i = 0; i < HpkeSuite.NonceLength; i++)
        {
            nonce[i] = (byte)(_baseNonce[i] ^ encoded[i]);
        }
    }

    /// <summary>
    /// True when the current sequence number may still be used: RFC 9180 §5.2 IncrementSeq refuses to step past
    /// 2^96 − 1, so a message under that last value could never be followed; we refuse it before sealing or
    /// opening, which leaves the context as it was.
    /// </summary>
    private protected bool HasSequenceNumberLeft => SequenceNumber < MaxSequenceNumber;

    public void Dispose()
    {
        if (!_disposed)
        {
            _cipher.Dispose();
            CryptographicOperations.ZeroMemory(_baseNonce);
            CryptographicOperations.ZeroMemory(_exporterSecret);
            _disposed = true;
        }

        GC.SuppressFinalize(this);
    }

    public override string ToString() => "[redacted]";
}
