using System.Buffers.Binary;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Modules.Common;

/// <summary>
/// State keys: an ASCII prefix naming the module and the table (<c>accounts/balance/</c>), then binary segments
/// (32-byte account ids, length-prefixed resource ids, 8-byte big-endian sequence numbers). Keys are stable: proofs
/// are made over them. Values that must be 8-byte integers are checked when read; anything else is corruption.
/// </summary>
public static class StateKey
{
    /// <summary>The key <paramref name="prefix"/> ‖ segments.</summary>
    public static byte[] Of(string prefix, params ReadOnlySpan<byte[]> segments)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var key = new List<byte>(System.Text.Encoding.ASCII.GetBytes(prefix));
        foreach (var segment in segments)
        {
            key.AddRange(segment);
        }
        return [.. key];
    }

    /// <summary>An 8-byte big-endian segment.</summary>
    public static byte[] UInt64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>The 8-byte big-endian integer under <paramref name="key"/>, 0 when absent.</summary>
    public static ulong GetUInt64(IStateView state, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.Get(key);
        return value switch
        {
            null => 0,
            { Length: 8 } => BinaryPrimitives.ReadUInt64BigEndian(value),
            _ => throw new InvalidDataException($"State corrupt: the value under {Convert.ToHexStringLower(key)} is not 8 bytes."),
        };
    }

    /// <summary>Stores an 8-byte big-endian integer; 0 deletes the key (absent reads as 0).</summary>
    public static void SetUInt64(IStateView state, byte[] key, ulong value)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Set(key, value == 0 ? null : UInt64(value));
    }
}
