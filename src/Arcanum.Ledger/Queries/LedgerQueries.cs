using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Queries;

/// <summary>
/// The module queries (CQRS read side): pure functions of a state view. The coordinator runs them over its latest
/// finalized state (through a <see cref="RecordingStateView"/> when a proof is asked for); a client runs the same
/// function over a <see cref="ProvenStateView"/> to get an answer it verified itself.
/// </summary>
public static class LedgerQueries
{
    /// <summary>The largest page of messages one query returns.</summary>
    public const int MaxMessages = 100;

    /// <summary>accounts: balance and next nonce.</summary>
    public static AccountView Account(IStateView state, AccountId account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AccountView(account.ToBech32(), AccountsState.Balance(state, account), AccountsState.NextNonce(state, account));
    }

    /// <summary>keystore: current keys and rotation history.</summary>
    public static KeystoreView Keystore(IStateView state, AccountId account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var current = KeystoreState.CurrentKey(state, account);
        if (current is null)
        {
            return new KeystoreView(account.ToBech32(), false, 0, null, null, null, []);
        }

        var history = KeystoreState.RotationHistory(state, account)
            .Select(r => new KeyRotationView(r.Version, Convert.ToHexStringLower(r.EncryptionKey), r.Height))
            .ToList();
        return new KeystoreView(account.ToBech32(), true, current.Version, Convert.ToHexStringLower(current.EncryptionKey),
            Convert.ToHexStringLower(current.SigningKey), current.Height, history);
    }

    /// <summary>access: the resource and its grantees.</summary>
    public static ResourceView Resource(IStateView state, ResourceId resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var record = AccessState.Resource(state, resource);
        if (record is null)
        {
            return new ResourceView(resource.Value, false, null, null, null, []);
        }

        var grantees = AccessState.Grantees(state, resource).Select(a => a.ToBech32()).ToList();
        return new ResourceView(resource.Value, true, record.Owner.ToBech32(), record.PrivacyLevel.ToString(), record.Height, grantees);
    }

    /// <summary>access: <see cref="AccessState.CheckAccess"/> at <paramref name="timeUnixMilliseconds"/>, with the grant if any.</summary>
    public static AccessCheckView CheckAccess(IStateView state, ResourceId resource, AccountId account, ulong timeUnixMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(account);
        var record = AccessState.Resource(state, resource);
        var grant = AccessState.Grant(state, resource, account);
        return new AccessCheckView(
            resource.Value,
            account.ToBech32(),
            timeUnixMilliseconds,
            AccessState.CheckAccess(state, resource, account, timeUnixMilliseconds),
            record is not null && record.Owner.Equals(account),
            grant is null ? null : new GrantView(grant.Admin, grant.ExpiryUnixMilliseconds, grant.GrantedBy.ToBech32(), grant.Height));
    }

    /// <summary>messages: envelopes to <paramref name="recipient"/> after <paramref name="afterSequence"/>, oldest first.</summary>
    public static MessagesView Inbox(IStateView state, AccountId recipient, ulong afterSequence, int limit)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var target = MessageTarget.ToAccount(recipient);
        return Messages(recipient.ToBech32(), MessagesState.LastSequence(state, target), MessagesState.ForRecipient(state, recipient, afterSequence, limit));
    }

    /// <summary>messages: envelopes to the group <paramref name="group"/> after <paramref name="afterSequence"/>, oldest first.</summary>
    public static MessagesView Group(IStateView state, ResourceId group, ulong afterSequence, int limit)
    {
        ArgumentNullException.ThrowIfNull(group);
        var target = MessageTarget.ToGroup(group);
        return Messages("group:" + group.Value, MessagesState.LastSequence(state, target), MessagesState.ForGroup(state, group, afterSequence, limit));
    }

    private static MessagesView Messages(string target, ulong last, IReadOnlyList<StoredMessage> page) =>
        new(target, last, page.Select(m => new MessageView(m.Sender.ToBech32(), m.Sequence, m.Height, m.TimeUnixMilliseconds, Convert.ToHexStringLower(m.Envelope))).ToList());
}
