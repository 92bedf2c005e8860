using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Ecdsa.Ot;

// Endemic OT of Masny–Rindal (ePrint 2019/706, Fig. 8, instantiated with Diffie–Hellman over
// ristretto255), κ = 128 random OTs in one simultaneous round, as DKLs23 §5 suggests for the base OTs:
//   sender:   a ← Z_ℓ, sends A = a·B (one element for the whole batch — departure from one A per OT,
//             allowed because every hash binds the OT index i and the transcript);
//   receiver: for each i with choice c = Δ_i: sk ← Z_ℓ, R ← G (the one-way map of random bytes),
//             r_c = sk·B − H(i, R), r_{1−c} = R; sends (r₀, r₁);
//   sender:   pk_b = r_b + H(i, r_{1−b}), seed k^b_i = H'(i, b, A, r₀, r₁, a·pk_b) for b = 0, 1;
//   receiver: k^c_i = H'(i, c, A, r₀, r₁, sk·A).
// Neither message depends on the other. A is decoded strictly (canonical, not the identity), as
// are r₀, r₁; H and H' are OtHash.BaseOtHashToGroup and OtHash.BaseOtSeed, keyed by the transcript.

/// <summary>
/// The base-OT sender of one ordered pair — the party that will be the OT-extension receiver
/// (RVOLE receiver) toward the counterparty. One simultaneous message each way; both sides bind the
/// same <c>transcript</c> (session, sender id, receiver id).
/// </summary>
public sealed class BaseOtSender : IDisposable
{
    private readonly byte[] _key = new byte[OtHash.KeyLength];
    private readonly byte[] _message = new byte[Ristretto255Point.EncodedLength];
    private Ed25519Scalar _secret;
    private bool _disposed;

    private BaseOtSender()
    {
    }

    /// <summary>Starts κ base OTs; <see cref="Message"/> goes to the counterparty.</summary>
    public static BaseOtSender Start(ReadOnlySpan<byte> transcript, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var sender = new BaseOtSender { _secret = Ed25519Scalar.Random(rng) };
        OtHash.BaseOtKey(transcript, sender._key);
        Ristretto255Point.MultiplyBase(sender._secret).Encode(sender._message);
        return sender;
    }

    /// <summary>The message to the base-OT receiver: A, 32 bytes.</summary>
    public ReadOnlyMemory<byte> Message => _message;

    /// <summary>The exact length of the counterparty's message (κ pairs (r₀, r₁)); anything else is malformed.</summary>
    public static int ReceiverMessageLength => OtParameters.Kappa * BaseOtReceiver.PairLength;

    /// <summary>
    /// Finishes with the base-OT receiver's message. Pure: may be called again with the same or
    /// another message. False, with a reason naming what was wrong, for a malformed message.
    /// </summary>
    public bool TryFinish(ReadOnlySpan<byte> receiverMessage, out OtExtensionReceiverSetup? setup, out string error)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        setup = null;
        if (receiverMessage.Length != ReceiverMessageLength)
        {
            error = $"the base-OT receiver's message has {receiverMessage.Length} bytes, not {ReceiverMessageLength}";
            return false;
        }

        var seeds = new byte[OtParameters.Kappa * 2 * OtParameters.SeedLength];
        Span<byte> shared = stackalloc byte[Ristretto255Point.EncodedLength];
        Span<Ristretto255Point> r = stackalloc Ristretto255Point[2];
        for (var i = 0; i < OtParameters.Kappa; i++)
        {
            var pair = receiverMessage.Slice(i * BaseOtReceiver.PairLength, BaseOtReceiver.PairLength);
            for (var b = 0; b < 2; b++)
            {
                if (!Ristretto255Point.TryDecode(pair.Slice(b * BaseOtReceiver.PointLength, BaseOtReceiver.PointLength), out r[b]))
                {
                    CryptographicOperations.ZeroMemory(seeds);
                    error = $"r{b} of base OT {i} is not a canonical non-identity ristretto255 element";
                    return false;
                }
            }

            for (var b = 0; b < 2; b++)
            {
                // Fig. 8: pk_b = r_b + H(r_{1−b}); the seed hashes a·pk_b.
                var publicKey = r[b] + OtHash.BaseOtHashToGroup(_key, i, pair.Slice((1 - b) * BaseOtReceiver.PointLength, BaseOtReceiver.PointLength));
                EncodeOrZero(publicKey * _secret, shared);
                OtHash.BaseOtSeed(_key, i, b, _message, pair, shared, seeds.AsSpan(((2 * i) + b) * OtParameters.SeedLength, OtParameters.SeedLength));
            }
        }

        CryptographicOperations.ZeroMemory(shared);
        setup = OtExtensionReceiverSetup.FromSeeds(seeds);
        error = string.Empty;
        return true;
    }

    public void Dispose()
    {
        _secret = default;
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    public override string ToString() => "BaseOtSender([redacted])";

    /// <summary>
    /// The encoding of a Diffie–Hellman value, or 32 zero bytes for the identity (reachable only
    /// when a cheating receiver sends r_b = −H(r_{1−b}); its seed is then public, which the
    /// endemic OT allows: the receiver may fix one of the two outputs).
    /// </summary>
    internal static void EncodeOrZero(Ristretto255Point point, Span<byte> destination)
    {
        if (point.IsIdentity)
        {
            destination[..Ristretto255Point.EncodedLength].Clear();
        }
        else
        {
            point.Encode(destination);
        }
    }
}

