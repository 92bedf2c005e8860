using System.Numerics;

namespace Arcanum.Coordinator.Policy;

/// <summary>
/// The bounds a policy document must respect (docs/policy.md, "Limits"). They keep a document small enough to
/// evaluate on every request and keep the error list no larger than the document.
/// </summary>
public static class PolicyLimits
{
    public const int MaxRules = 1_000;
    public const int MaxErrors = 50;
    public const int MaxStringLength = 256;
    public const int MaxRuleIdLength = 64;

    /// <summary>Entries in any one list (keys, initiators, chains, assets, addresses, approvers).</summary>
    public const int MaxListEntries = 1_000;

    public const int MinExpiresInSeconds = 60;
    public const int MaxExpiresInSeconds = 2_592_000;
    public const int MinWindowSeconds = 1;
    public const int MaxWindowSeconds = 31_536_000;

    /// <summary>Unknown property names are quoted in error paths up to this many characters.</summary>
    public const int MaxQuotedNameLength = 64;

    /// <summary>The largest amount: 2^256 − 1, the widest base-unit amount any supported chain carries (EVM uint256).</summary>
    public static BigInteger MaxAmount { get; } = (BigInteger.One << 256) - 1;

    /// <summary>Decimal digits of <see cref="MaxAmount"/>; longer strings are refused before they are converted.</summary>
    public const int MaxAmountDigits = 78;
}
