namespace Arcanum.Node.Vault;

/// <summary>
/// Key ids as they may appear in a file name: 1–64 characters of [A-Za-z0-9_-]. Checked before an
/// id touches a path, so no id can name a file outside the vault or collide with its own files.
/// </summary>
public static class KeyIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? keyId) =>
        keyId is { Length: >= 1 and <= MaxLength } && keyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when <paramref name="keyId"/> is not valid.</summary>
    public static void Validate(string? keyId)
    {
        if (!IsValid(keyId))
        {
            throw new ArgumentException($"A key id is 1–{MaxLength} characters of A–Z, a–z, 0–9, '_' and '-'.", nameof(keyId));
        }
    }
}
