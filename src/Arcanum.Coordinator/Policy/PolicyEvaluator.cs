namespace Arcanum.Coordinator.Policy;

/// <summary>
/// Decides an operation against a policy (issue 7, "Transaction policy engine"; docs/policy.md, "Evaluation"):
/// deny overrides, then require_approval (the strictest: highest quorum, ties to the first in document order),
/// then allow; when no rule applies the operation is denied. Pure: time is a parameter, history is given.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>
    /// The decision for <paramref name="request"/>. <paramref name="history"/> holds the earlier operations the
    /// windows count (any superset of the relevant ones: entries are filtered here); <paramref name="now"/> is the
    /// time windows end at. Throws <see cref="ArgumentException"/> for an operation name the policy does not know.
    /// </summary>
    public static PolicyDecision Evaluate(PolicyDocument policy, OperationRequest request, IReadOnlyList<PastOperation> history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(history);
        if (!PolicyOperations.All.Contains(request.Operation, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown operation '{request.Operation}'.", nameof(request));
        }

        var applied = new List<(PolicyRule Rule, RuleMatch Match)>();
        foreach (var rule in policy.Rules)
        {
            if (Why(rule, request, history, now) is { } why)
            {
                applied.Add((rule, new RuleMatch(rule.Id, rule.Action, why)));
            }
        }

        return Decide(request, applied);
    }

    /// <summary>The sentence saying why <paramref name="rule"/> applies, or null when it does not.</summary>
    private static string? Why(PolicyRule rule, OperationRequest request, IReadOnlyList<PastOperation> history, DateTimeOffset now)
    {
        var facts = request.Transaction;
        if (rule.NeedsTransaction && facts is null)
        {
            return null;
        }

        IEnumerable<Func<ConditionResult?>> conditions =
        [
            () => RuleConditions.Operation(rule, request),
            () => RuleConditions.Keys(rule, request),
            () => RuleConditions.Initiators(rule, request),
            () => facts is null ? null : RuleConditions.Chains(rule, facts),
            () => facts is null ? null : RuleConditions.Assets(rule, facts),
            () => facts is null ? null : RuleConditions.Destinations(rule, facts),
            () => facts is null ? null : RuleConditions.Amount(rule, facts),
            () => RuleConditions.Window(rule, request, history, now),
        ];

        var phrases = new List<string>();
        foreach (var condition in conditions)
        {
            switch (condition())
            {
                case null:
                    continue;
                case { Outcome: ConditionOutcome.Fails }:
                    return null;
                case { Outcome: ConditionOutcome.Unknown } when rule.Action == PolicyAction.Allow:
                    return null;
                case { Outcome: ConditionOutcome.Unknown } unknown:
                    phrases.Add($"{unknown.Phrase}, so this {PolicyText.ActionName(rule.Action)} rule applies");
                    break;
                case { } holds:
                    phrases.Add(holds.Phrase);
                    break;
            }
        }

        return string.Join("; ", phrases) + ".";
    }

    private static PolicyDecision Decide(OperationRequest request, List<(PolicyRule Rule, RuleMatch Match)> applied)
    {
        var matches = applied.Select(a => a.Match).ToList();
        var subject = Subject(request);

        var denying = applied.Where(a => a.Rule.Action == PolicyAction.Deny).Select(a => a.Rule.Id).ToList();
        if (denying.Count > 0)
        {
            return new PolicyDecision(PolicyAction.Deny, matches, null, $"{subject} is denied by {RuleNames(denying)}.");
        }

        var approving = applied.Where(a => a.Rule.Action == PolicyAction.RequireApproval).Select(a => a.Rule).ToList();
        if (approving.Count > 0)
        {
            // Strictest requirement: the highest quorum; MaxBy keeps the first of equals, i.e. document order.
            var strictest = approving.MaxBy(r => r.Approval!.Quorum)!;
            var approval = strictest.Approval!;
            var others = approving.Count == 1 ? "" : $" (the strictest of {RuleNames(approving.Select(r => r.Id).ToList())})";
            return new PolicyDecision(PolicyAction.RequireApproval, matches, approval,
                $"{subject} needs {approval.Quorum} approval(s) from {string.Join(", ", approval.Approvers)} within {approval.ExpiresInSeconds} s, as rule '{strictest.Id}' requires{others}.");
        }

        var allowing = applied.Where(a => a.Rule.Action == PolicyAction.Allow).Select(a => a.Rule.Id).ToList();
        return allowing.Count > 0
            ? new PolicyDecision(PolicyAction.Allow, matches, null, $"{subject} is allowed by {RuleNames(allowing)}.")
            : new PolicyDecision(PolicyAction.Deny, matches, null, $"No rule allows {subject}, so it is denied.");
    }

    /// <summary>"sign_transaction of key 'treasury' by 'ci-bot' (signer)".</summary>
    private static string Subject(OperationRequest request)
    {
        var key = request.KeyName.Length > 0 ? request.KeyName : request.KeyId;
        return $"{request.Operation} of key '{key}' by '{request.Initiator.Name}' ({request.Initiator.Role})";
    }

    private static string RuleNames(List<string> ids) =>
        ids.Count == 1 ? $"rule '{ids[0]}'" : $"rules {string.Join(", ", ids.Select(id => $"'{id}'"))}";
}
