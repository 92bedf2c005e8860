using Arcanum.Chains;
using Arcanum.Coordinator.Policy;
using Arcanum.Mpc.Frost;

namespace Arcanum.Coordinator.Transactions;

/// <summary>One signature a transaction needs: the bytes the key signs, and for a taproot input the BIP341 tweak.</summary>
internal sealed record PlannedSignature(byte[] Payload, TaprootTweak? Taproot = null);

/// <summary>
/// A signature the cluster returned for a <see cref="PlannedSignature"/>, already verified under the
/// (derived, tweaked) key: 64 bytes (ECDSA r ‖ s with low s, BIP340, or Ed25519) and the ECDSA recovery id.
/// </summary>
internal sealed record ProducedSignature(byte[] Bytes, int RecoveryId);

/// <summary>
/// What signing one transaction takes: the signatures to ask the cluster for (one session each), and
/// the step that puts them into the chain's signed form and checks the result with the chain adapter.
/// Built by <see cref="TransactionPlanner"/> only after the whole input has been checked, so a request
/// that is refused never starts a session.
/// </summary>
internal abstract class TransactionPlan
{
    /// <summary>The signatures to produce, in the order <see cref="Complete"/> takes them.</summary>
    public abstract IReadOnlyList<PlannedSignature> Signatures { get; }

    /// <summary>
    /// The 200 response body: the signed transaction in the chain's format. Throws <see cref="ApiProblemException"/>
    /// (503) if the adapter refuses a signature, which the coordinator's own check should already have caught.
    /// </summary>
    public abstract object Complete(IReadOnlyList<ProducedSignature> signatures);

    /// <summary>What policy sees of the transaction on <paramref name="chain"/> (the API chain name): by default the chain alone.</summary>
    public virtual TransactionFacts Facts(string chain) => new([chain], null, [], null);

    /// <summary>Policy facts from the adapter's summary (asset, destinations, amount — null when the adapter cannot tell).</summary>
    protected static TransactionFacts FromSummary(IReadOnlyList<string> chains, TransactionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new TransactionFacts(chains, summary.Asset, summary.Destinations, summary.Amount);
    }

    /// <summary>The adapter refused what the cluster produced: not the client's fault, and nothing is returned.</summary>
    protected static ApiProblemException Rejected(string error) =>
        new(503, "signature-rejected", "Signed transaction failed its check", $"The signed transaction failed the chain adapter's check: {error}", "transaction");
}
