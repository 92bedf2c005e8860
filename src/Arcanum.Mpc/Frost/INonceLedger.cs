namespace Arcanum.Mpc.Frost;

/// <summary>
/// The durable record of consumed signing nonces (ARCHITECTURE §3: "consumed durably before a share
/// leaves the node"). <see cref="FrostSigner{TPoint, TScalar}"/> calls <see cref="TryConsume"/>
/// before it computes a signature share and releases the share only when the call returned true,
/// so a nonce pair signs at most once even across restarts, replicas or a replayed request — reusing
/// a FROST nonce for two different binding factors reveals the signer's share. ECDSA presignatures
/// (<see cref="Ecdsa.Presignature"/>) are consumed through the same ledger, under ids of their own.
/// </summary>
public interface INonceLedger
{
    /// <summary>
    /// Atomically and durably marks <paramref name="id"/> consumed. Returns true if this call
    /// consumed it, false if it was already consumed. Must not return before the mark is durable.
    /// An exception (storage unavailable) also stops the signer; the nonces are already spent by
    /// then, which errs on the safe side: a new signing run uses new nonces.
    /// </summary>
    bool TryConsume(NonceId id);
}
