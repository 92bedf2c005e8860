using System.Buffers;

namespace Arcanum.Coordinator.Policy;

/// <summary>
/// Compares addresses and assets the way chains define them: a <c>0x</c>-prefixed hexadecimal value (an EVM
/// address or contract, EIP-55 mixed case being only a checksum) case-insensitively, anything else (base58,
/// bech32, denoms) exactly.
/// </summary>
public sealed class ChainValueComparer : IEqualityComparer<string>
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static ChainValueComparer Instance { get; } = new();

    private ChainValueComparer()
    {
    }

    public bool Equals(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        return IsHex(x) && IsHex(y) ? string.Equals(x, y, StringComparison.OrdinalIgnoreCase) : string.Equals(x, y, StringComparison.Ordinal);
    }

    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return IsHex(obj) ? StringComparer.OrdinalIgnoreCase.GetHashCode(obj) : StringComparer.Ordinal.GetHashCode(obj);
    }

    /// <summary>Whether <paramref name="value"/> is <c>0x</c> followed by at least one hexadecimal digit and nothing else.</summary>
    public static bool IsHex(string value) =>
        value.Length > 2 && value.StartsWith("0x", StringComparison.Ordinal) && !value.AsSpan(2).ContainsAnyExcept(HexDigits);
}
