using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Accounts;

namespace Arcanum.Cli.Accounts;

/// <summary>
/// Local account names: 1–64 characters of <c>a-z 0-9 . _ -</c>, and never something that reads as an
/// account id (<c>arc1…</c> or 64 hex digits), so that a recipient written as a name or as an id is never ambiguous.
/// The name is also the file name (<c>NAME.json</c>), which the character set keeps safe.
/// </summary>
internal static class AccountName
{
    public const int MaxLength = 64;

    public const string Rule = "1 to 64 characters of a-z 0-9 . _ - that do not form an account id";

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>True when <paramref name="name"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid([NotNullWhen(true)] string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && !name.AsSpan().ContainsAnyExcept(Allowed)
        && name is not ("." or "..")
        && !AccountId.TryParse(name, out _);
}
