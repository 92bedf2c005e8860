using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Modules.Messages;

/// <summary>
/// The messages module's state and queries. Keys (<c>{rid}</c>: one length byte ‖ ASCII resource id):
/// <list type="bullet">
/// <item><c>messages/inbox_count/{account 32}</c> → u64 last sequence of the account's inbox</item>
/// <item><c>messages/inbox/{account 32}{u64 sequence}</c> → <see cref="StoredMessage"/></item>
/// <item><c>messages/group_count/{rid}</c> → u64 last sequence of the group</item>
/// <item><c>messages/group/{rid}{u64 sequence}</c> → <see cref="StoredMessage"/></item>
/// </list>
/// </summary>
public static class MessagesState
{
    /// <summary>The most messages one query returns.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The key of the last sequence of <paramref name="target"/>.</summary>
    public static byte[] CountKey(MessageTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Recipient is { } recipient
            ? StateKey.Of("messages/inbox_count/", recipient.Bytes.ToArray())
            : StateKey.Of("messages/group_count/", target.Group!.ToKeySegment());
    }

    /// <summary>The key of message <paramref name="sequence"/> of <paramref name="target"/>.</summary>
    public static byte[] MessageKey(MessageTarget target, ulong sequence)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Recipient is { } recipient
            ? StateKey.Of("messages/inbox/", recipient.Bytes.ToArray(), StateKey.UInt64(sequence))
            : StateKey.Of("messages/group/", target.Group!.ToKeySegment(), StateKey.UInt64(sequence));
    }

    /// <summary>The last sequence of <paramref name="target"/> (0: no messages yet).</summary>
    public static ulong LastSequence(IStateView state, MessageTarget target) => StateKey.GetUInt64(state, CountKey(target));

    /// <summary>Direct messages to <paramref name="recipient"/> with a sequence above <paramref name="afterSequence"/>, at most <paramref name="limit"/> (≤ 100), oldest first.</summary>
    public static IReadOnlyList<StoredMessage> ForRecipient(IStateView state, AccountId recipient, ulong afterSequence, int limit) =>
        Page(state, MessageTarget.ToAccount(recipient), afterSequence, limit);

    /// <summary>Messages to <paramref name="group"/> with a sequence above <paramref name="afterSequence"/>, at most <paramref name="limit"/> (≤ 100), oldest first.</summary>
    public static IReadOnlyList<StoredMessage> ForGroup(IStateView state, ResourceId group, ulong afterSequence, int limit) =>
        Page(state, MessageTarget.ToGroup(group), afterSequence, limit);

    private static List<StoredMessage> Page(IStateView state, MessageTarget target, ulong afterSequence, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var last = LastSequence(state, target);
        var page = new List<StoredMessage>();
        for (var sequence = afterSequence + 1; sequence <= last && sequence > afterSequence && page.Count < limit; sequence++)
        {
            var value = state.Get(MessageKey(target, sequence));
            page.Add(value is not null && StoredMessage.TryDecode(value, out var message)
                ? message
                : throw new InvalidDataException($"State corrupt: message {sequence} is missing or does not decode."));
        }
        return page;
    }
}
