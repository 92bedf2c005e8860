using System.Collections.Concurrent;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// An <see cref="INonceLedger"/> in process memory: enough for tests and a single process, not
/// durable (a restart forgets every id, so production nodes back the ledger with storage).
/// </summary>
public sealed class InMemoryNonceLedger : INonceLedger
{
    private readonly ConcurrentDictionary<NonceId, byte> _consumed = new();

    public int Count => _consumed.Count;

    public bool TryConsume(NonceId id) => _consumed.TryAdd(id, 0);

    public bool IsConsumed(NonceId id) => _consumed.ContainsKey(id);
}
