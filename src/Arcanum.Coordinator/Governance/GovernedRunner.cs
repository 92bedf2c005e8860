using System.Security.Cryptography;
using Arcanum.Coordinator.Audit;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Metrics;
using Arcanum.Coordinator.Policy;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// Runs a governed operation under the transaction policy (docs/policy.md): evaluate, write the decision to the
/// audit log (fail-closed, before anything happens), then deny (403 <c>policy-denied</c>), open a request for
/// approval (202), or record the operation for policy windows and run it.
/// </summary>
internal sealed class GovernedRunner(PolicyBook policies, SpendLedger ledger, AuditLog audit, Approvals approvals, ArcanumMetrics metrics, TimeProvider time, RandomNumberGenerator rng)
{
    public async Task<OperationResult> RunAsync(PreparedOperation operation, CallerIdentity caller, string requestHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(caller);
        var decision = await DecideAsync(operation, caller, cancellationToken);
        var name = DecisionName(decision.Decision.Action);
        metrics.PolicyDecided(operation.Operation, name);
        await audit.AppendAsync(new AuditEvent(caller, "policy " + operation.Operation, operation.Target, requestHash, name, decision.Decision.Reason), cancellationToken);
        switch (decision.Decision.Action)
        {
            case PolicyAction.Deny:
                throw new ApiProblemException(403, "policy-denied", "Denied by policy", decision.Decision.Reason);
            case PolicyAction.RequireApproval:
                return await approvals.OpenAsync(operation, caller, decision.Decision.Approval!, decision.Version, cancellationToken);
            default:
                await ledger.RecordAsync(operation, caller, OperationResults.NewId(rng, "op_", 12), decision.Policy, cancellationToken);
                return await operation.ExecuteAsync(null, cancellationToken);
        }
    }

    /// <summary>The decision the active policy (or <paramref name="policy"/>) takes for <paramref name="request"/> now; a dry run.</summary>
    public async Task<PolicyDecision> EvaluateAsync(OperationRequest request, PolicyDocument policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        return PolicyEvaluator.Evaluate(policy, request, await ledger.HistoryAsync(request.KeyId, policy, now, cancellationToken), now);
    }

    public static string DecisionName(PolicyAction action) => action switch
    {
        PolicyAction.Allow => "allow",
        PolicyAction.Deny => "deny",
        _ => "require_approval",
    };

    private async Task<(PolicyDecision Decision, long Version, PolicyDocument? Policy)> DecideAsync(PreparedOperation operation, CallerIdentity caller, CancellationToken cancellationToken)
    {
        if (await policies.ActiveAsync(cancellationToken) is not { } active)
        {
            return (new PolicyDecision(PolicyAction.Deny, [], null, "no policy is installed; an admin must PUT /v1/policy"), 0, null);
        }

        var request = new OperationRequest(operation.Operation, operation.KeyId, operation.KeyName, new Initiator(caller.Name, caller.Role), operation.Facts);
        return (await EvaluateAsync(request, active.Document, cancellationToken), active.Version, active.Document);
    }
}
