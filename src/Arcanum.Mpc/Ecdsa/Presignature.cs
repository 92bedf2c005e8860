using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// One party's output of DKLs23 Protocol 3.6 rounds 1–2, which do not depend on the message: the
/// combined instance point R = Σ R_j with r = x(R) mod n, and this party's φ_i, u_i, v_i with
/// Σ u_j = φ·k and Σ v_j = φ·sk (φ = Σ φ_j the inversion mask, k = Σ r_j the nonce). Bound to
/// one key (the derived one, if any), one signer set and one session; online signing
/// (<see cref="EcdsaOnlineSigning"/>) consumes it through the <see cref="INonceLedger"/> before
/// anything derived from it leaves the party, and this object can be consumed once only — a second
/// signature with the same presignature would reveal the key share. Zeroed on dispose.
/// </summary>
public sealed class Presignature : IDisposable
{
    private Secp256k1Scalar _phi;
    private Secp256k1Scalar _u;
    private Secp256k1Scalar _v;
    private bool _consumed;

    internal Presignature(
        ProtocolContext context, Secp256k1Point publicKey, Secp256k1Point instancePoint, Secp256k1Point ownInstancePoint,
        Secp256k1Scalar phi, Secp256k1Scalar u, Secp256k1Scalar v, BroadcastEcho echo)
    {
        Context = context;
        PublicKey = publicKey;
        InstancePoint = instancePoint;
        Id = EcdsaTranscript.PresignatureId(context.Session, context.Self, ownInstancePoint);
        Echo = echo;
        _phi = phi;
        _u = u;
        _v = v;
    }

    /// <summary>The ledger id (public, deterministic: session, party, R_i).</summary>
    public NonceId Id { get; }

    /// <summary>The presigning run: its session, this party, and the signer set.</summary>
    public ProtocolContext Context { get; }

    /// <summary>The key a signature from this presignature verifies under.</summary>
    public Secp256k1Point PublicKey { get; }

    /// <summary>R = Σ R_j.</summary>
    public Secp256k1Point InstancePoint { get; }

    /// <summary>This party's view of round 2's broadcasts, echoed by the online round.</summary>
    internal BroadcastEcho Echo { get; }

    /// <summary>True once consumed (or disposed).</summary>
    public bool IsConsumed => _consumed;

    /// <summary>
    /// Hands out φ_i, u_i, v_i once and forgets them. The caller must have consumed
    /// <see cref="Id"/> in the ledger first.
    /// </summary>
    internal (Secp256k1Scalar Phi, Secp256k1Scalar U, Secp256k1Scalar V) Take()
    {
        ObjectDisposedException.ThrowIf(_consumed, this);
        var values = (_phi, _u, _v);
        Dispose();
        return values;
    }

    public void Dispose()
    {
        _phi = default;
        _u = default;
        _v = default;
        _consumed = true;
    }

    public override string ToString() => $"Presignature({Id}, [redacted])";
}
