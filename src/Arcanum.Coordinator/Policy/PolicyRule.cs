using System.Numerics;

namespace Arcanum.Coordinator.Policy;

/// <summary>One problem in a policy document: the JSON path (<c>rules[2].amount.max</c>) and what is wrong there.</summary>
public sealed record PolicyError(string Path, string Message);

/// <summary>Whether a <c>destinations</c> list admits (allow) or singles out (deny) addresses.</summary>
public enum DestinationMode
{
    Allow,
    Deny,
}

/// <summary>Whose earlier operations a <c>window</c> counts: the same key, or the same key and initiator.</summary>
public enum WindowScope
{
    Key,
    Initiator,
}

/// <summary>
/// <c>destinations</c>: with <see cref="DestinationMode.Allow"/> the condition holds when the transaction has at
/// least one destination and every one is listed; with <see cref="DestinationMode.Deny"/> when some destination is
/// listed. Addresses compare as <see cref="ChainValueComparer"/> says.
/// </summary>
public sealed record DestinationCondition(DestinationMode Mode, IReadOnlyList<string> Addresses);

/// <summary><c>amount</c>: holds when amount ≤ <see cref="Max"/> and amount &gt; <see cref="Above"/> (each when given).</summary>
public sealed record AmountCondition(BigInteger? Max, BigInteger? Above);

/// <summary>
/// <c>window</c>: the earlier operations in the last <see cref="Seconds"/> seconds, counted and (for
/// <see cref="MaxSum"/>) summed; a budget for allow and require_approval rules, a trigger for deny rules.
/// </summary>
public sealed record WindowCondition(int Seconds, BigInteger? MaxSum, int? MaxCount, WindowScope Per);

/// <summary>
/// One rule of a policy document. A null condition is absent and matches everything, except that an absent
/// <see cref="Operations"/> never matches <c>sign_raw</c>. <see cref="Approval"/> is set exactly when
/// <see cref="Action"/> is <see cref="PolicyAction.RequireApproval"/>.
/// </summary>
public sealed record PolicyRule(
    string Id,
    string? Description,
    IReadOnlyList<string>? Operations,
    IReadOnlyList<string>? Keys,
    IReadOnlyList<string>? Initiators,
    IReadOnlyList<string>? Chains,
    IReadOnlyList<string>? Assets,
    DestinationCondition? Destinations,
    AmountCondition? Amount,
    WindowCondition? Window,
    PolicyAction Action,
    ApprovalRequirement? Approval)
{
    /// <summary>
    /// Whether the rule has a condition that reads a transaction's facts: chains, assets, destinations, amount,
    /// or a window with a maxSum (a window with only maxCount counts any operation).
    /// </summary>
    public bool NeedsTransaction =>
        Chains is not null || Assets is not null || Destinations is not null || Amount is not null || Window?.MaxSum is not null;
}

/// <summary>The role names a token can carry; in <c>initiators</c> and <c>approvers</c> a role name means "any token with that role".</summary>
public static class PolicyRoles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Signer = "signer";
    public const string Approver = "approver";
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Signer, Approver, Auditor];

    public static bool IsRole(string value) => All.Contains(value, StringComparer.Ordinal);
}
