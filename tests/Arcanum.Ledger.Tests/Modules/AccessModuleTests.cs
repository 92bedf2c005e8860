using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Tests.Support;

namespace Arcanum.Ledger.Tests.Modules;

/// <summary>access: resources, grants, delegation, expiry, revocation, batch grants, the access check.</summary>
public sealed class AccessModuleTests : IDisposable
{
    private static readonly ResourceId Doc = ResourceId.Create("doc:1");

    private readonly LedgerHarness _ledger = new(("owner", 1));

    public AccessModuleTests() =>
        _ledger.Include("owner", "access", "register_resource", new RegisterResourceArgs(Doc, PrivacyLevel.Protected).Encode());

    private ulong Now => _ledger.Time;

    [Fact]
    public void RegisterResource_New_OwnerIsSender()
    {
        var resource = AccessState.Resource(_ledger.State, Doc)!;

        Assert.Equal(_ledger.Id("owner"), resource.Owner);
        Assert.Equal(PrivacyLevel.Protected, resource.PrivacyLevel);
        Assert.True(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id("owner"), Now));
        Assert.False(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id("bob"), Now));
    }

    [Fact]
    public void RegisterResource_Existing_Rejected() =>
        _ledger.Reject("bob", "access", "register_resource", new RegisterResourceArgs(Doc, PrivacyLevel.Public).Encode(), ErrorCodes.ResourceExists);

    [Fact]
    public void GrantAccess_ByOwner_GranteeHasAccessAndEventEmitted()
    {
        var events = Grant("owner", "bob");

        Assert.True(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id("bob"), Now));
        Assert.Equal([_ledger.Id("bob")], AccessState.Grantees(_ledger.State, Doc));
        var granted = Assert.Single(events);
        Assert.Equal(("access", "access_granted"), (granted.Module, granted.Name));
        Assert.Equal(_ledger.Id("owner").ToBech32(), granted.Attribute("by"));
    }

    [Fact]
    public void GrantAccess_ByStranger_Rejected() => RejectGrant("bob", "carol", ErrorCodes.Unauthorized);

    [Fact]
    public void GrantAccess_ByPlainGrantee_Rejected()
    {
        Grant("owner", "bob");

        RejectGrant("bob", "carol", ErrorCodes.Unauthorized);
    }

    [Fact]
    public void GrantAccess_ByAdminDelegate_Included()
    {
        Grant("owner", "bob", admin: true);

        Grant("bob", "carol");

        Assert.True(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id("carol"), Now));
        Assert.Equal(_ledger.Id("bob"), AccessState.Grant(_ledger.State, Doc, _ledger.Id("carol"))!.GrantedBy);
    }

    [Fact]
    public void GrantAccess_AdminByDelegate_Rejected()
    {
        Grant("owner", "bob", admin: true);

        RejectGrant("bob", "carol", ErrorCodes.Unauthorized, admin: true);
    }

    [Fact]
    public void GrantAccess_DelegateOverwritesAdminGrant_Rejected()
    {
        Grant("owner", "bob", admin: true);
        Grant("owner", "carol", admin: true);

        RejectGrant("bob", "carol", ErrorCodes.Unauthorized);
    }

    [Fact]
    public void GrantAccess_ByExpiredAdmin_Rejected()
    {
        Grant("owner", "bob", admin: true, expiry: Now + 1000);
        _ledger.Time += 1000;

        RejectGrant("bob", "carol", ErrorCodes.Unauthorized);
    }

    [Fact]
    public void GrantAccess_ToOwner_Rejected() => RejectGrant("owner", "owner", ErrorCodes.GranteeIsOwner);

    [Fact]
    public void GrantAccess_ExpiryNotAfterBlockTime_Rejected() => RejectGrant("owner", "bob", ErrorCodes.ExpiryInPast, expiry: Now);

    [Fact]
    public void GrantAccess_UnknownResource_Rejected() =>
        _ledger.Reject("owner", "access", "grant_access", new GrantAccessArgs(ResourceId.Create("nope"), _ledger.Id("bob"), null, Admin: false).Encode(), ErrorCodes.ResourceNotFound);

    [Fact]
    public void CheckAccess_ExpiredGrant_TreatedAsAbsent()
    {
        Grant("owner", "bob", expiry: Now + 500);

        Assert.True(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id("bob"), Now + 499));
        Assert.False(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id("bob"), Now + 500));
        Assert.False(AccessState.CheckAccess(_ledger.State, ResourceId.Create("other"), _ledger.Id("bob"), Now));
    }

    [Fact]
    public void GrantAccess_Regrant_ReplacesExpiry()
    {
        Grant("owner", "bob", expiry: Now + 500);
        Grant("owner", "bob");

        Assert.True(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id("bob"), Now + 10_000));
        Assert.Single(AccessState.Grantees(_ledger.State, Doc));
    }

    [Fact]
    public void RevokeAccess_ByOwner_RemovesGrantAndEmits()
    {
        Grant("owner", "bob");
        Grant("owner", "carol");

        var events = _ledger.Include("owner", "access", "revoke_access", new RevokeAccessArgs(Doc, _ledger.Id("bob")).Encode());

        Assert.False(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id("bob"), Now));
        Assert.Null(AccessState.Grant(_ledger.State, Doc, _ledger.Id("bob")));
        Assert.Equal([_ledger.Id("carol")], AccessState.Grantees(_ledger.State, Doc));
        Assert.Equal("access_revoked", Assert.Single(events).Name);
    }

    [Fact]
    public void RevokeAccess_LastGrantee_DeletesList()
    {
        Grant("owner", "bob");
        _ledger.Include("owner", "access", "revoke_access", new RevokeAccessArgs(Doc, _ledger.Id("bob")).Encode());

        Assert.Null(_ledger.State.Get(AccessState.GranteesKey(Doc)));
    }

    [Fact]
    public void RevokeAccess_ByDelegate_NonAdminIncludedAdminRejected()
    {
        Grant("owner", "bob", admin: true);
        Grant("owner", "carol", admin: true);
        Grant("owner", "dave");

        _ledger.Include("bob", "access", "revoke_access", new RevokeAccessArgs(Doc, _ledger.Id("dave")).Encode());
        _ledger.Reject("bob", "access", "revoke_access", new RevokeAccessArgs(Doc, _ledger.Id("carol")).Encode(), ErrorCodes.Unauthorized);
    }

    [Fact]
    public void RevokeAccess_ByStranger_Rejected()
    {
        Grant("owner", "bob");

        _ledger.Reject("carol", "access", "revoke_access", new RevokeAccessArgs(Doc, _ledger.Id("bob")).Encode(), ErrorCodes.Unauthorized);
    }

    [Fact]
    public void RevokeAccess_NoGrant_Rejected() =>
        _ledger.Reject("owner", "access", "revoke_access", new RevokeAccessArgs(Doc, _ledger.Id("bob")).Encode(), ErrorCodes.GrantNotFound);

    [Fact]
    public void BatchGrant_ByOwner_EveryGranteeAndOneEventEach()
    {
        string[] names = ["bob", "carol", "dave", "erin"];

        var events = _ledger.Include("owner", "access", "batch_grant", BatchGrantArgs.Create(Doc, names.Select(_ledger.Id), Now + 100).Encode());

        Assert.All(names, n => Assert.True(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id(n), Now)));
        Assert.All(names, n => Assert.False(AccessState.CheckAccess(_ledger.State, Doc, _ledger.Id(n), Now + 100)));
        Assert.Equal(4, events.Count);
        Assert.Equal(names.Select(_ledger.Id).Order(), AccessState.Grantees(_ledger.State, Doc));
    }

    [Fact]
    public void BatchGrant_IncludingOwner_RejectedWhole() =>
        _ledger.Reject("owner", "access", "batch_grant", BatchGrantArgs.Create(Doc, [_ledger.Id("bob"), _ledger.Id("owner")], null).Encode(), ErrorCodes.GranteeIsOwner);

    [Fact]
    public void BatchGrant_ByStranger_Rejected() =>
        _ledger.Reject("bob", "access", "batch_grant", BatchGrantArgs.Create(Doc, [_ledger.Id("carol")], null).Encode(), ErrorCodes.Unauthorized);

    [Fact]
    public void BatchGrant_OverGranteeLimit_Rejected()
    {
        for (var batch = 0; batch < AccessState.MaxGrantees / BatchGrantArgs.MaxGrantees; batch++)
        {
            _ledger.Include("owner", "access", "batch_grant", BatchGrantArgs.Create(Doc, Accounts(batch), null).Encode());
        }
        Assert.Equal(AccessState.MaxGrantees, AccessState.Grantees(_ledger.State, Doc).Count);

        _ledger.Reject("owner", "access", "batch_grant", BatchGrantArgs.Create(Doc, [_ledger.Id("bob")], null).Encode(), ErrorCodes.TooManyGrantees);
    }

    public void Dispose() => _ledger.Dispose();

    private static IEnumerable<Arcanum.Ledger.Accounts.AccountId> Accounts(int batch) =>
        Enumerable.Range(0, BatchGrantArgs.MaxGrantees).Select(i => Arcanum.Ledger.Accounts.AccountId.FromBytes([(byte)batch, (byte)i, .. new byte[30]]));

    private IReadOnlyList<Arcanum.Ledger.Execution.LedgerEvent> Grant(string by, string grantee, bool admin = false, ulong? expiry = null) =>
        _ledger.Include(by, "access", "grant_access", new GrantAccessArgs(Doc, _ledger.Id(grantee), expiry, admin).Encode());

    private void RejectGrant(string by, string grantee, string reason, bool admin = false, ulong? expiry = null) =>
        _ledger.Reject(by, "access", "grant_access", new GrantAccessArgs(Doc, _ledger.Id(grantee), expiry, admin).Encode(), reason);
}
