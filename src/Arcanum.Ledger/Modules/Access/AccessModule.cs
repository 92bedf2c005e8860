using System.Globalization;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Common;

namespace Arcanum.Ledger.Modules.Access;

/// <summary>
/// Resources and who may use them.
/// <list type="bullet">
/// <item><c>register_resource {resourceId, privacyLevel}</c>: the id is free; the sender becomes the owner.</item>
/// <item><c>grant_access {resourceId, grantee, expiry?, admin}</c>: by the owner, or by a holder of an active admin
/// grant; an admin grant can be given, changed or revoked by the owner only (a delegate cannot create delegates or
/// demote its peers); the grantee is not the owner; an expiry is after the block time. A new grant for the same
/// grantee replaces the old one.</item>
/// <item><c>revoke_access {resourceId, grantee}</c>: the same authority; the grant exists (even if expired).</item>
/// <item><c>batch_grant {resourceId, grantees[], expiry?}</c>: non-admin grants to each grantee, same checks.</item>
/// </list>
/// Events: <c>access/resource_registered {resource, owner, privacyLevel}</c>,
/// <c>access/access_granted {resource, grantee, by, admin, expiry}</c> (one per grantee),
/// <c>access/access_revoked {resource, grantee, by}</c>.
/// </summary>
public sealed class AccessModule : LedgerModule
{
    /// <summary>The module name.</summary>
    public const string ModuleName = "access";

    /// <summary>The register call.</summary>
    public const string RegisterResource = "register_resource";

    /// <summary>The grant call.</summary>
    public const string GrantAccess = "grant_access";

    /// <summary>The revoke call.</summary>
    public const string RevokeAccess = "revoke_access";

    /// <summary>The batch grant call.</summary>
    public const string BatchGrant = "batch_grant";

    public AccessModule()
    {
        Register<RegisterResourceArgs>(RegisterResource, RegisterResourceArgs.TryDecode, ExecuteRegister);
        Register<GrantAccessArgs>(GrantAccess, GrantAccessArgs.TryDecode, (c, a) => ExecuteGrant(c, a.ResourceId, [a.Grantee], a.ExpiryUnixMilliseconds, a.Admin));
        Register<BatchGrantArgs>(BatchGrant, BatchGrantArgs.TryDecode, (c, a) => ExecuteGrant(c, a.ResourceId, a.Grantees, a.ExpiryUnixMilliseconds, admin: false));
        Register<RevokeAccessArgs>(RevokeAccess, RevokeAccessArgs.TryDecode, ExecuteRevoke);
    }

    public override string Name => ModuleName;

    private static CallError? ExecuteRegister(CallContext context, RegisterResourceArgs args)
    {
        if (AccessState.Resource(context.State, args.ResourceId) is not null)
        {
            return new CallError(ErrorCodes.ResourceExists, $"Resource {args.ResourceId} is registered already.");
        }
        context.State.Set(AccessState.ResourceKey(args.ResourceId), new ResourceRecord(context.Sender, args.PrivacyLevel, context.Block.Height).Encode());
        context.Emit(
            ModuleName,
            "resource_registered",
            new EventAttribute("resource", args.ResourceId.Value),
            new EventAttribute("owner", context.Sender.ToBech32()),
            new EventAttribute("privacyLevel", args.PrivacyLevel.ToString()));
        return null;
    }

    private static CallError? ExecuteGrant(CallContext context, ResourceId resourceId, IReadOnlyList<AccountId> grantees, ulong? expiry, bool admin)
    {
        var resource = AccessState.Resource(context.State, resourceId);
        if (resource is null)
        {
            return NotFound(resourceId);
        }
        if (expiry is { } e && e <= context.Block.TimeUnixMilliseconds)
        {
            return new CallError(ErrorCodes.ExpiryInPast, $"The expiry {e} is not after the block time {context.Block.TimeUnixMilliseconds}.");
        }
        var all = new SortedSet<AccountId>(AccessState.Grantees(context.State, resourceId));
        foreach (var grantee in grantees)
        {
            if (grantee.Equals(resource.Owner))
            {
                return new CallError(ErrorCodes.GranteeIsOwner, "The owner needs no grant on its own resource.");
            }
            var existing = AccessState.Grant(context.State, resourceId, grantee);
            var authority = Authorize(context, resourceId, resource, admin || existing?.Admin == true);
            if (authority is not null)
            {
                return authority;
            }
            all.Add(grantee);
            context.State.Set(AccessState.GrantKey(resourceId, grantee), new GrantRecord(admin, expiry, context.Sender, context.Block.Height).Encode());
            context.Emit(
                ModuleName,
                "access_granted",
                new EventAttribute("resource", resourceId.Value),
                new EventAttribute("grantee", grantee.ToBech32()),
                new EventAttribute("by", context.Sender.ToBech32()),
                new EventAttribute("admin", admin ? "true" : "false"),
                new EventAttribute("expiry", expiry?.ToString(CultureInfo.InvariantCulture) ?? "none"));
        }
        if (all.Count > AccessState.MaxGrantees)
        {
            return new CallError(ErrorCodes.TooManyGrantees, $"A resource has at most {AccessState.MaxGrantees} grantees.");
        }
        AccessState.SetGrantees(context.State, resourceId, all);
        return null;
    }

    private static CallError? ExecuteRevoke(CallContext context, RevokeAccessArgs args)
    {
        var resource = AccessState.Resource(context.State, args.ResourceId);
        if (resource is null)
        {
            return NotFound(args.ResourceId);
        }
        var existing = AccessState.Grant(context.State, args.ResourceId, args.Grantee);
        if (existing is null)
        {
            return new CallError(ErrorCodes.GrantNotFound, $"{args.Grantee} holds no grant on {args.ResourceId}.");
        }
        var authority = Authorize(context, args.ResourceId, resource, existing.Admin);
        if (authority is not null)
        {
            return authority;
        }
        context.State.Set(AccessState.GrantKey(args.ResourceId, args.Grantee), null);
        AccessState.SetGrantees(context.State, args.ResourceId, [.. AccessState.Grantees(context.State, args.ResourceId).Where(g => !g.Equals(args.Grantee))]);
        context.Emit(
            ModuleName,
            "access_revoked",
            new EventAttribute("resource", args.ResourceId.Value),
            new EventAttribute("grantee", args.Grantee.ToBech32()),
            new EventAttribute("by", context.Sender.ToBech32()));
        return null;
    }

    /// <summary>The owner may change any grant; an active admin may change non-admin grants only.</summary>
    private static CallError? Authorize(CallContext context, ResourceId resourceId, ResourceRecord resource, bool touchesAdminGrant)
    {
        if (resource.Owner.Equals(context.Sender))
        {
            return null;
        }
        if (touchesAdminGrant)
        {
            return new CallError(ErrorCodes.Unauthorized, "Only the owner may give, change or revoke an admin grant.");
        }
        return AccessState.IsActiveAdmin(context.State, resourceId, context.Sender, context.Block.TimeUnixMilliseconds)
            ? null
            : new CallError(ErrorCodes.Unauthorized, $"The sender is neither the owner of {resourceId} nor holds an active admin grant on it.");
    }

    private static CallError NotFound(ResourceId resourceId) => new(ErrorCodes.ResourceNotFound, $"No resource {resourceId}.");
}
