using System.Security.Cryptography;

namespace Arcanum.Ledger.Tests.State;

/// <summary>
/// The tree's definition, computed the slow way from the full set of pairs: no storage, no batching, no compression
/// tricks. A subtree with no keys is 32 zero bytes, with one key SHA-256(0x00 ‖ path ‖ SHA-256(value)), otherwise
/// SHA-256(0x01 ‖ left ‖ right), with path = SHA-256(key) read from its most significant bit.
/// </summary>
internal sealed class NaiveSparseMerkleModel
{
    private readonly SortedDictionary<string, byte[]> _pairs = new(StringComparer.Ordinal);

    public int Count => _pairs.Count;

    public IEnumerable<byte[]> Keys => _pairs.Keys.Select(Convert.FromHexString);

    public void Set(byte[] key, byte[]? value)
    {
        if (value is null)
        {
            _pairs.Remove(Convert.ToHexString(key));
        }
        else
        {
            _pairs[Convert.ToHexString(key)] = value.ToArray();
        }
    }

    public byte[]? Get(byte[] key) => _pairs.GetValueOrDefault(Convert.ToHexString(key));

    public NaiveSparseMerkleModel Clone()
    {
        var clone = new NaiveSparseMerkleModel();
        foreach (var (key, value) in _pairs)
        {
            clone._pairs[key] = value;
        }

        return clone;
    }

    public byte[] Root()
    {
        var leaves = _pairs
            .Select(pair =>
            {
                var path = SHA256.HashData(Convert.FromHexString(pair.Key));
                return (Path: path, Hash: SHA256.HashData([0x00, .. path, .. SHA256.HashData(pair.Value)]));
            })
            .ToList();
        return Subtree(leaves, 0);
    }

    private static byte[] Subtree(List<(byte[] Path, byte[] Hash)> leaves, int depth) => leaves.Count switch
    {
        0 => new byte[32],
        1 => leaves[0].Hash,
        _ => SHA256.HashData(
        [
            0x01,
            .. Subtree([.. leaves.Where(leaf => !BitSet(leaf.Path, depth))], depth + 1),
            .. Subtree([.. leaves.Where(leaf => BitSet(leaf.Path, depth))], depth + 1),
        ]),
    };

    private static bool BitSet(byte[] path, int index) => (path[index / 8] & (0x80 >> (index % 8))) != 0;
}
