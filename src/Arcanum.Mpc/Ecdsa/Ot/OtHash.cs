using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// Every hash, PRG and random oracle of the OT layer. Each starts with its own length-prefixed label
/// (<see cref="DomainSeparation"/>); what follows the label is a fixed-width list of fields (32-byte
/// keys, 2-byte indices, fixed-size points, rows and seeds), so no two inputs of one function encode
/// alike. Every per-session input is keyed by a digest of the caller's transcript (session id and
/// both party ids) and, for the extension, the receiver's fresh salt.
/// </summary>
internal static class OtHash
{
    /// <summary>Length of the transcript-derived keys.</summary>
    public const int KeyLength = 32;

    /// <summary>Bytes hashed per gadget entry: 384 bits reduced mod q, bias below 2^-128 (RFC 9380 §5 with k = 128).</summary>
    private const int WideScalarLength = 48;

    /// <summary>
    /// Bytes hashed per scalar on the hot paths: 256 bits. Since q = 2^256 − c with c &lt; 2^129, a
    /// uniform 256-bit value is at least q with probability below 2^-127 and its reduction is within
    /// statistical distance 2^-127 of uniform — practically the bound of 48 bytes (2^-128), with one
    /// Keccak block per OT row instead of two.
    /// </summary>
    private const int ScalarLength = Secp256k1Scalar.Length;

    private const string BaseOtKeyLabel = "arcanum/dkls23/base-ot/transcript/v1";
    private const string SessionKeyLabel = "arcanum/dkls23/ot-extension/session/v1";
    private static readonly byte[] BaseOtHashToGroupLabel = Label("arcanum/dkls23/base-ot/hash-to-group/v1");
    private static readonly byte[] BaseOtSeedLabel = Label("arcanum/dkls23/base-ot/seed/v1");
    private static readonly byte[] PrgLabel = Label("arcanum/dkls23/ot-extension/prg/v1");
    private static readonly byte[] KosChallengeLabel = Label("arcanum/dkls23/ot-extension/kos-challenge/v1");
    private static readonly byte[] RowLabel = Label("arcanum/dkls23/ot-extension/row-to-scalars/v1");
    private static readonly byte[] VoleChallengeLabel = Label("arcanum/dkls23/rvole/challenge/v1");
    private static readonly byte[] VoleCheckLabel = Label("arcanum/dkls23/rvole/check/v1");
    private static readonly byte[] GadgetLabel = Label("arcanum/dkls23/rvole/gadget/v1");

    /// <summary>The key of one base-OT run: SHA-256 of the label and the transcript.</summary>
    public static void BaseOtKey(ReadOnlySpan<byte> transcript, Span<byte> key) =>
        SHA256.HashData(DomainSeparation.Encode(BaseOtKeyLabel, transcript.ToArray()), key);

    /// <summary>The key of one extension session: SHA-256 of the label, the transcript and the receiver's salt.</summary>
    public static void SessionKey(ReadOnlySpan<byte> transcript, ReadOnlySpan<byte> salt, Span<byte> key) =>
        SHA256.HashData(DomainSeparation.Encode(SessionKeyLabel, transcript.ToArray(), salt.ToArray()), key);

    /// <summary>
    /// Masny–Rindal's random oracle H into the group, per OT: ristretto255's one-way map of
    /// SHA-512(label ‖ key ‖ i ‖ point) (RFC 9496 §4.3.4).
    /// </summary>
    public static Ristretto255Point BaseOtHashToGroup(ReadOnlySpan<byte> key, int index, ReadOnlySpan<byte> point)
    {
        Span<byte> input = stackalloc byte[BaseOtHashToGroupLabel.Length + KeyLength + sizeof(ushort) + 32];
        var rest = Write(input, BaseOtHashToGroupLabel, key, index);
        point.CopyTo(rest);
        Span<byte> uniform = stackalloc byte[Ristretto255Point.UniformBytesLength];
        SHA512.HashData(input, uniform);
        return Ristretto255Point.FromUniformBytes(uniform);
    }

    /// <summary>
    /// The output of base OT i for message index b: SHA-256(label ‖ key ‖ i ‖ b ‖ A ‖ r₀ ‖ r₁ ‖ DH),
    /// binding the whole exchange of that OT. <paramref name="choice"/> may be secret (it only feeds the hash).
    /// </summary>
    public static void BaseOtSeed(
        ReadOnlySpan<byte> key, int index, int choice, ReadOnlySpan<byte> senderPoint, ReadOnlySpan<byte> receiverPoints,
        ReadOnlySpan<byte> sharedPoint, Span<byte> seed)
    {
        Span<byte> input = stackalloc byte[BaseOtSeedLabel.Length + KeyLength + sizeof(ushort) + 1 + 32 + 64 + 32];
        var rest = Write(input, BaseOtSeedLabel, key, index);
        rest[0] = (byte)choice;
        senderPoint.CopyTo(rest[1..]);
        receiverPoints.CopyTo(rest[33..]);
        sharedPoint.CopyTo(rest[97..]);
        SHA256.HashData(input, seed);
        CryptographicOperations.ZeroMemory(input);
    }

    /// <summary>The extension's PRG G (KOS15 Fig. 10 "Extend" step 2): SHAKE256(label ‖ session key ‖ i ‖ seed), ℓ' bits.</summary>
    public static void Prg(ReadOnlySpan<byte> sessionKey, int baseOt, ReadOnlySpan<byte> seed, Span<byte> output)
    {
        Span<byte> input = stackalloc byte[PrgLabel.Length + KeyLength + sizeof(ushort) + OtParameters.SeedLength];
        var rest = Write(input, PrgLabel, sessionKey, baseOt);
        seed.CopyTo(rest);
        Shake256.HashData(input, output);
        CryptographicOperations.ZeroMemory(input);
    }

