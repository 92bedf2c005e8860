using System.Collections.Concurrent;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Sessions;

/// <summary>
/// The public keys signatures are checked against, by (key, epoch, path): decoding and validating the
/// stored key data and deriving the child costs more than the signature check itself. A key's data
/// never changes within an epoch (the store guards epoch moves), so entries never go stale.
/// </summary>
internal sealed class DerivedKeyCache
{
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<(string KeyId, long Epoch, string Path), byte[]?> _keys = new();

    /// <summary><see cref="SchemeVerifier.DerivedPublicKey"/>, remembered.</summary>
    public byte[]? PublicKey(KeyRecord key, IReadOnlyList<uint> path)
    {
        var id = (key.Id, key.Epoch, string.Join('/', path));
        if (_keys.TryGetValue(id, out var publicKey))
        {
            return publicKey;
        }

        if (_keys.Count >= MaxEntries)
        {
            _keys.Clear();
        }

        return _keys[id] = SchemeVerifier.DerivedPublicKey(key, path);
    }
}
