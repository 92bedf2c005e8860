using System.Diagnostics;
using System.Security.Cryptography;
using Arcanum.Crypto.Aead;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Noise;
using Arcanum.Crypto.Proofs;
using Arcanum.Crypto.Signatures;
using Arcanum.Crypto.Vss;

namespace Arcanum.Cli;

/// <summary>One line of the self-check: what was exercised, whether it held, and how long it took.</summary>
internal sealed record SelfCheckResult(string Primitive, string Check, bool Passed, TimeSpan Elapsed);

/// <summary>
/// Exercises every primitive of the crypto core once, end to end: sign then verify (and verify a
/// tampered input fails), agree on a key from both sides, seal then open, prove then verify.
/// Each check must be able to fail, so each compares against an independent path.
/// </summary>
internal static class SelfCheck
{
    private static readonly byte[] Message = "arcanum self-check"u8.ToArray();

    public static IReadOnlyList<SelfCheckResult> Run(RandomNumberGenerator rng) =>
    [
        Time("secp256k1", "ECDSA sign, verify, recover; tampered hash rejected", () => Ecdsa(rng)),
        Time("secp256k1", "BIP340 sign, verify; tampered message rejected", () => Bip340(rng)),
        Time("Ed25519", "sign, verify; tampered message rejected", () => Ed25519(rng)),
        Time("X25519", "both sides agree on one secret", () => X25519Agreement(rng)),
        Time("Noise IK", "handshake, then 1 KiB each way", () => NoiseRoundTrip(rng)),
        Time("ChaCha20-Poly1305", "seal, open; tampered tag rejected", () => Aead(new ChaCha20Poly1305Aead(RandomKey(rng)), rng)),
        Time("AES-256-GCM", "seal, open; tampered tag rejected", () => Aead(new Aes256GcmAead(RandomKey(rng)), rng)),
        Time("Keccak-256", "known answer for the empty string", KeccakKnownAnswer),
        Time("Shamir/Feldman", "3-of-5 over secp256k1: shares verify, any 3 reconstruct", () => Sharing<Secp256k1Scalar, Secp256k1Point>(rng)),
        Time("Shamir/Feldman", "3-of-5 over ed25519", () => Sharing<Ed25519Scalar, Ed25519Point>(rng)),
        Time("Schnorr PoK, DLEQ", "over ristretto255; other context rejected", () => Proofs<Ed25519Scalar, Ristretto255Point>(rng)),
    ];

    private static SelfCheckResult Time(string primitive, string check, Func<bool> run)
    {
        var started = Stopwatch.GetTimestamp();
        bool passed;
        try
        {
            passed = run();
        }
        catch (CryptographicException)
        {
            passed = false;
        }

        return new SelfCheckResult(primitive, check, passed, Stopwatch.GetElapsedTime(started));
    }

    private static bool Ecdsa(RandomNumberGenerator rng)
    {
        using var key = Secp256k1PrivateKey.Generate(rng);
        var hash = SHA256.HashData(Message);
        var signature = new byte[Secp256k1Ecdsa.SignatureLength];
        var recoveryId = key.SignEcdsa(hash, signature);
        var tampered = SHA256.HashData(hash);
        return Secp256k1Ecdsa.Verify(key.PublicKey, hash, signature)
            && !Secp256k1Ecdsa.Verify(key.PublicKey, tampered, signature)
            && Secp256k1Ecdsa.TryRecover(hash, signature, recoveryId, out var recovered)
            && recovered == key.PublicKey;
    }

    private static bool Bip340(RandomNumberGenerator rng)
    {
        using var key = Secp256k1PrivateKey.Generate(rng);
        var signature = new byte[Secp256k1XOnlyPublicKey.SignatureLength];
        key.SignSchnorr(Message, signature, rng);
        return key.XOnlyPublicKey.Verify(Message, signature) && !key.XOnlyPublicKey.Verify(Message[1..], signature);
    }

    private static bool Ed25519(RandomNumberGenerator rng)
    {
        using var key = Ed25519PrivateKey.Generate(rng);
        var signature = key.Sign(Message);
        return key.PublicKey.Verify(Message, signature) && !key.PublicKey.Verify(Message[1..], signature);
    }

    private static bool X25519Agreement(RandomNumberGenerator rng)
    {
        using var alice = X25519PrivateKey.Generate(rng);
        using var bob = X25519PrivateKey.Generate(rng);
        Span<byte> fromAlice = stackalloc byte[X25519.SharedSecretLength];
        Span<byte> fromBob = stackalloc byte[X25519.SharedSecretLength];
        var agreed = X25519.TryAgree(alice, bob.PublicKey, fromAlice) && X25519.TryAgree(bob, alice.PublicKey, fromBob);
        var equal = agreed && CryptographicOperations.FixedTimeEquals(fromAlice, fromBob);
        CryptographicOperations.ZeroMemory(fromAlice);
        CryptographicOperations.ZeroMemory(fromBob);
        return equal;
    }

