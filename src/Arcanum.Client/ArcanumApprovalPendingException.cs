using Arcanum.Client.Contracts;

namespace Arcanum.Client;

/// <summary>
/// The coordinator accepted the operation but policy requires approval first (202): <see cref="Pending"/> names the
/// request that approvers decide on (GET/POST /v1/requests/{id}); the result arrives there once the quorum is reached.
/// </summary>
public sealed class ArcanumApprovalPendingException(PendingRequestResponse pending)
    : Exception($"Policy requires approval: request {pending?.RequestId} needs {pending?.Requires.Quorum} of {string.Join(", ", pending?.Requires.Approvers ?? [])}.")
{
    public PendingRequestResponse Pending { get; } = pending ?? throw new ArgumentNullException(nameof(pending));
}
