namespace Arcanum.Storage;

/// <summary>
/// The coordinator's metadata: cluster members, keys' public data and sessions with their outcomes
/// (ARCHITECTURE §4). Never holds a share. Two implementations pass one conformance suite:
/// <c>SqliteCoordinatorStore</c> (default, WAL mode) and <c>PostgresCoordinatorStore</c>.
/// Every state transition is guarded (unique constraint or expected version), so a retried call
/// or a second coordinator cannot apply one twice.
/// </summary>
public interface ICoordinatorStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema (hand-written SQL migrations, applied in order, each once).</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a member or updates its name and public keys; keeps <see cref="NodeRecord.LastSeen"/>.</summary>
    Task UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken = default);

    /// <summary>Records that a node connected or sent a heartbeat. False for an unknown node id.</summary>
    Task<bool> TouchNodeAsync(int nodeId, DateTimeOffset seenAt, string version, CancellationToken cancellationToken = default);

    /// <summary>Every member, ascending by id.</summary>
    Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts a new key. Throws <see cref="StoreConflictException"/> when the id exists or a live key has the same name.</summary>
    Task InsertKeyAsync(KeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>The key (destroyed ones included), or null.</summary>
    Task<KeyRecord?> GetKeyAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Every key that is not destroyed, oldest first.</summary>
    Task<IReadOnlyList<KeyRecord>> ListKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a live key from <paramref name="expectedEpoch"/> to <paramref name="update"/>'s epoch
    /// (refresh, reshare). False, and nothing changed, when the key is destroyed or its epoch is not
    /// <paramref name="expectedEpoch"/>.
    /// </summary>
    Task<bool> AdvanceKeyEpochAsync(string keyId, long expectedEpoch, KeyEpochUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Tombstones a live key (its public data stays readable). False when unknown or already destroyed.</summary>
    Task<bool> DestroyKeyAsync(string keyId, DateTimeOffset destroyedAt, CancellationToken cancellationToken = default);

    /// <summary>Inserts a session in state <see cref="SessionStatus.Running"/>. Throws <see cref="StoreConflictException"/> when the id exists.</summary>
    Task InsertSessionAsync(SessionRecord session, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a running session. False, and nothing changed, when the session is unknown or already
    /// ended (states only move forward: running → completed | aborted | timed_out).
    /// </summary>
    Task<bool> EndSessionAsync(string sessionId, SessionOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>The session, or null.</summary>
    Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Sessions still running (for example after a coordinator restart), oldest first.</summary>
    Task<IReadOnlyList<SessionRecord>> ListRunningSessionsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A cluster member as the coordinator's configuration lists it. Public keys are raw 32-byte values.</summary>
public sealed record NodeRecord(int Id, string Name, byte[] IdentityKey, byte[] StaticKey, DateTimeOffset? LastSeen, string? Version);

/// <summary>
/// A key's public data. <see cref="Scheme"/> is the API name (frost-ed25519, frost-secp256k1,
/// frost-taproot, ecdsa-secp256k1); <see cref="VerificationShares"/> is the encoded
/// <c>arcanum.v1.KeyResult</c> the parties agreed on, which holds Y_i for every share holder.
/// </summary>
public sealed record KeyRecord(
    string Id,
    string Name,
    string Scheme,
    int Threshold,
    IReadOnlyList<int> Parties,
    byte[] PublicKey,
    byte[] ChainCode,
    long Epoch,
    byte[] VerificationShares,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DestroyedAt);

/// <summary>What a refresh or reshare changes.</summary>
public sealed record KeyEpochUpdate(long Epoch, int Threshold, IReadOnlyList<int> Parties, byte[] VerificationShares);

public enum SessionStatus
{
    Running,
    Completed,
    Aborted,
    TimedOut,
}

/// <summary>
/// One session. <see cref="Kind"/> is keygen, sign, refresh, reshare or destroy; <see cref="RetryOf"/>
/// names the session this one retries. <see cref="Result"/> is the JSON the API returns for a
/// completed session; <see cref="Culprits"/> (aborted) and <see cref="Missing"/> (timed out) are node ids.
/// </summary>
public sealed record SessionRecord(
    string Id,
    string Kind,
    string? KeyId,
    IReadOnlyList<int> Parties,
    SessionStatus Status,
    string? Reason,
    IReadOnlyList<int> Culprits,
    IReadOnlyList<int> Missing,
    string? Result,
    string? RetryOf,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt);

/// <summary>How a session ended.</summary>
public sealed record SessionOutcome(
    SessionStatus Status,
    string? Reason,
    IReadOnlyList<int> Culprits,
    IReadOnlyList<int> Missing,
    string? Result,
    DateTimeOffset EndedAt);

/// <summary>A write that would break a uniqueness rule (duplicate id or live key name).</summary>
public sealed class StoreConflictException(string message, Exception? inner = null) : Exception(message, inner);
