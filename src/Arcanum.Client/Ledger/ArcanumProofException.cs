namespace Arcanum.Client.Ledger;

/// <summary>
/// A ledger answer did not verify against the committee key (issue 8, "Queries"): a proof that does not decode or
/// verify, a header not signed by the committee for this chain, a value the proofs do not show, a height that is not
/// the proofs' height, or an answer with no proof at all. The answer must not be used; <see cref="Reason"/> says why.
/// </summary>
public sealed class ArcanumProofException : Exception
{
    /// <summary>An answer that failed verification for <paramref name="reason"/>.</summary>
    public ArcanumProofException(string reason)
        : base("The ledger answer does not verify: " + reason)
    {
        Reason = reason;
    }

    /// <summary>An answer that failed verification for <paramref name="reason"/>, caused by <paramref name="inner"/>.</summary>
    public ArcanumProofException(string reason, Exception inner)
        : base("The ledger answer does not verify: " + reason, inner)
    {
        Reason = reason;
    }

    /// <summary>Why the answer was refused, one sentence fragment.</summary>
    public string Reason { get; }
}
