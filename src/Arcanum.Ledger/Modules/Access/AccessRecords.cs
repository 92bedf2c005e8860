using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Encoding;
using Arcanum.Ledger.Modules.Common;

namespace Arcanum.Ledger.Modules.Access;

/// <summary>A registered resource: <c>owner (32) ‖ privacyLevel (1) ‖ u64(height)</c>.</summary>
public sealed record ResourceRecord(AccountId Owner, PrivacyLevel PrivacyLevel, ulong Height)
{
    /// <summary>The stored encoding.</summary>
    public byte[] Encode() => new CanonicalWriter().WriteFixed(Owner.Bytes).WriteByte((byte)PrivacyLevel).WriteUInt64(Height).ToArray();

    /// <summary>Decodes the stored encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out ResourceRecord? record)
    {
        record = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadAccount(out var owner) || !reader.TryReadEnum<PrivacyLevel>(out var level) || !reader.TryReadUInt64(out var height) || !reader.IsAtEnd)
        {
            return false;
        }
        record = new ResourceRecord(owner, level, height);
        return true;
    }
}

/// <summary>
/// A grant: <c>bool(admin) ‖ optional u64(expiry, Unix ms) ‖ grantedBy (32) ‖ u64(height)</c>. A grant is active
/// while the block time is before its expiry (or always, without one); an expired grant counts as absent.
/// </summary>
public sealed record GrantRecord(bool Admin, ulong? ExpiryUnixMilliseconds, AccountId GrantedBy, ulong Height)
{
    /// <summary>True when the grant is in force at <paramref name="timeUnixMilliseconds"/>.</summary>
    public bool IsActiveAt(ulong timeUnixMilliseconds) => ExpiryUnixMilliseconds is not { } expiry || timeUnixMilliseconds < expiry;

    /// <summary>The stored encoding.</summary>
    public byte[] Encode() =>
        new CanonicalWriter().WriteBool(Admin).WriteOptionalUInt64(ExpiryUnixMilliseconds).WriteFixed(GrantedBy.Bytes).WriteUInt64(Height).ToArray();

    /// <summary>Decodes the stored encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out GrantRecord? record)
    {
        record = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadBool(out var admin) || !reader.TryReadOptionalUInt64(out var expiry)
            || !reader.TryReadAccount(out var by) || !reader.TryReadUInt64(out var height) || !reader.IsAtEnd)
        {
            return false;
        }
        record = new GrantRecord(admin, expiry, by, height);
        return true;
    }
}
