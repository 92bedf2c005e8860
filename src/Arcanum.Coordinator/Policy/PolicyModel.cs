using System.Numerics;

namespace Arcanum.Coordinator.Policy;

/// <summary>What a rule does when it applies.</summary>
public enum PolicyAction
{
    Allow,
    Deny,
    RequireApproval,
}

/// <summary>The operations policy governs (the JSON names are snake_case: <c>sign_raw</c>, <c>sign_transaction</c>, …).</summary>
public static class PolicyOperations
{
    public const string SignRaw = "sign_raw";
    public const string SignTransaction = "sign_transaction";
    public const string SignMessage = "sign_message";
    public const string KeyCreate = "key_create";
    public const string KeyDestroy = "key_destroy";
    public const string Reshare = "reshare";

    public static IReadOnlyList<string> All { get; } = [SignRaw, SignTransaction, SignMessage, KeyCreate, KeyDestroy, Reshare];
}

/// <summary>Who asks: the token's name and role.</summary>
public sealed record Initiator(string Name, string Role);

/// <summary>
/// What a transaction does, as its chain adapter reads it. <see cref="Chains"/> are the identifiers a rule's
/// <c>chains</c> may name (the API chain name, and <c>eip155:&lt;chainId&gt;</c> for EVM); <see cref="Asset"/> is
/// <c>native</c> or the token (contract address, denom), null when unknown; <see cref="Amount"/> is in the
/// chain's base unit, null when the adapter cannot tell (a contract call it does not understand).
/// </summary>
public sealed record TransactionFacts(IReadOnlyList<string> Chains, string? Asset, IReadOnlyList<string> Destinations, BigInteger? Amount);

/// <summary>
/// One operation to decide on. <see cref="KeyId"/> and <see cref="KeyName"/> name the key (for key_create,
/// the id is empty and the name is the requested one); <see cref="Transaction"/> is set for sign_transaction
/// (and for sign_message, with only the chain known).
/// </summary>
public sealed record OperationRequest(string Operation, string KeyId, string KeyName, Initiator Initiator, TransactionFacts? Transaction);

/// <summary>
/// An earlier operation a rule's <c>window</c> counts: recorded when its signing started. <see cref="Amount"/>
/// is null for operations without one.
/// </summary>
public sealed record PastOperation(string KeyId, string InitiatorName, string Operation, string Chain, string Asset, BigInteger? Amount, DateTimeOffset At);

/// <summary>Who must approve, how many of them, and how long the request stays open.</summary>
public sealed record ApprovalRequirement(IReadOnlyList<string> Approvers, int Quorum, int ExpiresInSeconds);

/// <summary>A rule that applied, its action, and a sentence saying why it applied.</summary>
public sealed record RuleMatch(string RuleId, PolicyAction Action, string Why);

/// <summary>
/// The decision: deny overrides, then require_approval, then allow; nothing matching is deny.
/// <see cref="Matched"/> lists every rule that applied (document order); <see cref="Approval"/> is set for
/// <see cref="PolicyAction.RequireApproval"/>; <see cref="Reason"/> explains the decision in one sentence.
/// </summary>
public sealed record PolicyDecision(PolicyAction Action, IReadOnlyList<RuleMatch> Matched, ApprovalRequirement? Approval, string Reason);
