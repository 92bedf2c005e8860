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
    private (long Version, PolicyDocument Document)? _cached;

    public async Task<(long Version, PolicyDocument Document)?> ActiveAsync(CancellationToken cancellationToken)
    {
        var record = await store.GetActivePolicyAsync(cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (_cached is { } cached && cached.Version == record.Version)
        {
            return cached;
        }

        using var json = JsonDocument.Parse(record.Document);
        if (!PolicyDocument.TryParse(json.RootElement, out var document, out var errors))
        {
            throw new InvalidOperationException($"Stored policy version {record.Version} does not parse: {errors[0].Path}: {errors[0].Message}");
        }

        _cached = (record.Version, document!);
        return _cached;
    }
}
