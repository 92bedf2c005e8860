using Arcanum.Storage;

namespace Arcanum.Coordinator.Tests.TestDoubles;

/// <summary>An <see cref="ICoordinatorStore"/> in memory with the contract's uniqueness and state rules, for API tests.</summary>
internal sealed class InMemoryCoordinatorStore : ICoordinatorStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, NodeRecord> _nodes = [];
    private readonly List<KeyRecord> _keys = [];
    private readonly List<SessionRecord> _sessions = [];

    public Task MigrateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var lastSeen = _nodes.TryGetValue(node.Id, out var existing) ? existing.LastSeen : node.LastSeen;
            var version = existing?.Version ?? node.Version;
            _nodes[node.Id] = node with { LastSeen = lastSeen, Version = version };
        }

        return Task.CompletedTask;
    }

    public Task<bool> TouchNodeAsync(int nodeId, DateTimeOffset seenAt, string version, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(nodeId, out var node))
            {
                return Task.FromResult(false);
            }

            _nodes[nodeId] = node with { LastSeen = seenAt, Version = version };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<NodeRecord>>([.. _nodes.Values]);
        }
    }

    public Task InsertKeyAsync(KeyRecord key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_keys.Any(k => k.Id == key.Id || (k.DestroyedAt is null && k.Name == key.Name)))
            {
                throw new StoreConflictException($"key {key.Id} or live name {key.Name} exists");
            }

            _keys.Add(key);
        }

        return Task.CompletedTask;
    }

    public Task<KeyRecord?> GetKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.FirstOrDefault(k => k.Id == keyId));
        }
    }

    public Task<IReadOnlyList<KeyRecord>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<KeyRecord>>([.. _keys.Where(k => k.DestroyedAt is null)]);
        }
    }

    public Task<bool> AdvanceKeyEpochAsync(string keyId, long expectedEpoch, KeyEpochUpdate update, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _keys.FindIndex(k => k.Id == keyId && k.DestroyedAt is null && k.Epoch == expectedEpoch);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _keys[index] = _keys[index] with { Epoch = update.Epoch, Threshold = update.Threshold, Parties = update.Parties, VerificationShares = update.VerificationShares };
            return Task.FromResult(true);
        }
    }

    public Task<bool> DestroyKeyAsync(string keyId, DateTimeOffset destroyedAt, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _keys.FindIndex(k => k.Id == keyId && k.DestroyedAt is null);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _keys[index] = _keys[index] with { DestroyedAt = destroyedAt };
            return Task.FromResult(true);
        }
    }

    public Task InsertSessionAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_sessions.Any(s => s.Id == session.Id))
            {
                throw new StoreConflictException($"session {session.Id} exists");
            }

            _sessions.Add(session);
        }

        return Task.CompletedTask;
    }

    public Task<bool> EndSessionAsync(string sessionId, SessionOutcome outcome, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _sessions.FindIndex(s => s.Id == sessionId && s.Status == SessionStatus.Running);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _sessions[index] = _sessions[index] with
            {
                Status = outcome.Status,
                Reason = outcome.Reason,
                Culprits = outcome.Culprits,
                Missing = outcome.Missing,
                Result = outcome.Result,
                EndedAt = outcome.EndedAt,
            };
            return Task.FromResult(true);
        }
    }

    public Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_sessions.FirstOrDefault(s => s.Id == sessionId));
        }
    }

    public Task<IReadOnlyList<SessionRecord>> ListRunningSessionsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SessionRecord>>([.. _sessions.Where(s => s.Status == SessionStatus.Running)]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