/// <summary>
/// The base-OT receiver of one ordered pair — the party that will be the OT-extension sender
/// (RVOLE sender) toward the counterparty; it draws the secret choice string Δ.
/// </summary>
public sealed class BaseOtReceiver : IDisposable
{
    /// <summary>Bytes of one OT's (r₀, r₁) in <see cref="Message"/>.</summary>
    internal const int PairLength = 2 * PointLength;

    /// <summary>Bytes of one encoded ristretto255 element.</summary>
    internal const int PointLength = 32;

    private readonly byte[] _key = new byte[OtHash.KeyLength];
    private readonly byte[] _delta = new byte[OtParameters.KappaBytes];
    private readonly Ed25519Scalar[] _secrets = new Ed25519Scalar[OtParameters.Kappa];
    private readonly byte[] _message = new byte[OtParameters.Kappa * PairLength];
    private bool _disposed;

    private BaseOtReceiver()
    {
    }

    /// <summary>Draws Δ (the κ choice bits) and computes the κ pairs (r₀, r₁); <see cref="Message"/> goes to the counterparty.</summary>
    public static BaseOtReceiver Start(ReadOnlySpan<byte> transcript, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var receiver = new BaseOtReceiver();
        OtHash.BaseOtKey(transcript, receiver._key);
        rng.GetBytes(receiver._delta);
        Span<byte> uniform = stackalloc byte[Ristretto255Point.UniformBytesLength];
        Span<byte> chosen = stackalloc byte[PointLength];
        Span<byte> other = stackalloc byte[PointLength];
        for (var i = 0; i < OtParameters.Kappa; i++)
        {
            Ristretto255Point random, masked;
            do
            {
                // Fig. 8, receiver: r_{1−c} is a random element, r_c = pk − H(r_{1−c}) with pk = sk·B.
                receiver._secrets[i] = Ed25519Scalar.Random(rng);
                rng.GetBytes(uniform);
                random = Ristretto255Point.FromUniformBytes(uniform);
                masked = Ristretto255Point.Identity;
                if (!random.IsIdentity)
                {
                    random.Encode(other);
                    masked = Ristretto255Point.MultiplyBase(receiver._secrets[i]) - OtHash.BaseOtHashToGroup(receiver._key, i, other);
                }
            }
            while (random.IsIdentity || masked.IsIdentity); // probability ≈ 2^-250 each; independent of Δ

            masked.Encode(chosen);

            // (r₀, r₁) = c ? (R, r_c) : (r_c, R), selected by a mask, not a branch on c.
            var mask = (byte)(0 - receiver.DeltaBit(i));
            var pair = receiver._message.AsSpan(i * PairLength, PairLength);
            for (var k = 0; k < PointLength; k++)
            {
                pair[k] = (byte)((other[k] & mask) | (chosen[k] & ~mask));
                pair[PointLength + k] = (byte)((chosen[k] & mask) | (other[k] & ~mask));
            }
        }

        CryptographicOperations.ZeroMemory(uniform);
        CryptographicOperations.ZeroMemory(chosen);
        CryptographicOperations.ZeroMemory(other);
        return receiver;
    }

    /// <summary>The message to the base-OT sender: (r₀, r₁) for each of the κ OTs, 64 bytes each.</summary>
    public ReadOnlyMemory<byte> Message => _message;

    /// <summary>The exact length of the counterparty's message (A).</summary>
    public static int SenderMessageLength => Ristretto255Point.EncodedLength;

    /// <summary>Pure, like <see cref="BaseOtSender.TryFinish"/>.</summary>
    public bool TryFinish(ReadOnlySpan<byte> senderMessage, out OtExtensionSenderSetup? setup, out string error)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        setup = null;
        if (senderMessage.Length != SenderMessageLength)
        {
            error = $"the base-OT sender's message has {senderMessage.Length} bytes, not {SenderMessageLength}";
            return false;
        }

        if (!Ristretto255Point.TryDecode(senderMessage, out var senderPoint))
        {
            error = "A is not a canonical non-identity ristretto255 element";
            return false;
        }

        var body = new byte[OtParameters.KappaBytes + (OtParameters.Kappa * OtParameters.SeedLength)];
        _delta.CopyTo(body, 0);
        Span<byte> shared = stackalloc byte[Ristretto255Point.EncodedLength];
        for (var i = 0; i < OtParameters.Kappa; i++)
        {
            // Fig. 8, receiver output: H'(sk·A) is the seed of its choice Δ_i.
            BaseOtSender.EncodeOrZero(senderPoint * _secrets[i], shared);
            OtHash.BaseOtSeed(
                _key, i, DeltaBit(i), senderMessage, _message.AsSpan(i * PairLength, PairLength), shared,
                body.AsSpan(OtParameters.KappaBytes + (i * OtParameters.SeedLength), OtParameters.SeedLength));
        }

        CryptographicOperations.ZeroMemory(shared);
        setup = OtExtensionSenderSetup.FromDeltaAndSeeds(body);
        error = string.Empty;
        return true;
    }

    public void Dispose()
    {
        Array.Clear(_secrets);
        CryptographicOperations.ZeroMemory(_delta);
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    public override string ToString() => "BaseOtReceiver([redacted])";

    private int DeltaBit(int i) => (_delta[i / 8] >> (i % 8)) & 1;
}
