namespace Arcanum.Storage.Ledger;

/// <summary>The rules for <see cref="ILedgerStore.TrySetMetaAsync"/> names and values, shared by every store.</summary>
public static class LedgerMeta
{
    /// <summary>The longest setting name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest setting value.</summary>
    public const int MaxValueLength = 4096;

    /// <summary>Throws <see cref="ArgumentException"/> for a name outside [a-z0-9_]{1,64} or a value over 4,096 characters.</summary>
    public static void Validate(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Length is 0 or > MaxNameLength || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException($"A setting name is 1–{MaxNameLength} characters of [a-z0-9_].", nameof(name));
        }

        if (value.Length > MaxValueLength)
        {
            throw new ArgumentException($"A setting value is at most {MaxValueLength} characters.", nameof(value));
        }
    }
}
