namespace Arcanum.Coordinator.Api;

/// <summary>
/// Every problem found in one request, by field, in the order found (CONVENTIONS 16). At most
/// <see cref="MaxReported"/> are kept, so a body of a thousand unknown properties cannot make the
/// answer larger than the question.
/// </summary>
internal sealed class FieldErrors
{
    public const int MaxReported = 16;

    private readonly List<(string Field, string Detail)> _errors = [];
    private int _omitted;

    public bool IsEmpty => _errors.Count == 0;

    public string? FirstField => _errors.Count == 0 ? null : _errors[0].Field;

    public void Add(string field, string detail)
    {
        if (_errors.Count < MaxReported)
        {
            _errors.Add((field, detail));
        }
        else
        {
            _omitted++;
        }
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Detail).ToArray(), StringComparer.Ordinal);

    /// <summary>"field: detail; field: detail".</summary>
    public string Summary() =>
        string.Join("; ", _errors.Select(e => $"{e.Field}: {e.Detail}")) + (_omitted == 0 ? "" : $"; and {_omitted} more");
}
