using System.Globalization;

namespace Arcanum.Mpc.Derivation;

/// <summary>
/// A path of non-hardened BIP32 indices, written "m/0/1/2" (BIP32 notation). Hardened steps
/// ("0'", "0h", or an index ≥ 2^31) are rejected: hardened derivation needs the parent private key,
/// which no party holds; wallets that must be isolated get separate DKG keys (ARCHITECTURE §3).
/// </summary>
public sealed class DerivationPath
{
    /// <summary>2^31: BIP32's first hardened index.</summary>
    public const uint HardenedOffset = 0x8000_0000;

    /// <summary>Bounds the work one path can cause (BIP32 depth is one byte).</summary>
    public const int MaxDepth = 255;

    private readonly uint[] _indices;

    private DerivationPath(uint[] indices) => _indices = indices;

    public static DerivationPath Master { get; } = new([]);

    public IReadOnlyList<uint> Indices => _indices;

    /// <summary>A path of the given indices; false (with the reason) when one is hardened or the path is too deep.</summary>
    public static bool TryCreate(IEnumerable<uint> indices, out DerivationPath? path, out string error)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var array = indices.ToArray();
        path = null;
        error = array.Length > MaxDepth
            ? $"a path has at most {MaxDepth} steps, not {array.Length}"
            : array.Select((index, step) => (index, step)).Where(e => e.index >= HardenedOffset).Select(e => HardenedError(e.step, $"{e.index}")).FirstOrDefault() ?? "";
        if (error.Length == 0)
        {
            path = new DerivationPath(array);
        }

        return path is not null;
    }

    /// <summary>Parses "m" or "m/i/j/…" with decimal indices below 2^31; false (with the reason) for anything else.</summary>
    public static bool TryParse(string text, out DerivationPath? path, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = null;
        var parts = text.Split('/');
        if (parts[0] != "m")
        {
            error = $"\"{text}\" does not start with \"m\"";
            return false;
        }

        var indices = new List<uint>();
        for (var step = 1; step < parts.Length; step++)
        {
            var part = parts[step];
            if (part.EndsWith('\'') || part.EndsWith('h') || part.EndsWith('H'))
            {
                error = HardenedError(step - 1, part);
                return false;
            }

            if (part.Length is 0 or > 10 || !part.All(char.IsAsciiDigit) || !uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                error = $"step {step} (\"{part}\") is not a decimal index";
                return false;
            }

            indices.Add(index);
        }

        return TryCreate(indices, out path, out error);
    }

    /// <summary>Throws for a hardened index (for the schemes, which callers reach through a checked path).</summary>
    internal static void EnsureNonHardened(uint index)
    {
        if (index >= HardenedOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(index), HardenedError(0, $"{index}"));
        }
    }

    public override string ToString() => string.Join('/', _indices.Select(i => i.ToString(CultureInfo.InvariantCulture)).Prepend("m"));

    private static string HardenedError(int step, string index) =>
        $"step {step + 1} ({index}) is a hardened index; threshold keys derive only non-hardened children (hardened derivation needs the whole private key, which no party holds — isolate wallets with separate DKG keys)";
}
