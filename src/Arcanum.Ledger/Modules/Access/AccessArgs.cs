using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Encoding;
using Arcanum.Ledger.Modules.Common;

namespace Arcanum.Ledger.Modules.Access;

/// <summary><c>access.register_resource</c> args: <c>str(resourceId) ‖ privacyLevel (1)</c>.</summary>
public sealed record RegisterResourceArgs(ResourceId ResourceId, PrivacyLevel PrivacyLevel)
{
    /// <summary>The canonical encoding.</summary>
    public byte[] Encode() => new CanonicalWriter().WriteResourceId(ResourceId).WriteByte((byte)PrivacyLevel).ToArray();

    /// <summary>Decodes exactly one canonical encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out RegisterResourceArgs? args)
    {
        args = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadResourceId(out var id) || !reader.TryReadEnum<PrivacyLevel>(out var level) || !reader.IsAtEnd)
        {
            return false;
        }
        args = new RegisterResourceArgs(id, level);
        return true;
    }
}

/// <summary><c>access.grant_access</c> args: <c>str(resourceId) ‖ grantee (32) ‖ optional u64(expiry, Unix ms) ‖ bool(admin)</c>.</summary>
public sealed record GrantAccessArgs(ResourceId ResourceId, AccountId Grantee, ulong? ExpiryUnixMilliseconds, bool Admin)
{
    /// <summary>The canonical encoding.</summary>
    public byte[] Encode() =>
        new CanonicalWriter().WriteResourceId(ResourceId).WriteFixed(Grantee.Bytes).WriteOptionalUInt64(ExpiryUnixMilliseconds).WriteBool(Admin).ToArray();

    /// <summary>Decodes exactly one canonical encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out GrantAccessArgs? args)
    {
        args = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadResourceId(out var id) || !reader.TryReadAccount(out var grantee)
            || !reader.TryReadOptionalUInt64(out var expiry) || !reader.TryReadBool(out var admin) || !reader.IsAtEnd)
        {
            return false;
        }
        args = new GrantAccessArgs(id, grantee, expiry, admin);
        return true;
    }
}

/// <summary><c>access.revoke_access</c> args: <c>str(resourceId) ‖ grantee (32)</c>.</summary>
public sealed record RevokeAccessArgs(ResourceId ResourceId, AccountId Grantee)
{
    /// <summary>The canonical encoding.</summary>
    public byte[] Encode() => new CanonicalWriter().WriteResourceId(ResourceId).WriteFixed(Grantee.Bytes).ToArray();

    /// <summary>Decodes exactly one canonical encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out RevokeAccessArgs? args)
    {
        args = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadResourceId(out var id) || !reader.TryReadAccount(out var grantee) || !reader.IsAtEnd)
        {
            return false;
        }
        args = new RevokeAccessArgs(id, grantee);
        return true;
    }
}

/// <summary>
/// <c>access.batch_grant</c> args: <c>str(resourceId) ‖ u32(count) ‖ grantee (32)* ‖ optional u64(expiry, Unix ms)</c>,
/// 1 to <see cref="MaxGrantees"/> grantees in strictly ascending byte order (a set has one encoding). The grants are not admin.
/// </summary>
public sealed record BatchGrantArgs(ResourceId ResourceId, IReadOnlyList<AccountId> Grantees, ulong? ExpiryUnixMilliseconds)
{
    /// <summary>The most grantees in one batch.</summary>
    public const int MaxGrantees = 256;

    /// <summary>Builds the args with the grantees sorted, as the encoding requires.</summary>
    public static BatchGrantArgs Create(ResourceId resourceId, IEnumerable<AccountId> grantees, ulong? expiryUnixMilliseconds) =>
        new(resourceId, [.. grantees.Order()], expiryUnixMilliseconds);

    /// <summary>The canonical encoding.</summary>
    public byte[] Encode()
    {
        var writer = new CanonicalWriter().WriteResourceId(ResourceId).WriteUInt32((uint)Grantees.Count);
        foreach (var grantee in Grantees)
        {
            writer.WriteFixed(grantee.Bytes);
        }
        return writer.WriteOptionalUInt64(ExpiryUnixMilliseconds).ToArray();
    }

    /// <summary>Decodes exactly one canonical encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out BatchGrantArgs? args)
    {
        args = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadResourceId(out var id) || !reader.TryReadUInt32(out var count) || count is 0 or > MaxGrantees)
        {
            return false;
        }
        var grantees = new List<AccountId>((int)count);
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadAccount(out var grantee) || (i > 0 && grantees[i - 1].CompareTo(grantee) >= 0))
            {
                return false;
            }
            grantees.Add(grantee);
        }
        if (!reader.TryReadOptionalUInt64(out var expiry) || !reader.IsAtEnd)
        {
            return false;
        }
        args = new BatchGrantArgs(id, grantees, expiry);
        return true;
    }
}
