namespace Arcanum.Mpc.Protocol;

/// <summary>The verdict of <see cref="IRound{TOutput}.VerifyMessage"/> on one incoming message.</summary>
public enum MessageVerdict
{
    /// <summary>Valid for this round; pass the check to <see cref="IRound{TOutput}.StoreMessage"/>.</summary>
    Accept,

    /// <summary>Not for this round (another session, a duplicate, a stranger): drop it, blame nobody.</summary>
    Ignore,

    /// <summary>The sender broke the protocol: abort and name <see cref="MessageCheck.Culprit"/>.</summary>
    Fault,
}

/// <summary>
/// The result of verifying one message. An accepted check carries the decoded content, so
/// <see cref="IRound{TOutput}.StoreMessage"/> only ever stores what verification produced.
/// </summary>
public sealed class MessageCheck
{
    private MessageCheck(MessageVerdict verdict, string reason, PartyId? culprit, ProtocolMessage? message, object? content, object? issuer)
    {
        Verdict = verdict;
        Reason = reason;
        Culprit = culprit;
        Message = message;
        Content = content;
        Issuer = issuer;
    }

    public MessageVerdict Verdict { get; }

    public string Reason { get; }

    public PartyId? Culprit { get; }

    /// <summary>The verified message (accepted checks only).</summary>
    public ProtocolMessage? Message { get; }

    /// <summary>The decoded, validated payload (accepted checks only).</summary>
    public object? Content { get; }

    /// <summary>The round that issued the check; a round stores only its own accepted checks.</summary>
    internal object? Issuer { get; }

    internal static MessageCheck Accept(object issuer, ProtocolMessage message, object content) =>
        new(MessageVerdict.Accept, "accepted", null, message, content, issuer);

    public static MessageCheck Ignore(string reason) => new(MessageVerdict.Ignore, reason, null, null, null, null);

    public static MessageCheck Fault(PartyId culprit, string reason) => new(MessageVerdict.Fault, reason, culprit, null, null, null);

    public override string ToString() => Culprit is { } c ? $"{Verdict}: {Reason} ({c})" : $"{Verdict}: {Reason}";
}
