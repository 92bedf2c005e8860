using Arcanum.Coordinator.Policy;
using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// What an operation's answer is: the HTTP status, the JSON body (null for 204) and, for 201, the Location.
/// Stored as the result of a request that completed after approval.
/// </summary>
internal sealed record OperationResult(int Status, object? Body, string? Location = null);

/// <summary>
/// A governed operation after its input has been fully checked: the policy facts, the canonical payload that
/// approvals bind to, the exact messages its signing sessions will sign (the approval statement lists them, so
/// nodes can check them), and how to run it. Built by an <see cref="IOperationPreparer"/> from the canonical
/// payload — the same way for a request that runs at once and for one that runs when its quorum is reached.
/// </summary>
internal sealed record PreparedOperation(
    string Operation,
    string KeyId,
    string KeyName,
    TransactionFacts? Facts,
    string Payload,
    IReadOnlyList<uint> Path,
    IReadOnlyList<byte[]> Messages,
    Func<ApprovalEvidence?, CancellationToken, Task<OperationResult>> ExecuteAsync)
{
    /// <summary>What the audit log names as the target.</summary>
    public string Target => KeyId.Length > 0 ? $"key={KeyId}" : $"name={KeyName}";
}

/// <summary>Rebuilds a <see cref="PreparedOperation"/> from its canonical payload; throws <see cref="ApiProblemException"/> (4xx) for input that cannot run.</summary>
internal interface IOperationPreparer
{
    /// <summary>The policy operation it prepares.</summary>
    IReadOnlyList<string> Operations { get; }

    Task<PreparedOperation> PrepareAsync(string operation, string payload, CancellationToken cancellationToken);
}
