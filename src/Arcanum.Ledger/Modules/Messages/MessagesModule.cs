using System.Globalization;
using System.Security.Cryptography;
using Arcanum.Crypto.Encoding;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;

namespace Arcanum.Ledger.Modules.Messages;

/// <summary>
/// End-to-end encrypted messages; the ledger stores opaque envelopes and never sees plaintext.
/// <c>send_message {target, envelope}</c>: a direct recipient must have registered keys (there is nothing to encrypt
/// to otherwise); for a group, the resource exists and the sender has access to it (<see cref="AccessState.CheckAccess"/>
/// at the block time). The envelope is stored with the sender, target, block height and time, under the next
/// sequence of the recipient or group. Event: <c>messages/message_sent {sender, recipient | group, sequence, envelopeHash}</c>
/// (SHA-256 of the envelope, hex).
/// </summary>
public sealed class MessagesModule : LedgerModule
{
    /// <summary>The module name.</summary>
    public const string ModuleName = "messages";

    /// <summary>The send call.</summary>
    public const string SendMessage = "send_message";

    public MessagesModule() => Register<SendMessageArgs>(SendMessage, SendMessageArgs.TryDecode, ExecuteSend);

    public override string Name => ModuleName;

    private static CallError? ExecuteSend(CallContext context, SendMessageArgs args)
    {
        var target = args.Target;
        if (target.Recipient is { } recipient && KeystoreState.CurrentKey(context.State, recipient) is null)
        {
            return new CallError(ErrorCodes.KeyNotRegistered, $"{recipient} has no keystore key to encrypt to.");
        }
        if (target.Group is { } group)
        {
            if (AccessState.Resource(context.State, group) is null)
            {
                return new CallError(ErrorCodes.ResourceNotFound, $"No resource {group}.");
            }
            if (!AccessState.CheckAccess(context.State, group, context.Sender, context.Block.TimeUnixMilliseconds))
            {
                return new CallError(ErrorCodes.AccessDenied, $"The sender holds no active access to {group}.");
            }
        }
        var sequence = checked(MessagesState.LastSequence(context.State, target) + 1);
        var message = new StoredMessage(context.Sender, target, sequence, context.Block.Height, context.Block.TimeUnixMilliseconds, args.Envelope);
        context.State.Set(MessagesState.MessageKey(target, sequence), message.Encode());
        StateKey.SetUInt64(context.State, MessagesState.CountKey(target), sequence);
        context.Emit(
            ModuleName,
            "message_sent",
            new EventAttribute("sender", context.Sender.ToBech32()),
            target.Recipient is not null ? new EventAttribute("recipient", target.Recipient.ToBech32()) : new EventAttribute("group", target.Group!.Value),
            new EventAttribute("sequence", sequence.ToString(CultureInfo.InvariantCulture)),
            new EventAttribute("envelopeHash", Hex.Encode(SHA256.HashData(args.Envelope))));
        return null;
    }
}
