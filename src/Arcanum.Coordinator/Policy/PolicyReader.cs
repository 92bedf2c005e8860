using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Arcanum.Coordinator.Policy;

/// <summary>
/// Reads a policy document strictly (docs/policy.md, "Rule reference"): every unknown or duplicate property,
/// wrong type, empty or duplicate list entry, unknown name and out-of-range number is reported with its JSON
/// path, all of them together (CONVENTIONS 16) up to <see cref="PolicyLimits.MaxErrors"/>. Never throws on input.
/// </summary>
internal sealed class PolicyReader
{
    private static readonly string[] DocumentProperties = ["rules"];
    private static readonly string[] RuleProperties =
        ["id", "description", "operation", "keys", "initiators", "chains", "assets", "destinations", "amount", "window", "action", "approval"];
    private static readonly string[] DestinationProperties = ["allow", "deny"];
    private static readonly string[] AmountProperties = ["max", "above"];
    private static readonly string[] WindowProperties = ["seconds", "maxSum", "maxCount", "per"];
    private static readonly string[] ApprovalProperties = ["approvers", "quorum", "expiresIn"];

    private readonly List<PolicyError> _errors = [];
    private int _errorCount;

    public IReadOnlyList<PolicyError> Errors => _errors;

    /// <summary>The rules of <paramref name="root"/>, or null when any error was found.</summary>
    public IReadOnlyList<PolicyRule>? ReadDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("$", "must be a JSON object {\"rules\": [...]}");
            return null;
        }

        var properties = ReadProperties(root, "", DocumentProperties);
        if (!properties.TryGetValue("rules", out var rulesElement))
        {
            Error("rules", "is required");
            return null;
        }

        if (rulesElement.ValueKind != JsonValueKind.Array)
        {
            Error("rules", "must be an array of rules");
            return null;
        }

        var count = rulesElement.GetArrayLength();
        if (count > PolicyLimits.MaxRules)
        {
            Error("rules", $"has {count} rules; at most {PolicyLimits.MaxRules} are allowed");
            return null;
        }

        var rules = new List<PolicyRule>(count);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in rulesElement.EnumerateArray())
        {
            var rule = ReadRule(element, $"rules[{index}]", index, ids);
            if (rule is not null)
            {
                rules.Add(rule);
            }

            index++;
        }

        return _errorCount == 0 ? rules : null;
    }

    private PolicyRule? ReadRule(JsonElement element, string path, int index, Dictionary<string, int> ids)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, "must be an object");
            return null;
        }

        var errorsBefore = _errorCount;
        var properties = ReadProperties(element, path, RuleProperties);

        var id = Required(properties, "id", path, ReadRuleId);
        if (id is not null && !ids.TryAdd(id, index))
        {
            Error(Join(path, "id"), $"duplicate rule id '{id}' (also rules[{ids[id]}])");
        }

        var description = Optional(properties, "description", path, ReadString);
        var operations = Optional(properties, "operation", path, ReadOperations);
        var keys = Optional(properties, "keys", path, ReadKeys);
        var initiators = Optional(properties, "initiators", path, ReadPrincipals);
        var chains = Optional(properties, "chains", path, (e, p) => ReadStringList(e, p, StringComparer.Ordinal));
        var assets = Optional(properties, "assets", path, (e, p) => ReadStringList(e, p, ChainValueComparer.Instance));
        var destinations = Optional(properties, "destinations", path, ReadDestinations);
        var amount = Optional(properties, "amount", path, ReadAmountCondition);
        var window = Optional(properties, "window", path, ReadWindow);
        var action = Required(properties, "action", path, ReadAction);
        var approval = Optional(properties, "approval", path, ReadApproval);

        if (action is PolicyAction.RequireApproval && !properties.ContainsKey("approval"))
        {
            Error(Join(path, "approval"), "is required when action is require_approval");
        }
        else if (action is PolicyAction.Allow or PolicyAction.Deny && properties.ContainsKey("approval"))
        {
            Error(Join(path, "approval"), "is only allowed when action is require_approval");
        }

        return _errorCount != errorsBefore || id is null || action is null
            ? null
            : new PolicyRule(id, description, operations, keys, initiators, chains, assets, destinations, amount, window, action.Value, approval);
    }

    private string? ReadRuleId(JsonElement element, string path)
    {
        var id = ReadString(element, path);
        if (id is null)
        {
            return null;
        }

        if (id.Length > PolicyLimits.MaxRuleIdLength || id.AsSpan().ContainsAnyExcept(PolicyText.RuleIdCharacters))
        {
            Error(path, $"must be 1 to {PolicyLimits.MaxRuleIdLength} characters of A-Z, a-z, 0-9, '.', '_' and '-'");
            return null;
        }

        return id;
    }

    private IReadOnlyList<string>? ReadOperations(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var single = ReadString(element, path);
            return single is not null && CheckOperation(single, path) ? [single] : null;
        }

        var list = ReadStringList(element, path, StringComparer.Ordinal);
        if (list is null)
        {
            return null;
        }

        var known = true;
        for (var i = 0; i < list.Count; i++)
        {
            known &= CheckOperation(list[i], $"{path}[{i}]");
        }

        return known ? list : null;
    }

    private bool CheckOperation(string operation, string path)
    {
        if (PolicyOperations.All.Contains(operation, StringComparer.Ordinal))
        {
            return true;
        }

        Error(path, $"unknown operation '{operation}'; operations are {string.Join(", ", PolicyOperations.All)}");
        return false;
    }

    private IReadOnlyList<string>? ReadKeys(JsonElement element, string path)
    {
        var keys = ReadStringList(element, path, StringComparer.Ordinal);
        if (keys is not null && keys.Count > 1 && keys.Contains(PolicyText.AnyKey, StringComparer.Ordinal))
        {
            Error(path, "'*' matches every key and must be the only entry");
            return null;
        }

        return keys;
    }

    /// <summary>
    /// Initiators and approvers: token names or role names. A value that spells a role in another case
    /// ("Signer") is refused as an unknown role, since a token can never be named after a role.
    /// </summary>
    private IReadOnlyList<string>? ReadPrincipals(JsonElement element, string path)
    {
        var list = ReadStringList(element, path, StringComparer.Ordinal);
        if (list is null)
        {
            return null;
        }

        var valid = true;
        for (var i = 0; i < list.Count; i++)
        {
            if (!PolicyRoles.IsRole(list[i]) && PolicyRoles.All.Contains(list[i], StringComparer.OrdinalIgnoreCase))
            {
                Error($"{path}[{i}]", $"unknown role '{list[i]}'; roles are {string.Join(", ", PolicyRoles.All)} (lower case)");
                valid = false;
            }
        }

        return valid ? list : null;
    }

    private DestinationCondition? ReadDestinations(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, "must be an object {\"allow\": [...]} or {\"deny\": [...]}");
            return null;
        }

        var properties = ReadProperties(element, path, DestinationProperties);
        var allow = Optional(properties, "allow", path, (e, p) => ReadStringList(e, p, ChainValueComparer.Instance));
        var deny = Optional(properties, "deny", path, (e, p) => ReadStringList(e, p, ChainValueComparer.Instance));
        var hasAllow = properties.ContainsKey("allow");
        var hasDeny = properties.ContainsKey("deny");
        if (hasAllow == hasDeny)
        {
            Error(path, hasAllow ? "must give allow or deny, not both" : "must give allow or deny");
            return null;
        }

        return allow is not null ? new DestinationCondition(DestinationMode.Allow, allow)
            : deny is not null ? new DestinationCondition(DestinationMode.Deny, deny)
            : null;
    }

    private AmountCondition? ReadAmountCondition(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, "must be an object {\"max\": \"…\", \"above\": \"…\"}");
            return null;
        }

        var properties = ReadProperties(element, path, AmountProperties);
        var max = Optional(properties, "max", path, ReadAmount);
        var above = Optional(properties, "above", path, ReadAmount);
        if (properties.Count == 0)
        {
            Error(path, "must give max, above or both");
            return null;
        }

        if (max is not null && above is not null && max <= above)
        {
            Error(Join(path, "max"), $"must be greater than above ({PolicyText.Number(above.Value)}), or no amount can match");
            return null;
        }

        return max is null && above is null ? null : new AmountCondition(max, above);
    }

    private WindowCondition? ReadWindow(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, "must be an object {\"seconds\", \"maxSum\", \"maxCount\", \"per\"}");
            return null;
        }

        var errorsBefore = _errorCount;
        var properties = ReadProperties(element, path, WindowProperties);
        var seconds = Required(properties, "seconds", path,
            (e, p) => ReadInteger(e, p, PolicyLimits.MinWindowSeconds, PolicyLimits.MaxWindowSeconds));
        var maxSum = Optional(properties, "maxSum", path, ReadAmount);
        var maxCount = Optional(properties, "maxCount", path, (e, p) => ReadInteger(e, p, 1, int.MaxValue));
        var per = Optional(properties, "per", path, ReadScope);
        if (!properties.ContainsKey("maxSum") && !properties.ContainsKey("maxCount"))
        {
            Error(path, "must give maxSum, maxCount or both");
        }

        return _errorCount != errorsBefore || seconds is null
            ? null
            : new WindowCondition(seconds.Value, maxSum, maxCount, per ?? WindowScope.Key);
    }

    private WindowScope? ReadScope(JsonElement element, string path)
    {
        switch (ReadString(element, path))
        {
            case null:
                return null;
            case PolicyText.PerKey:
                return WindowScope.Key;
            case PolicyText.PerInitiator:
                return WindowScope.Initiator;
            case var other:
                Error(path, $"unknown window scope '{other}'; use \"key\" or \"initiator\"");
                return null;
        }
    }

    private PolicyAction? ReadAction(JsonElement element, string path)
    {
        var text = ReadString(element, path);
        if (text is null)
        {
            return null;
        }

        if (PolicyText.TryParseAction(text, out var action))
        {
            return action;
        }

        Error(path, $"unknown action '{text}'; actions are allow, deny, require_approval");
        return null;
    }

    private ApprovalRequirement? ReadApproval(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, "must be an object {\"approvers\", \"quorum\", \"expiresIn\"}");
            return null;
        }

        var errorsBefore = _errorCount;
        var properties = ReadProperties(element, path, ApprovalProperties);
        var approvers = Required(properties, "approvers", path, ReadPrincipals);
        var quorum = Required(properties, "quorum", path, (e, p) => ReadInteger(e, p, 1, int.MaxValue));
        var expiresIn = Required(properties, "expiresIn", path,
            (e, p) => ReadInteger(e, p, PolicyLimits.MinExpiresInSeconds, PolicyLimits.MaxExpiresInSeconds));

        if (approvers is not null && quorum is not null && !approvers.Any(PolicyRoles.IsRole) && quorum > approvers.Count)
        {
            Error(Join(path, "quorum"), $"is {quorum} but only {approvers.Count} approvers are named");
        }

        return _errorCount != errorsBefore || approvers is null || quorum is null || expiresIn is null
            ? null
            : new ApprovalRequirement(approvers, quorum.Value, expiresIn.Value);
    }

    /// <summary>A non-empty list of distinct non-empty strings, at most <see cref="PolicyLimits.MaxListEntries"/>.</summary>
    private IReadOnlyList<string>? ReadStringList(JsonElement element, string path, IEqualityComparer<string> comparer)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Error(path, "must be an array of strings");
            return null;
        }

        var count = element.GetArrayLength();
        if (count == 0 || count > PolicyLimits.MaxListEntries)
        {
            Error(path, count == 0
                ? "must not be empty (leave the condition out to match everything)"
                : $"has {count} entries; at most {PolicyLimits.MaxListEntries} are allowed");
            return null;
        }

        var values = new List<string>(count);
        var seen = new Dictionary<string, int>(count, comparer);
        var valid = true;
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{index}]";
            var value = ReadString(item, itemPath);
            if (value is null)
            {
                valid = false;
            }
            else if (!seen.TryAdd(value, index))
            {
                Error(itemPath, $"duplicates entry {seen[value]}");
                valid = false;
            }
            else
            {
                values.Add(value);
            }

            index++;
        }

        return valid ? values : null;
    }

    private string? ReadString(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Error(path, "must be a string");
            return null;
        }

        // Each character takes at most six bytes escaped ("\uXXXX"), so an oversized raw value is refused undecoded.
        var rawLength = JsonMarshal.GetRawUtf8Value(element).Length - 2;
        var value = rawLength > PolicyLimits.MaxStringLength * 6 ? null : element.GetString();
        if (value is null || value.Length > PolicyLimits.MaxStringLength)
        {
            Error(path, $"must be at most {PolicyLimits.MaxStringLength} characters");
            return null;
        }

        if (value.Length == 0)
        {
            Error(path, "must not be empty");
            return null;
        }

        return value;
    }

    private int? ReadInteger(JsonElement element, string path, int min, int max)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) && value >= min && value <= max)
        {
            return (int)value;
        }

        Error(path, max == int.MaxValue ? $"must be a whole number from {min}" : $"must be a whole number from {min} to {max}");
        return null;
    }

    /// <summary>
    /// An amount in the chain's base unit, written as a JSON string of decimal digits (JSON numbers lose
    /// precision above 2^53 in many clients): no sign, no point, no leading zeros, at most 2^256 − 1.
    /// </summary>
    private BigInteger? ReadAmount(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Error(path, "must be a string of decimal digits in the chain's base unit, such as \"1000000\"");
            return null;
        }

        var text = ReadString(element, path);
        if (text is null)
        {
            return null;
        }

        string? problem = text switch
        {
            ['-', ..] => "must not be negative",
            _ when text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.OrdinalIgnoreCase) =>
                "must be a whole number of base units (no decimal point or exponent)",
            _ when text.AsSpan().ContainsAnyExceptInRange('0', '9') => "must be written with the digits 0-9 only",
            ['0', _, ..] => "must not have leading zeros",
            _ when text.Length > PolicyLimits.MaxAmountDigits => "must be at most 2^256 - 1",
            _ => null,
        };

        var amount = problem is null ? BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : BigInteger.Zero;
        if (problem is null && amount > PolicyLimits.MaxAmount)
        {
            problem = "must be at most 2^256 - 1";
        }

        if (problem is not null)
        {
            Error(path, problem);
            return null;
        }

        return amount;
    }

    /// <summary>
    /// The properties of <paramref name="element"/> that are in <paramref name="known"/>; reports unknown and
    /// duplicate properties. Only known names are kept, so the dictionary is bounded by the schema.
    /// </summary>
    private Dictionary<string, JsonElement> ReadProperties(JsonElement element, string path, string[] known)
    {
        var properties = new Dictionary<string, JsonElement>(known.Length, StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Error(Join(path, PolicyText.Quote(name)), $"unknown property; expected {string.Join(", ", known)}");
            }
            else if (!properties.TryAdd(name, property.Value))
            {
                Error(Join(path, name), "duplicate property");
            }
        }

        return properties;
    }

    private T? Required<T>(Dictionary<string, JsonElement> properties, string name, string path, Func<JsonElement, string, T?> read)
    {
        if (properties.TryGetValue(name, out var element))
        {
            return read(element, Join(path, name));
        }

        Error(Join(path, name), "is required");
        return default;
    }

    private static T? Optional<T>(Dictionary<string, JsonElement> properties, string name, string path, Func<JsonElement, string, T?> read) =>
        properties.TryGetValue(name, out var element) ? read(element, Join(path, name)) : default;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private void Error(string path, string message)
    {
        _errorCount++;
        if (_errors.Count < PolicyLimits.MaxErrors)
        {
            _errors.Add(new PolicyError(path, message));
        }
    }
}
