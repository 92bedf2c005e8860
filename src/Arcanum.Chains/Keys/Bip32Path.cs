using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Arcanum.Chains.Keys;

/// <summary>
/// A non-hardened BIP32 path such as <c>m/0/1</c>: the indices CKDpub applies in order. Hardened steps
/// (<c>0'</c>, <c>0h</c>) are refused with an explanation, as public derivation cannot produce them.
/// </summary>
public sealed class Bip32Path
{
    /// <summary>At most this many steps: BIP32 serializes depth in one byte.</summary>
    public const int MaxDepth = 255;

    private readonly uint[] _indices;

    private Bip32Path(uint[] indices) => _indices = indices;

    /// <summary>The empty path <c>m</c>.</summary>
    public static Bip32Path Master { get; } = new([]);

    /// <summary>The child indices, each below 2^31.</summary>
    public IReadOnlyList<uint> Indices => _indices;

    /// <summary>
    /// Parses <c>m</c> or <c>m/i/j/…</c> with decimal indices below 2^31 and no leading zeros. False with an
    /// error naming the step for anything else, including hardened steps; never throws.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Bip32Path? path, out string error)
    {
        path = null;
        if (text is null || (text != "m" && !text.StartsWith("m/", StringComparison.Ordinal)))
        {
            error = "A derivation path starts with \"m\", e.g. m/0/1.";
            return false;
        }

        if (text == "m")
        {
            path = Master;
            error = string.Empty;
            return true;
        }

        var steps = text[2..].Split('/');
        if (steps.Length > MaxDepth)
        {
            error = $"A derivation path has at most {MaxDepth} steps.";
            return false;
        }

        var indices = new uint[steps.Length];
        for (var s = 0; s < steps.Length; s++)
        {
            if (!TryParseStep(steps[s], s + 1, out indices[s], out error))
            {
                return false;
            }
        }

        path = new Bip32Path(indices);
        error = string.Empty;
        return true;
    }

    /// <summary>The path as text, <c>m/0/1</c>.</summary>
    public override string ToString() =>
        _indices.Length == 0 ? "m" : "m/" + string.Join('/', _indices.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static bool TryParseStep(string step, int position, out uint index, out string error)
    {
        index = 0;
        if (step.EndsWith('\'') || step.EndsWith('h') || step.EndsWith('H'))
        {
            error = $"Step {position} ({step}) is hardened: hardened children need the private key, which never exists whole; " +
                    "wallets are isolated by separate keys instead.";
            return false;
        }

        var canonical = step.Length is > 0 and <= 10 && step.All(char.IsAsciiDigit) && (step.Length == 1 || step[0] != '0');
        if (!canonical || !uint.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index >= ExtendedPublicKey.HardenedOffset)
        {
            error = $"Step {position} ({step}) is not a decimal index from 0 to 2147483647.";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
