using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Arcanum.Cli.Accounts;
using Arcanum.Crypto;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Envelopes;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.Queries;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary>
/// <c>arcanum msg send|read</c>: end-to-end encrypted direct messages (issue 8, messages module; docs/messaging.md).
/// The sender's client seals a <see cref="DirectEnvelope"/> to the recipient's current keystore key, fetched and
/// verified against the committee key; the reader opens each envelope with its own key of the envelope's version.
/// </summary>
internal static class MessageCommand
{
    public static Command Create(ClientEnvironment environment)
    {
        var command = new Command("msg", "Send and read end-to-end encrypted messages through the ledger.");
        command.Subcommands.Add(Send(environment));
        command.Subcommands.Add(Read(environment));
        return command;
    }

    private static Command Send(ClientEnvironment environment)
    {
        var to = new Option<string>("--to") { Description = "The recipient: an account id (arc1… or hex) or a local account name.", Required = true };
        var text = new Argument<string>("text") { Description = $"The message (UTF-8, at most {DirectEnvelope.MaxPlaintextLength} bytes)." };
        var command = new Command("send", "Encrypt a message to the recipient's current keystore key and store it on the ledger (messages.send_message).") { to, text };
        var signing = SigningOptions.AddTo(command);
        ClientAction.Attach(command, environment, (invocation, cancellationToken) =>
        {
            var plaintext = Encoding.UTF8.GetBytes(invocation.ParseResult.GetRequiredValue(text));
            if (plaintext.Length > DirectEnvelope.MaxPlaintextLength)
            {
                throw new UsageException($"The message is {plaintext.Length} bytes; at most {DirectEnvelope.MaxPlaintextLength} fit in an envelope.");
            }

            using var rng = new SodiumRandomNumberGenerator();
            var recipient = LedgerSigning.ResolveAccount(LedgerSigning.OpenBook(invocation.Environment, rng), invocation.ParseResult.GetRequiredValue(to), "--to");
            return LedgerSigning.RunAsync(invocation, signing, async (context, token) =>
            {
                var session = context.Session;
                var keys = (await session.Client.GetKeystoreAsync(recipient, session.Trust, token).ConfigureAwait(false)).Value;
                var envelope = Seal(context.Account.SigningKey, recipient, keys, plaintext, session.ChainId, context.Random);
                return new LedgerCall(MessagesModule.ModuleName, MessagesModule.SendMessage, new SendMessageArgs(MessageTarget.ToAccount(recipient), envelope).Encode());
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>Seals <paramref name="plaintext"/> to the recipient's current key in <paramref name="keys"/> (its verified keystore entry).</summary>
    internal static byte[] Seal(Arcanum.Crypto.Signatures.Ed25519PrivateKey sender, AccountId recipient, KeystoreView keys, byte[] plaintext, string chainId, RandomNumberGenerator rng)
    {
        if (!keys.Registered || keys.EncryptionKey is null || !Hex.TryDecode(keys.EncryptionKey, out var keyBytes) || keyBytes.Length != X25519PublicKey.Length)
        {
            throw new CommandFailedException($"{recipient.ToBech32()} has no encryption key on the ledger yet (arcanum keystore register).");
        }

        if (!DirectEnvelope.TrySeal(sender, X25519PublicKey.FromBytes(keyBytes), keys.Version, plaintext, new EnvelopeContext(chainId, recipient.Bytes), rng,
                out var envelope, out var error))
        {
            throw new CommandFailedException($"The message cannot be sealed to {recipient.ToBech32()}'s key: {error}.");
        }

        return envelope;
    }

    private static Command Read(ClientEnvironment environment)
    {
        var self = new Option<string>("--as") { Description = $"The local account whose messages to read (its passphrase: ${PassphraseInput.Variable} or a prompt).", Required = true };
        var after = new Option<ulong>("--after") { Description = "Only messages with a sequence number above this (default 0: from the first)." };
        var limit = new Option<int>("--limit") { Description = $"At most this many messages (1–{LedgerQueries.MaxMessages}, default {LedgerQueries.MaxMessages}).", DefaultValueFactory = _ => LedgerQueries.MaxMessages };
        var key = LedgerTrust.CreateOption();
        var command = new Command("read", "Fetch the account's messages (verified against the committee key) and decrypt them; envelopes it cannot open are listed as unreadable.")
        {
            self, after, limit, key,
        };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var parse = invocation.ParseResult;
            var count = parse.GetValue(limit);
            if (count is < 1 or > LedgerQueries.MaxMessages)
            {
                throw new UsageException($"--limit must be 1–{LedgerQueries.MaxMessages}.");
            }

            var name = parse.GetRequiredValue(self);
            using var rng = new SodiumRandomNumberGenerator();
            var book = LedgerSigning.OpenBook(invocation.Environment, rng);
            var passphrase = PassphraseInput.Read(invocation.Environment, invocation.Output.Error, confirm: false);
            UnlockedAccount account;
            try
            {
                account = LedgerSigning.Unlock(book, name, passphrase);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(passphrase);
            }

            using (account)
            {
                var session = await LedgerSession.StartAsync(invocation, key, cancellationToken).ConfigureAwait(false);
                var answer = await session.Client.GetInboxAsync(account.Id, parse.GetValue(after), count, session.Trust, cancellationToken).ConfigureAwait(false);
                var inbox = new InboxJson(answer.Value.Target, answer.Height, answer.Value.LastSequence,
                    [.. answer.Value.Messages.Select(message => Open(account, session.ChainId, message))]);
                Write(invocation.Output, inbox);
                return ClientAction.Success;
            }
        });
        return command;
    }

    /// <summary>
    /// Opens one stored envelope with <paramref name="account"/>'s key of the envelope's version; the inner signature
    /// must verify and its signer must be the account that sent the transaction (someone re-sending another's
    /// envelope is not its author). Anything else is an unreadable message, not an error.
    /// </summary>
    internal static MessageJson Open(UnlockedAccount account, string chainId, MessageView message)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(message);
        MessageJson Unreadable(string reason) => new(message.Sequence, message.Height, message.Time, message.Sender, null, reason);

        if (!Hex.TryDecode(message.Envelope, out var bytes) || !DirectEnvelope.TryDecode(bytes, out var outer, out _))
        {
            return Unreadable("not a direct envelope");
        }

        if (account.FindEncryptionKey(outer.KeyVersion) is not { } key)
        {
            return Unreadable(string.Create(CultureInfo.InvariantCulture, $"sealed to key version {outer.KeyVersion}, which this account file does not hold"));
        }

        if (!DirectEnvelope.TryOpen(key, bytes, new EnvelopeContext(chainId, account.Id.Bytes), out var opened, out var openError))
        {
            return Unreadable(openError.ToString());
        }

        var signer = AccountId.FromBytes(opened.SenderAccount);
        if (signer.ToBech32() != message.Sender)
        {
            return Unreadable($"signed by {signer.ToBech32()} but sent by {message.Sender}");
        }

        return new MessageJson(message.Sequence, message.Height, message.Time, message.Sender, Encoding.UTF8.GetString(opened.Plaintext), null);
    }

    private static void Write(CommandOutput output, InboxJson inbox)
    {
        if (output.Json)
        {
            output.WriteJson(inbox, MessageJsonContext.Default.InboxJson);
            return;
        }

        if (inbox.Messages.Length == 0)
        {
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"No messages (height {inbox.Height})."));
            return;
        }

        foreach (var message in inbox.Messages)
        {
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#{message.Sequence}  height {message.Height}  from {message.Sender}"));
            output.Out.WriteLine(message.Text is null ? $"  (unreadable: {message.Unreadable})" : "  " + Printable(message.Text));
        }
    }

    /// <summary>The text with control characters (terminal escapes a sender could plant) replaced, line breaks indented.</summary>
    internal static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\n')
            {
                builder.Append("\n  ");
            }
            else
            {
                builder.Append(char.IsControl(c) ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }
}

/// <summary><c>msg read --json</c>: the verified page with each message decrypted or marked unreadable.</summary>
internal sealed record InboxJson(string Target, long Height, ulong LastSequence, MessageJson[] Messages);

/// <summary>One message: its text, or why it could not be read.</summary>
internal sealed record MessageJson(ulong Sequence, ulong Height, ulong Time, string Sender, string? Text, string? Unreadable);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InboxJson))]
internal sealed partial class MessageJsonContext : JsonSerializerContext;