    /// <summary>
    /// KOS15 Fig. 10 "Consistency check" step 1, made non-interactive (DKLs23 §5): the ℓ' challenges
    /// χ_j ∈ F_{2^κ} are SHAKE256(label ‖ session key ‖ U), 16 bytes each.
    /// </summary>
    public static void KosChallenges(ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> matrix, Span<byte> challenges)
    {
        using var shake = new Shake256();
        shake.AppendData(KosChallengeLabel);
        shake.AppendData(sessionKey);
        shake.AppendData(matrix);
        shake.GetHashAndReset(challenges);
    }

    /// <summary>
    /// The correlation-robust hash of KOS15 Fig. 10 "Output" (H(j, t_j)), widened to the 2ℓ scalars of
    /// DKLs19 Protocol 1's OT payloads: SHAKE256(label ‖ session key ‖ j ‖ row), 32 bytes per scalar, reduced mod q.
    /// </summary>
    public static void RowScalars(ReadOnlySpan<byte> sessionKey, int row, ulong rowLow, ulong rowHigh, Span<Secp256k1Scalar> scalars)
    {
        Span<byte> input = stackalloc byte[RowLabel.Length + KeyLength + sizeof(ushort) + OtParameters.KappaBytes];
        var rest = Write(input, RowLabel, sessionKey, row);
        BinaryPrimitives.WriteUInt64LittleEndian(rest, rowLow);
        BinaryPrimitives.WriteUInt64LittleEndian(rest[8..], rowHigh);
        Span<byte> output = stackalloc byte[OtParameters.OtWidth * ScalarLength];
        Shake256.HashData(input, output);
        ToScalars(output, scalars);
        CryptographicOperations.ZeroMemory(input);
        CryptographicOperations.ZeroMemory(output);
    }

    /// <summary>
    /// DKLs19 Protocol 1 step 4 as a random oracle: χ̃₁…χ̃_ℓ, χ̂₁…χ̂_ℓ = SHAKE256(label ‖ session key ‖
    /// SHA-256(receiver message) ‖ τ), written χ̃ first.
    /// </summary>
    public static void VoleChallenges(ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> messageDigest, ReadOnlySpan<byte> tau, Span<Secp256k1Scalar> challenges)
    {
        using var shake = new Shake256();
        shake.AppendData(VoleChallengeLabel);
        shake.AppendData(sessionKey);
        shake.AppendData(messageDigest);
        shake.AppendData(tau);
        Span<byte> output = stackalloc byte[OtParameters.OtWidth * ScalarLength];
        shake.GetHashAndReset(output);
        ToScalars(output, challenges);
    }

    /// <summary>
    /// The check value carried instead of DKLs19's matrix r (as 0xCarbon's DKLs23 implementation
    /// does): SHA-256(label ‖ session key ‖ r_{1,1} ‖ r_{2,1} ‖ … ‖ r_{ℓ,ξ}).
    /// </summary>
    public static void CheckHash(ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> checkValues, Span<byte> hash)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(VoleCheckLabel);
        sha.AppendData(sessionKey);
        sha.AppendData(checkValues);
        sha.GetHashAndReset(hash);
    }

    /// <summary>The public pseudo-random gadget entry k (DKLs19 §3 g^R): SHAKE256(label ‖ k), 48 bytes reduced mod q.</summary>
    public static Secp256k1Scalar GadgetEntry(int index)
    {
        Span<byte> input = stackalloc byte[GadgetLabel.Length + sizeof(ushort)];
        GadgetLabel.CopyTo(input);
        BinaryPrimitives.WriteUInt16BigEndian(input[GadgetLabel.Length..], checked((ushort)index));
        Span<byte> wide = stackalloc byte[WideScalarLength];
        Shake256.HashData(input, wide);
        return Secp256k1Scalar.FromBytesReduced(wide);
    }

    /// <summary>
    /// 32-byte blocks read big-endian mod q. The reduction runs only for a block ≥ q (probability
    /// below 2^-127), so the branch reveals nothing in practice.
    /// </summary>
    private static void ToScalars(ReadOnlySpan<byte> output, Span<Secp256k1Scalar> scalars)
    {
        for (var k = 0; k < scalars.Length; k++)
        {
            var block = output.Slice(k * ScalarLength, ScalarLength);
            if (!Secp256k1Scalar.TryDecode(block, out scalars[k]))
            {
                scalars[k] = Secp256k1Scalar.FromBytesReduced(block);
            }
        }
    }

    /// <summary>Writes label ‖ key ‖ u16be(index) and returns the rest of <paramref name="input"/>.</summary>
    private static Span<byte> Write(Span<byte> input, ReadOnlySpan<byte> label, ReadOnlySpan<byte> key, int index)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"Keys are {KeyLength} bytes.", nameof(key));
        }

        label.CopyTo(input);
        key.CopyTo(input[label.Length..]);
        BinaryPrimitives.WriteUInt16BigEndian(input[(label.Length + KeyLength)..], checked((ushort)index));
        return input[(label.Length + KeyLength + sizeof(ushort))..];
    }

    private static byte[] Label(string label) => DomainSeparation.Encode(label);
}
