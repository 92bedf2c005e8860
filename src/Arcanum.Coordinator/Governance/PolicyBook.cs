using System.Text.Json;
using Arcanum.Coordinator.Policy;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// The active policy: the newest stored version, parsed once per version. No stored version means no
/// policy — and every governed operation is denied until one is installed (fail closed).
/// </summary>
internal sealed class PolicyBook(IGovernanceStore store)
{
    // One reference, swapped whole: concurrent requests read either the old or the new parsed version.
    private ParsedPolicy? _cached;

    public async Task<(long Version, PolicyDocument Document)?> ActiveAsync(CancellationToken cancellationToken)
    {
        var record = await store.GetActivePolicyAsync(cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (_cached is { } cached && cached.Version == record.Version)
        {
            return (cached.Version, cached.Document);
        }

        using var json = JsonDocument.Parse(record.Document);
        if (!PolicyDocument.TryParse(json.RootElement, out var document, out var errors))
        {
            throw new InvalidOperationException($"Stored policy version {record.Version} does not parse: {errors[0].Path}: {errors[0].Message}");
        }

        _cached = new ParsedPolicy(record.Version, document!);
        return (record.Version, document!);
    }

    private sealed record ParsedPolicy(long Version, PolicyDocument Document);
}
