using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Hpke;

/// <summary>
/// HKDF-SHA256 (kdf_id 0x0001) with HPKE's labels, LabeledExtract and LabeledExpand (RFC 9180 §4), bound to
/// one <c>suite_id</c>: "KEM" ‖ I2OSP(kem_id, 2) inside the KEM (§4.1), "HPKE" ‖ kem_id ‖ kdf_id ‖ aead_id
/// everywhere else (§5.1). Extract and expand are .NET's <see cref="HKDF"/>. The labelled inputs that carry
/// secrets are zeroed after use.
/// </summary>
internal sealed class LabeledHkdf
{
    /// <summary>Nh: the output length of Extract, 32 bytes.</summary>
    internal const int HashLength = SHA256.HashSizeInBytes;

    /// <summary>The largest L LabeledExpand accepts: 255 · Nh (RFC 5869 §2.3), 8160 bytes; also below 2^16 for I2OSP(L, 2).</summary>
    internal const int MaxExpandLength = 255 * HashLength;

    private static ReadOnlySpan<byte> Version => "HPKE-v1"u8;

    private readonly byte[] _suiteId;

    internal LabeledHkdf(byte[] suiteId) => _suiteId = suiteId;

    /// <summary>
    /// LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" ‖ suite_id ‖ label ‖ ikm) into
    /// <paramref name="prk"/> (exactly Nh bytes). An empty salt is Nh zero bytes (RFC 5869 §2.2).
    /// </summary>
    internal void Extract(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ikm, Span<byte> prk)
    {
        var labeledIkm = new byte[Version.Length + _suiteId.Length + label.Length + ikm.Length];
        try
        {
            var position = Append(labeledIkm, 0, Version);
            position = Append(labeledIkm, position, _suiteId);
            position = Append(labeledIkm, position, label);
            Append(labeledIkm, position, ikm);
            HKDF.Extract(HashAlgorithmName.SHA256, labeledIkm, salt, prk[..HashLength]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(labeledIkm);
        }
    }

    /// <summary>LabeledExtract into a new Nh-byte array.</summary>
    internal byte[] Extract(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ikm)
    {
        var prk = new byte[HashLength];
        Extract(salt, label, ikm, prk);
        return prk;
    }

    /// <summary>
    /// LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) ‖ "HPKE-v1" ‖ suite_id ‖ label ‖ info, L),
    /// L being the length of <paramref name="output"/> (1 to <see cref="MaxExpandLength"/>).
    /// </summary>
    internal void Expand(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> label, ReadOnlySpan<byte> info, Span<byte> output)
    {
        CheckExpandLength(output.Length);
        var labeledInfo = new byte[sizeof(ushort) + Version.Length + _suiteId.Length + label.Length + info.Length];
        BinaryPrimitives.WriteUInt16BigEndian(labeledInfo, (ushort)output.Length);
        var position = Append(labeledInfo, sizeof(ushort), Version);
        position = Append(labeledInfo, position, _suiteId);
        position = Append(labeledInfo, position, label);
        Append(labeledInfo, position, info);
        HKDF.Expand(HashAlgorithmName.SHA256, prk, output, labeledInfo);
    }

    /// <summary>LabeledExpand into a new array of <paramref name="length"/> bytes.</summary>
    internal byte[] Expand(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> label, ReadOnlySpan<byte> info, int length)
    {
        CheckExpandLength(length);
        var output = new byte[length];
        Expand(prk, label, info, output);
        return output;
    }

    private static void CheckExpandLength(int length)
    {
        if (length < 1 || length > MaxExpandLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"HPKE's LabeledExpand produces 1 to {MaxExpandLength} bytes (RFC 9180 §4).");
        }
    }

    private static int Append(byte[] destination, int position, ReadOnlySpan<byte> part)
    {
        part.CopyTo(destination.AsSpan(position));
        return position + part.Length;
    }
}