    private static bool NoiseRoundTrip(RandomNumberGenerator rng)
    {
        using var initiatorStatic = X25519PrivateKey.Generate(rng);
        using var responderStatic = X25519PrivateKey.Generate(rng);
        using var initiator = HandshakeState.Create(new HandshakeSettings
        {
            Protocol = NoiseProtocol.ProductProtocol, Role = NoiseRole.Initiator,
            LocalStaticKey = initiatorStatic, RemoteStaticKey = responderStatic.PublicKey,
        }, rng);
        using var responder = HandshakeState.Create(new HandshakeSettings
        {
            Protocol = NoiseProtocol.ProductProtocol, Role = NoiseRole.Responder, LocalStaticKey = responderStatic,
        }, rng);
        var wire = new byte[NoiseProtocol.MaxMessageLength];
        var handshake =
            initiator.WriteMessage([], wire, out var written) == NoiseResult.Success
            && responder.ReadMessage(wire.AsSpan(0, written), [], out _) == NoiseResult.Success
            && initiatorStatic.PublicKey.Equals(responder.RemoteStaticKey)
            && responder.WriteMessage([], wire, out written) == NoiseResult.Success
            && initiator.ReadMessage(wire.AsSpan(0, written), [], out _) == NoiseResult.Success;
        if (!handshake)
        {
            return false;
        }

        using var left = initiator.Split();
        using var right = responder.Split();
        var payload = new byte[1024];
        rng.GetBytes(payload);
        return Echo(left, right, payload, wire) && Echo(right, left, payload, wire);
    }

    private static bool Echo(NoiseTransport sender, NoiseTransport receiver, byte[] payload, byte[] wire)
    {
        var opened = new byte[payload.Length];
        return sender.WriteMessage(payload, wire, out var written) == NoiseResult.Success
            && receiver.ReadMessage(wire.AsSpan(0, written), opened, out var length) == NoiseResult.Success
            && opened.AsSpan(0, length).SequenceEqual(payload);
    }

    private static bool Aead(AeadCipher cipher, RandomNumberGenerator rng)
    {
        using (cipher)
        {
            var nonce = new byte[AeadCipher.NonceSizeInBytes];
            rng.GetBytes(nonce);
            var ciphertext = new byte[Message.Length];
            var tag = new byte[AeadCipher.TagSizeInBytes];
            var opened = new byte[Message.Length];
            cipher.Encrypt(nonce, Message, "aad"u8, ciphertext, tag);
            var opens = cipher.TryDecrypt(nonce, ciphertext, tag, "aad"u8, opened) && opened.AsSpan().SequenceEqual(Message);
            tag[0] ^= 1;
            return opens && !cipher.TryDecrypt(nonce, ciphertext, tag, "aad"u8, opened);
        }
    }

    private static byte[] RandomKey(RandomNumberGenerator rng)
    {
        var key = new byte[AeadCipher.KeySizeInBytes];
        rng.GetBytes(key);
        return key;
    }

    // Keccak-256("") as Ethereum defines it (the hash of empty code in every account).
    private static bool KeccakKnownAnswer() =>
        Convert.ToHexStringLower(Keccak256.Hash([])) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";

    private static bool Sharing<TScalar, TPoint>(RandomNumberGenerator rng)
        where TScalar : struct, IScalar<TScalar>
        where TPoint : struct, IPoint<TPoint, TScalar>
    {
        var secret = TScalar.Random(rng);
        using var polynomial = SecretPolynomial<TScalar>.Random(secret, 3, rng);
        var commitment = polynomial.Commit<TPoint>();
        var shares = Enumerable.Range(1, 5).Select(i => polynomial.ShareFor(TScalar.FromUInt64((ulong)i))).ToList();
        try
        {
            return shares.All(commitment.Verify)
                && Shamir.Reconstruct(shares.Skip(2).ToList()) == secret
                && commitment.PublicKey == TPoint.MultiplyBase(secret);
        }
        finally
        {
            shares.ForEach(s => s.Dispose());
        }
    }

    private static bool Proofs<TScalar, TPoint>(RandomNumberGenerator rng)
        where TScalar : struct, IScalar<TScalar>
        where TPoint : struct, IPoint<TPoint, TScalar>
    {
        var secret = TScalar.Random(rng);
        var publicKey = TPoint.MultiplyBase(secret);
        var baseH = TPoint.MultiplyBase(TScalar.Random(rng));
        var pok = SchnorrProof<TPoint, TScalar>.Prove(secret, "self-check"u8, rng);
        var dleq = DleqProof<TPoint, TScalar>.Prove(secret, baseH, "self-check"u8, rng);
        return pok.Verify(publicKey, "self-check"u8) && !pok.Verify(publicKey, "other"u8)
            && dleq.Verify(baseH, publicKey, baseH * secret, "self-check"u8) && !dleq.Verify(baseH, publicKey, baseH * secret, "other"u8);
    }
}
