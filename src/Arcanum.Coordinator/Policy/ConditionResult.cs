namespace Arcanum.Coordinator.Policy;

/// <summary>How one condition of a rule came out for a request.</summary>
internal enum ConditionOutcome
{
    /// <summary>The condition holds.</summary>
    Holds,

    /// <summary>The condition does not hold: the rule does not apply.</summary>
    Fails,

    /// <summary>
    /// A fact the condition needs is unknown. Unknown facts never loosen: an allow rule does not apply, a deny or
    /// require_approval rule does.
    /// </summary>
    Unknown,
}

/// <summary>A condition's outcome and the phrase that explains it ("amount 5 ≤ max 10").</summary>
internal readonly record struct ConditionResult(ConditionOutcome Outcome, string Phrase)
{
    public static ConditionResult Holds(string phrase) => new(ConditionOutcome.Holds, phrase);

    public static ConditionResult Fails(string phrase) => new(ConditionOutcome.Fails, phrase);

    public static ConditionResult Unknown(string phrase) => new(ConditionOutcome.Unknown, phrase);
}
