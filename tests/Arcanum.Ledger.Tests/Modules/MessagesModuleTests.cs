using System.Security.Cryptography;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.Tests.Support;

namespace Arcanum.Ledger.Tests.Modules;

/// <summary>messages: direct and group envelopes, sequences, access checks, queries.</summary>
public sealed class MessagesModuleTests : IDisposable
{
    private static readonly ResourceId Group = ResourceId.Create("group:team");

    private readonly LedgerHarness _ledger = new(("alice", 1));

    public MessagesModuleTests()
    {
        foreach (var name in new[] { "alice", "bob" })
        {
            _ledger.Include(name, "keystore", "register_key", new RegisterKeyArgs(new byte[32], new byte[32]).Encode());
        }
        _ledger.Include("alice", "access", "register_resource", new RegisterResourceArgs(Group, PrivacyLevel.Confidential).Encode());
    }

    [Fact]
    public void SendMessage_ToRecipient_StoredWithSequenceHeightAndTime()
    {
        _ledger.Height = 4;
        var events = Send("alice", MessageTarget.ToAccount(_ledger.Id("bob")), [1, 2, 3]);
        _ledger.Height = 5;
        Send("carol", MessageTarget.ToAccount(_ledger.Id("bob")), [4]);

        var inbox = MessagesState.ForRecipient(_ledger.State, _ledger.Id("bob"), 0, 10);
        Assert.Equal([1UL, 2UL], inbox.Select(m => m.Sequence));
        Assert.Equal([_ledger.Id("alice"), _ledger.Id("carol")], inbox.Select(m => m.Sender));
        Assert.Equal([4UL, 5UL], inbox.Select(m => m.Height));
        Assert.All(inbox, m => Assert.Equal(_ledger.Time, m.TimeUnixMilliseconds));
        Assert.Equal([1, 2, 3], inbox[0].Envelope);
        var sent = Assert.Single(events);
        Assert.Equal("message_sent", sent.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([1, 2, 3])), sent.Attribute("envelopeHash"));
        Assert.Equal("1", sent.Attribute("sequence"));
    }

    [Fact]
    public void ForRecipient_AfterSequenceAndLimit_Pages()
    {
        for (byte i = 1; i <= 5; i++)
        {
            Send("alice", MessageTarget.ToAccount(_ledger.Id("bob")), [i]);
        }

        Assert.Equal([3UL, 4UL], MessagesState.ForRecipient(_ledger.State, _ledger.Id("bob"), 2, 2).Select(m => m.Sequence));
        Assert.Empty(MessagesState.ForRecipient(_ledger.State, _ledger.Id("bob"), 5, 10));
        Assert.Empty(MessagesState.ForRecipient(_ledger.State, _ledger.Id("alice"), 0, 10));
        Assert.Empty(MessagesState.ForRecipient(_ledger.State, _ledger.Id("bob"), ulong.MaxValue, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => MessagesState.ForRecipient(_ledger.State, _ledger.Id("bob"), 0, MessagesState.MaxPageSize + 1));
    }

    [Fact]
    public void SendMessage_RecipientWithoutKey_Rejected() =>
        RejectSend("alice", MessageTarget.ToAccount(_ledger.Id("carol")), ErrorCodes.KeyNotRegistered);

    [Fact]
    public void SendMessage_ToGroupAsOwnerAndGrantee_SequencedPerGroup()
    {
        _ledger.Include("alice", "access", "grant_access", new GrantAccessArgs(Group, _ledger.Id("bob"), null, Admin: false).Encode());

        Send("alice", MessageTarget.ToGroup(Group), [1]);
        var events = Send("bob", MessageTarget.ToGroup(Group), [2]);

        var messages = MessagesState.ForGroup(_ledger.State, Group, 0, 10);
        Assert.Equal([1UL, 2UL], messages.Select(m => m.Sequence));
        Assert.All(messages, m => Assert.Equal(Group, m.Target.Group));
        Assert.Equal(Group.Value, Assert.Single(events).Attribute("group"));
        Assert.Empty(MessagesState.ForRecipient(_ledger.State, _ledger.Id("bob"), 0, 10));
    }

    [Fact]
    public void SendMessage_ToGroupWithoutGrant_Rejected() =>
        RejectSend("bob", MessageTarget.ToGroup(Group), ErrorCodes.AccessDenied);

    [Fact]
    public void SendMessage_ToGroupWithExpiredGrant_Rejected()
    {
        _ledger.Include("alice", "access", "grant_access", new GrantAccessArgs(Group, _ledger.Id("bob"), _ledger.Time + 10, Admin: false).Encode());
        Send("bob", MessageTarget.ToGroup(Group), [1]);
        _ledger.Time += 10;

        RejectSend("bob", MessageTarget.ToGroup(Group), ErrorCodes.AccessDenied);
    }

    [Fact]
    public void SendMessage_ToGroupAfterRevoke_Rejected()
    {
        _ledger.Include("alice", "access", "grant_access", new GrantAccessArgs(Group, _ledger.Id("bob"), null, Admin: false).Encode());
        _ledger.Include("alice", "access", "revoke_access", new RevokeAccessArgs(Group, _ledger.Id("bob")).Encode());

        RejectSend("bob", MessageTarget.ToGroup(Group), ErrorCodes.AccessDenied);
    }

    [Fact]
    public void SendMessage_ToUnknownGroup_Rejected() =>
        RejectSend("alice", MessageTarget.ToGroup(ResourceId.Create("nope")), ErrorCodes.ResourceNotFound);

    [Fact]
    public void SendMessage_LargestEnvelope_IncludedAndOneMoreMalformed()
    {
        Send("alice", MessageTarget.ToAccount(_ledger.Id("bob")), new byte[SendMessageArgs.MaxEnvelopeLength]);

        _ledger.Reject("alice", "messages", "send_message", new SendMessageArgs(MessageTarget.ToAccount(_ledger.Id("bob")), new byte[SendMessageArgs.MaxEnvelopeLength + 1]).Encode(), ErrorCodes.MalformedArgs);
    }

    public void Dispose() => _ledger.Dispose();

    private IReadOnlyList<Arcanum.Ledger.Execution.LedgerEvent> Send(string sender, MessageTarget target, byte[] envelope) =>
        _ledger.Include(sender, "messages", "send_message", new SendMessageArgs(target, envelope).Encode());

    private void RejectSend(string sender, MessageTarget target, string reason) =>
        _ledger.Reject(sender, "messages", "send_message", new SendMessageArgs(target, [7]).Encode(), reason);
}
