using System.Text.Json;

namespace Arcanum.TestKit.Verifiers;

/// <summary>The answer of one <c>verify</c> request of <see cref="ChainVerifiers"/>: accepted, or rejected with the reason.</summary>
/// <param name="Ok">True when every check of the request passed.</param>
/// <param name="Reason">Why the request was rejected; null when <paramref name="Ok"/>.</param>
public sealed record VerifierVerdict(bool Ok, string? Reason)
{
    /// <summary>Reads <c>{"ok":true}</c> or <c>{"ok":false,"reason":"…"}</c>.</summary>
    public static VerifierVerdict FromJson(JsonElement answer) =>
        new(answer.GetProperty("ok").GetBoolean(), answer.TryGetProperty("reason", out var reason) ? reason.GetString() : null);

    /// <inheritdoc />
    public override string ToString() => Ok ? "ok" : $"rejected: {Reason}";
}
