using System.Buffers;
using System.Globalization;
using System.Numerics;

namespace Arcanum.Coordinator.Policy;

/// <summary>The JSON spellings of a policy document's names, shared by the reader, the canonical writer and the evaluator's sentences.</summary>
internal static class PolicyText
{
    public const string AnyKey = "*";
    public const string PerKey = "key";
    public const string PerInitiator = "initiator";

    public static SearchValues<char> RuleIdCharacters { get; } =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    public static string ActionName(PolicyAction action) => action switch
    {
        PolicyAction.Allow => "allow",
        PolicyAction.Deny => "deny",
        PolicyAction.RequireApproval => "require_approval",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a policy action."),
    };

    public static bool TryParseAction(string text, out PolicyAction action)
    {
        foreach (var candidate in Enum.GetValues<PolicyAction>())
        {
            if (string.Equals(ActionName(candidate), text, StringComparison.Ordinal))
            {
                action = candidate;
                return true;
            }
        }

        action = default;
        return false;
    }

    public static string ScopeName(WindowScope scope) => scope == WindowScope.Initiator ? PerInitiator : PerKey;

    public static string Number(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A property name as an error path shows it: cut to <see cref="PolicyLimits.MaxQuotedNameLength"/> characters.</summary>
    public static string Quote(string name) =>
        name.Length <= PolicyLimits.MaxQuotedNameLength ? name : string.Concat(name.AsSpan(0, PolicyLimits.MaxQuotedNameLength), "…");
}
