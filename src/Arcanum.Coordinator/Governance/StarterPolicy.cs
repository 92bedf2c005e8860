using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Coordinator.Policy;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// The policy <c>arcanum dev</c> installs when the store has none: admin tokens may do every governed operation
/// (raw-digest signing included) on every key; every other token is denied until a rule allows it. Without any
/// policy, every governed operation is denied.
/// </summary>
public static class StarterPolicy
{
    public const string Json = """
        {
          "rules": [
            {
              "id": "admin-may-do-everything",
              "description": "Starter policy of arcanum dev: admin tokens may do everything; replace it with your own rules (docs/policy.md).",
              "operation": ["sign_raw", "sign_transaction", "sign_message", "key_create", "key_destroy", "reshare"],
              "keys": ["*"],
              "initiators": ["admin"],
              "action": "allow"
            }
          ]
        }
        """;

    /// <summary>Installs <see cref="Json"/> as version 1 when no policy is stored; the installed version, or null when one existed.</summary>
    public static async Task<long?> InstallIfNoneAsync(IGovernanceStore store, string createdBy, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        if (await store.GetActivePolicyAsync(cancellationToken) is not null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(Json);
        if (!PolicyDocument.TryParse(json.RootElement, out var document, out var errors))
        {
            throw new InvalidOperationException($"The starter policy does not parse: {errors[0].Path}: {errors[0].Message}");
        }

        var canonical = document!.Canonical();
        var record = new PolicyRecord(1, canonical, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical))), createdBy, time.GetUtcNow());
        return await store.InsertPolicyAsync(record, cancellationToken) ? 1 : null;
    }
}
