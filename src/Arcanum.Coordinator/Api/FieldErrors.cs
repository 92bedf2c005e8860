namespace Arcanum.Coordinator.Api;

/// <summary>Every problem found in one request, by field, in the order found (CONVENTIONS 16).</summary>
internal sealed class FieldErrors
{
    private readonly List<(string Field, string Detail)> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public string? FirstField => _errors.Count == 0 ? null : _errors[0].Field;

    public void Add(string field, string detail) => _errors.Add((field, detail));

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Detail).ToArray(), StringComparer.Ordinal);

    /// <summary>"field: detail; field: detail".</summary>
    public string Summary() => string.Join("; ", _errors.Select(e => $"{e.Field}: {e.Detail}"));
}
