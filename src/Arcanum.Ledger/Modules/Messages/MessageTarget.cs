using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Encoding;
using Arcanum.Ledger.Modules.Common;

namespace Arcanum.Ledger.Modules.Messages;

/// <summary>
/// Where a message goes: one account, or a group resource. Encoding: <c>0x00 ‖ account (32)</c> or
/// <c>0x01 ‖ str(resourceId)</c>. Exactly one of <see cref="Recipient"/> and <see cref="Group"/> is set.
/// </summary>
public sealed record MessageTarget
{
    private MessageTarget(AccountId? recipient, ResourceId? group)
    {
        Recipient = recipient;
        Group = group;
    }

    /// <summary>The recipient account, for a direct message.</summary>
    public AccountId? Recipient { get; }

    /// <summary>The group resource, for a group message.</summary>
    public ResourceId? Group { get; }

    /// <summary>A direct message to <paramref name="recipient"/>.</summary>
    public static MessageTarget ToAccount(AccountId recipient) => new(recipient ?? throw new ArgumentNullException(nameof(recipient)), null);

    /// <summary>A message to the members of <paramref name="group"/>.</summary>
    public static MessageTarget ToGroup(ResourceId group) => new(null, group ?? throw new ArgumentNullException(nameof(group)));

    /// <summary>Appends the encoding.</summary>
    public CanonicalWriter WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return Recipient is not null ? writer.WriteByte(0).WriteFixed(Recipient.Bytes) : writer.WriteByte(1).WriteResourceId(Group!);
    }

    /// <summary>Reads the encoding; false for an unknown tag or a bad value.</summary>
    public static bool TryRead(ref CanonicalReader reader, [NotNullWhen(true)] out MessageTarget? target)
    {
        target = null;
        if (!reader.TryReadByte(out var tag))
        {
            return false;
        }
        if (tag == 0 && reader.TryReadAccount(out var recipient))
        {
            target = ToAccount(recipient);
        }
        else if (tag == 1 && reader.TryReadResourceId(out var group))
        {
            target = ToGroup(group);
        }
        return target is not null;
    }
}
