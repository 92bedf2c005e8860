using System.Numerics;

namespace Arcanum.Coordinator.Policy;

/// <summary>
/// The conditions of one rule checked against one request (docs/policy.md, "Rule reference"). Each check
/// of an optional condition returns null when the rule does not have it.
/// </summary>
internal static class RuleConditions
{
    public static ConditionResult Operation(PolicyRule rule, OperationRequest request)
    {
        if (rule.Operations is null)
        {
            return request.Operation == PolicyOperations.SignRaw
                ? ConditionResult.Fails("sign_raw needs a rule that lists it")
                : ConditionResult.Holds($"operation {request.Operation} (no operation listed: all but sign_raw)");
        }

        return rule.Operations.Contains(request.Operation, StringComparer.Ordinal)
            ? ConditionResult.Holds($"operation {request.Operation} is listed")
            : ConditionResult.Fails($"operation {request.Operation} is not listed");
    }

    public static ConditionResult? Keys(PolicyRule rule, OperationRequest request)
    {
        if (rule.Keys is null)
        {
            return null;
        }

        if (rule.Keys is [PolicyText.AnyKey])
        {
            return ConditionResult.Holds("any key (*)");
        }

        var listed = rule.Keys.FirstOrDefault(k => k == request.KeyId || k == request.KeyName);
        return listed is null
            ? ConditionResult.Fails("key is not listed")
            : ConditionResult.Holds($"key '{listed}' is listed");
    }

    public static ConditionResult? Initiators(PolicyRule rule, OperationRequest request)
    {
        if (rule.Initiators is null)
        {
            return null;
        }

        var initiator = request.Initiator;
        foreach (var entry in rule.Initiators)
        {
            if (PolicyRoles.IsRole(entry) ? entry == initiator.Role : entry == initiator.Name)
            {
                return ConditionResult.Holds(PolicyRoles.IsRole(entry)
                    ? $"initiator '{initiator.Name}' has role {entry}"
                    : $"initiator is token '{entry}'");
            }
        }

        return ConditionResult.Fails("initiator is not listed");
    }

    public static ConditionResult? Chains(PolicyRule rule, TransactionFacts facts)
    {
        if (rule.Chains is null)
        {
            return null;
        }

        var listed = rule.Chains.FirstOrDefault(c => facts.Chains.Contains(c, StringComparer.Ordinal));
        return listed is null ? ConditionResult.Fails("chain is not listed") : ConditionResult.Holds($"chain {listed} is listed");
    }

    public static ConditionResult? Assets(PolicyRule rule, TransactionFacts facts)
    {
        if (rule.Assets is null)
        {
            return null;
        }

        if (facts.Asset is null)
        {
            return ConditionResult.Unknown("asset unknown");
        }

        return rule.Assets.Contains(facts.Asset, ChainValueComparer.Instance)
            ? ConditionResult.Holds($"asset {facts.Asset} is listed")
            : ConditionResult.Fails($"asset {facts.Asset} is not listed");
    }

    public static ConditionResult? Destinations(PolicyRule rule, TransactionFacts facts)
    {
        if (rule.Destinations is not { } condition)
        {
            return null;
        }

        if (condition.Mode == DestinationMode.Allow)
        {
            if (facts.Destinations.Count == 0)
            {
                return ConditionResult.Unknown("destinations unknown");
            }

            var outside = facts.Destinations.FirstOrDefault(d => !condition.Addresses.Contains(d, ChainValueComparer.Instance));
            return outside is null
                ? ConditionResult.Holds(facts.Destinations.Count == 1
                    ? $"destination {facts.Destinations[0]} is on the allow list"
                    : $"all {facts.Destinations.Count} destinations are on the allow list")
                : ConditionResult.Fails($"destination {outside} is not on the allow list");
        }

        var denied = facts.Destinations.FirstOrDefault(d => condition.Addresses.Contains(d, ChainValueComparer.Instance));
        return denied is null
            ? ConditionResult.Fails("no destination is on the deny list")
            : ConditionResult.Holds($"destination {denied} is on the deny list");
    }

    public static ConditionResult? Amount(PolicyRule rule, TransactionFacts facts)
    {
        if (rule.Amount is not { } condition)
        {
            return null;
        }

        if (facts.Amount is not { } amount)
        {
            return ConditionResult.Unknown("amount unknown");
        }

        var phrases = new List<string>(2);
        var holds = true;
        if (condition.Above is { } above)
        {
            holds &= amount > above;
            phrases.Add($"amount {PolicyText.Number(amount)} {(amount > above ? ">" : "≤")} above {PolicyText.Number(above)}");
        }

        if (condition.Max is { } max)
        {
            holds &= amount <= max;
            phrases.Add($"amount {PolicyText.Number(amount)} {(amount <= max ? "≤" : ">")} max {PolicyText.Number(max)}");
        }

        return new ConditionResult(holds ? ConditionOutcome.Holds : ConditionOutcome.Fails, string.Join("; ", phrases));
    }

    /// <summary>
    /// The window: a budget for allow and require_approval rules (holds while count + 1 ≤ maxCount and
    /// sum + amount ≤ maxSum), a trigger for deny rules (holds when either would be exceeded).
    /// </summary>
    public static ConditionResult? Window(PolicyRule rule, OperationRequest request, IReadOnlyList<PastOperation> history, DateTimeOffset now)
    {
        if (rule.Window is not { } window)
        {
            return null;
        }

        var counted = WindowCount.Of(window, request, history, now);
        var scope = window.Per == WindowScope.Initiator ? $"key and initiator '{request.Initiator.Name}'" : "key";
        var parts = new List<(bool? WithinBudget, string Phrase)>(2);
        if (window.MaxCount is { } maxCount)
        {
            var within = counted.Count + 1L <= maxCount;
            parts.Add((within, $"{counted.Count} earlier {request.Operation} for this {scope} in the last {window.Seconds} s, +1 {(within ? "≤" : ">")} maxCount {maxCount}"));
        }

        if (window.MaxSum is { } maxSum)
        {
            parts.Add(SumPart(counted.Sum, request.Transaction?.Amount, maxSum, window.Seconds));
        }

        var exceeded = parts.Where(p => p.WithinBudget == false).Select(p => p.Phrase).ToList();
        var unknown = parts.Where(p => p.WithinBudget is null).Select(p => p.Phrase).ToList();
        if (rule.Action == PolicyAction.Deny)
        {
            return exceeded.Count > 0 ? ConditionResult.Holds($"window exceeded: {string.Join("; ", exceeded)}")
                : unknown.Count > 0 ? ConditionResult.Unknown(string.Join("; ", unknown))
                : ConditionResult.Fails("window not exceeded");
        }

        return exceeded.Count > 0 ? ConditionResult.Fails($"window exceeded: {string.Join("; ", exceeded)}")
            : unknown.Count > 0 ? ConditionResult.Unknown(string.Join("; ", unknown))
            : ConditionResult.Holds($"within window: {string.Join("; ", parts.Select(p => p.Phrase))}");
    }

    private static (bool? WithinBudget, string Phrase) SumPart(BigInteger? sum, BigInteger? amount, BigInteger maxSum, int seconds)
    {
        if (sum is not { } earlier || amount is not { } current)
        {
            return (null, $"sum over the last {seconds} s unknown (an amount is unknown)");
        }

        var total = earlier + current;
        var within = total <= maxSum;
        return (within, $"sum {PolicyText.Number(earlier)} + {PolicyText.Number(current)} {(within ? "≤" : ">")} maxSum {PolicyText.Number(maxSum)}");
    }
}
