using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// DKLs23 Protocol 3.6 round 3, the only round that needs the message: from a
/// <see cref="Presignature"/> and a 32-byte digest, each signer broadcasts w_i = H(m)·φ_i + r·v_i
/// and u_i; everyone computes s = Σw / Σu, normalises s to the low half, derives the recovery id
/// and verifies the signature under the signed key before returning it.
/// </summary>
public static class EcdsaOnlineSigning
{
    internal const int ShareRound = 3;

    // n/2 = 7FFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 5D576E73 57A4501D DFE92F46 681B20A0 (BIP62 low-S bound).
    private static readonly byte[] HalfOrder = Convert.FromHexString("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0");

    /// <summary>
    /// Consumes <paramref name="presignature"/> (first durably in <paramref name="ledger"/>, then the
    /// object itself) and emits this signer's share of the signature on <paramref name="digest"/>.
    /// Aborts, emitting nothing, if the ledger says the presignature was already used.
    /// </summary>
    /// <exception cref="ArgumentException">The digest is not exactly 32 bytes, or the presignature object was already consumed.</exception>
    public static RoundResult<EcdsaSignature> Start(Presignature presignature, ReadOnlySpan<byte> digest, INonceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(presignature);
        ArgumentNullException.ThrowIfNull(ledger);
        RequireDigest(digest);
        if (presignature.IsConsumed)
        {
            throw new ArgumentException("This presignature was already used or disposed; a presignature signs once.", nameof(presignature));
        }

        if (!ledger.TryConsume(presignature.Id))
        {
            presignature.Dispose();
            return new RoundResult<EcdsaSignature>.Aborted(new Abort($"presignature {presignature.Id} was already consumed; it signs once", []));
        }

        var (phi, u, v) = presignature.Take();
        var r = XCoordinate(presignature.InstancePoint, out var recoveryId);
        var w = HashScalar(digest) * phi + r * v;
        phi = default;
        v = default;
        var context = presignature.Context;
        var share = Round<EcdsaSignature>.Message(context, ShareRound, null, new EcdsaSignatureShare
        {
            Digest = ByteString.CopyFrom(digest),
            W = ByteString.CopyFrom(EcdsaPresigning.Encode(w)),
            U = ByteString.CopyFrom(EcdsaPresigning.Encode(u)),
        }, presignature.Echo);
        return new RoundResult<EcdsaSignature>.Continue(
            new ShareRoundState(context, presignature.PublicKey, r, recoveryId, digest.ToArray(), w, u, share, presignature.Echo), [share]);
    }

    internal static void RequireDigest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != Secp256k1Ecdsa.HashLength)
        {
            throw new ArgumentException(
                $"ECDSA signs exactly a 32-byte digest (got {digest.Length} bytes); hash the message first (the chain adapter's job).", nameof(digest));
        }
    }

    /// <summary>r = x(R) mod n; <paramref name="recoveryId"/> gets bit 0 = y(R) odd, bit 1 = x(R) ≥ n (SEC1 §4.1.6).</summary>
    private static Secp256k1Scalar XCoordinate(Secp256k1Point point, out int recoveryId)
    {
        Span<byte> encoded = stackalloc byte[Secp256k1Point.CompressedLength];
        point.Encode(encoded);
        var overflow = !Secp256k1Scalar.TryDecode(encoded[1..], out _);
        recoveryId = (encoded[0] & 1) | (overflow ? 2 : 0);
        return Secp256k1Scalar.FromBytesReduced(encoded[1..]);
    }

    /// <summary>The digest as an integer mod n (SEC1 §4.1.3 step 5 with a 256-bit hash).</summary>
    private static Secp256k1Scalar HashScalar(ReadOnlySpan<byte> digest) => Secp256k1Scalar.FromBytesReduced(digest);

    /// <summary>Consumes every other signer's (w_j, u_j) and produces the verified signature.</summary>
    private sealed class ShareRoundState(
        ProtocolContext context, Secp256k1Point publicKey, Secp256k1Scalar r, int instanceRecoveryId, byte[] digest,
        Secp256k1Scalar w, Secp256k1Scalar u, ProtocolMessage ownBroadcast, BroadcastEcho echo)
        : Round<EcdsaSignature>(context, ShareRound, RoundInputs.Broadcast, ownBroadcast, echo)
    {
        protected override MessageCheck VerifyContent(ProtocolMessage message)
        {
            if (!WireDecoding.TryParse(message.Payload.Span, EcdsaSignatureShare.Parser, out var share)
                || !Secp256k1Scalar.TryDecode(share.W.Span, out var otherW)
                || !Secp256k1Scalar.TryDecode(share.U.Span, out var otherU))
            {
                return MessageCheck.Fault(message.From, "round 3 share is malformed (w_j and u_j must be canonical scalars)");
            }

            return share.Digest.Span.SequenceEqual(digest)
                ? Accept(message, (otherW, otherU))
                : MessageCheck.Fault(message.From, "signed a different digest");
        }

        /// <summary>Protocol 3.6 output: s = Σw / Σu, low-S, recovery id, verified.</summary>
        protected override RoundResult<EcdsaSignature> Complete(RandomNumberGenerator rng)
        {
            var sumW = w;
            var sumU = u;
            foreach (var other in Context.Others)
            {
                var (otherW, otherU) = BroadcastFrom<(Secp256k1Scalar, Secp256k1Scalar)>(other);
                sumW += otherW;
                sumU += otherU;
            }

            if (sumU.IsZero)
            {
                return Fail(new Abort("Σ u_j is zero, so the signature cannot be computed", []));
            }

            var recoveryId = instanceRecoveryId;
            var s = sumW * sumU.Invert();
            Span<byte> compact = stackalloc byte[Secp256k1Ecdsa.SignatureLength];
            r.Encode(compact);
            s.Encode(compact[32..]);
            if (compact[32..].SequenceCompareTo(HalfOrder) > 0)
            {
                // (r, −s) is the same signature with R negated: flip the y parity.
                (-s).Encode(compact[32..]);
                recoveryId ^= 1;
            }

            // The Γ checks bind R and the key shares, but a wrong w_j or u_j only shows here.
            return Secp256k1Ecdsa.Verify(publicKey, digest, compact)
                ? new RoundResult<EcdsaSignature>.Done(new EcdsaSignature(compact, recoveryId, publicKey), [])
                : Fail(new Abort("the combined signature does not verify under the public key", []));
        }
    }
}

/// <summary>Presigning and online signing in one three-round run (DKLs23 Protocol 3.6 as a whole).</summary>
public static class EcdsaSigning
{
    /// <summary>Starts a full signing run on <paramref name="digest"/> (exactly 32 bytes) by the signers of <paramref name="context"/>.</summary>
    public static RoundResult<EcdsaSignature>.Continue Start(
        ProtocolContext context, EcdsaKeyShare share, Derivation.DerivedKey<Secp256k1Point, Secp256k1Scalar>? child,
        ReadOnlySpan<byte> digest, INonceLedger ledger, RandomNumberGenerator rng)
    {
        EcdsaOnlineSigning.RequireDigest(digest);
        ArgumentNullException.ThrowIfNull(ledger);
        var message = digest.ToArray();
        return ProtocolSequence.Then(
            EcdsaPresigning.Start(context, share, child, rng),
            (Presignature presignature, RandomNumberGenerator _) => EcdsaOnlineSigning.Start(presignature, message, ledger));
    }
}
