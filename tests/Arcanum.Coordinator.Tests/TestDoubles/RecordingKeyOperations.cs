using System.Collections.Concurrent;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Sessions;
using Arcanum.Mpc.Frost;
using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Tests.TestDoubles;

/// <summary>One call the API made to <see cref="IKeyOperations"/>.</summary>
internal sealed record KeyOperationCall(
    string Operation, string? KeyId, string? Name, string? Scheme, int? Threshold, int? Parties, byte[]? Payload, IReadOnlyList<uint>? Path, ApprovalEvidence? Approval = null);

/// <summary>
/// Records every call and answers with canned bodies. Calls on <see cref="FailingKeyId"/> throw the
/// 503 <see cref="ApiProblemException"/> orchestration raises when too few nodes are connected;
/// calls on <see cref="BuggyKeyId"/> throw an unexpected exception, as a bug would.
/// </summary>
internal sealed class RecordingKeyOperations : IKeyOperations
{
    public const string FailingKeyId = "key-unreachable";

    public const string BuggyKeyId = "key-buggy";

    public const string BugMessage = "internal detail that must not leak";

    public const string FailingSession = "0123456789abcdef0123456789abcdef";

    private static readonly DateTimeOffset CreatedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly ConcurrentQueue<KeyOperationCall> _calls = new();

    public IReadOnlyList<KeyOperationCall> Calls => [.. _calls];

    /// <summary>When set, every sign call waits for the test to release it (a request kept in flight).</summary>
    public SemaphoreSlim? SignGate { get; set; }

    private static SignResponse CannedSignature => new(new string('a', 128), new string('b', 64), new string('c', 32));

    private static async Task<SignResponse> SignAfterGateAsync(SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return CannedSignature;
    }

    public Task<KeyInfo> CreateKeyAsync(string name, string scheme, int threshold, int partyCount, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        _calls.Enqueue(new KeyOperationCall("create", null, name, scheme, threshold, partyCount, null, null, approval));
        return Task.FromResult(Key("key-new", name, scheme, threshold, partyCount, epoch: 0));
    }

    public Task<SignResponse> SignAsync(string keyId, byte[] payload, IReadOnlyList<uint> path, TaprootTweak? taproot, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        Record(new KeyOperationCall("sign", keyId, null, null, null, null, payload, path, approval));
        return SignGate is { } gate ? SignAfterGateAsync(gate, cancellationToken) : Task.FromResult(CannedSignature);
    }

    public Task<KeyInfo> RefreshAsync(string keyId, CancellationToken cancellationToken)
    {
        Record(new KeyOperationCall("refresh", keyId, null, null, null, null, null, null));
        return Task.FromResult(Key(keyId, "refreshed", KeySchemes.FrostEd25519, 2, 3, epoch: 1));
    }

    public Task<KeyInfo> ReshareAsync(string keyId, int threshold, int partyCount, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        Record(new KeyOperationCall("reshare", keyId, null, null, threshold, partyCount, null, null, approval));
        return Task.FromResult(Key(keyId, "reshared", KeySchemes.FrostEd25519, threshold, partyCount, epoch: 1));
    }

    public Task DestroyAsync(string keyId, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        Record(new KeyOperationCall("destroy", keyId, null, null, null, null, null, null, approval));
        return Task.CompletedTask;
    }

    private void Record(KeyOperationCall call)
    {
        _calls.Enqueue(call);
        if (call.KeyId == FailingKeyId)
        {
            throw new ApiProblemException(503, "cluster-unavailable", "Too few nodes", "only 1 of 3 nodes is connected", field: "id", session: FailingSession);
        }

        if (call.KeyId == BuggyKeyId)
        {
            throw new InvalidOperationException(BugMessage);
        }
    }

    private static KeyInfo Key(string id, string name, string scheme, int threshold, int parties, long epoch) =>
        new(id, name, scheme, threshold, [.. Enumerable.Range(1, parties)], new string('d', 64), new string('e', 64), epoch, CreatedAt);
}
