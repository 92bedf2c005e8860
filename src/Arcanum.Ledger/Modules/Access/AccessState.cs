using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Modules.Access;

/// <summary>
/// The access module's state and queries. Keys (<c>{rid}</c> is the resource id's key segment: one length byte ‖ ASCII):
/// <list type="bullet">
/// <item><c>access/resource/{rid}</c> → <see cref="ResourceRecord"/></item>
/// <item><c>access/grant/{rid}{grantee 32}</c> → <see cref="GrantRecord"/></item>
/// <item><c>access/grantees/{rid}</c> → the grantees holding a stored grant (active or expired), 32 bytes each,
/// ascending; at most <see cref="MaxGrantees"/></item>
/// </list>
/// </summary>
public static class AccessState
{
    /// <summary>The most grantees a resource may have.</summary>
    public const int MaxGrantees = 1024;

    /// <summary>The key of a resource.</summary>
    public static byte[] ResourceKey(ResourceId resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        return StateKey.Of("access/resource/", resourceId.ToKeySegment());
    }

    /// <summary>The key of a grant.</summary>
    public static byte[] GrantKey(ResourceId resourceId, AccountId grantee)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        ArgumentNullException.ThrowIfNull(grantee);
        return StateKey.Of("access/grant/", resourceId.ToKeySegment(), grantee.Bytes.ToArray());
    }

    /// <summary>The key of a resource's grantee list.</summary>
    public static byte[] GranteesKey(ResourceId resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        return StateKey.Of("access/grantees/", resourceId.ToKeySegment());
    }

    /// <summary>The resource, or null if nobody registered it.</summary>
    public static ResourceRecord? Resource(IStateView state, ResourceId resourceId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.Get(ResourceKey(resourceId));
        return value is null ? null
            : ResourceRecord.TryDecode(value, out var record) ? record
            : throw new InvalidDataException($"State corrupt: resource {resourceId} does not decode.");
    }

    /// <summary>The stored grant of <paramref name="grantee"/> (possibly expired), or null.</summary>
    public static GrantRecord? Grant(IStateView state, ResourceId resourceId, AccountId grantee)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.Get(GrantKey(resourceId, grantee));
        return value is null ? null
            : GrantRecord.TryDecode(value, out var record) ? record
            : throw new InvalidDataException($"State corrupt: the grant of {grantee} on {resourceId} does not decode.");
    }

    /// <summary>Every account holding a stored grant on the resource (active or expired), ascending.</summary>
    public static IReadOnlyList<AccountId> Grantees(IStateView state, ResourceId resourceId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.Get(GranteesKey(resourceId)) ?? [];
        if (value.Length % AccountId.Length != 0)
        {
            throw new InvalidDataException($"State corrupt: the grantee list of {resourceId} is not a whole number of accounts.");
        }
        return [.. value.Chunk(AccountId.Length).Select(chunk => AccountId.FromBytes(chunk))];
    }

    /// <summary>
    /// Whether <paramref name="account"/> may use the resource at <paramref name="timeUnixMilliseconds"/>: it is the
    /// owner, or holds a grant that has not expired. False for an unknown resource. Other modules call this.
    /// </summary>
    public static bool CheckAccess(IStateView state, ResourceId resourceId, AccountId account, ulong timeUnixMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(account);
        var resource = Resource(state, resourceId);
        return resource is not null
            && (resource.Owner.Equals(account) || Grant(state, resourceId, account)?.IsActiveAt(timeUnixMilliseconds) == true);
    }

    /// <summary>Whether <paramref name="account"/> holds an active admin grant on the resource.</summary>
    public static bool IsActiveAdmin(IStateView state, ResourceId resourceId, AccountId account, ulong timeUnixMilliseconds) =>
        Grant(state, resourceId, account) is { Admin: true } grant && grant.IsActiveAt(timeUnixMilliseconds);

    internal static void SetGrantees(IStateView state, ResourceId resourceId, IReadOnlyCollection<AccountId> grantees) =>
        state.Set(GranteesKey(resourceId), grantees.Count == 0 ? null : [.. grantees.SelectMany(g => g.Bytes.ToArray())]);
}
