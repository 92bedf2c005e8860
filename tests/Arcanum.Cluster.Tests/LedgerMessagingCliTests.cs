using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arcanum.Cli.Accounts;
using Arcanum.Crypto.Curves;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Envelopes;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// Issue 8's messaging round trip through the <c>arcanum</c> CLI on a 3-node cluster: Alice → Bob, Carol cannot read
/// it (also at the envelope level, with Carol's own private key from her account file), Bob rotates his key, and both
/// the old and the new message still open — each with the key version its envelope names.
/// </summary>
[Collection(LedgerClusterCollection.Name)]
public sealed class LedgerMessagingCliTests(LedgerClusterFixture fixture) : IDisposable
{
    private const string Passphrase = "correct horse battery staple";

    private readonly string _home = Path.Combine(Path.GetTempPath(), "arcanum-cli-" + Guid.NewGuid().ToString("n"));

    private string AccountsDirectory => Path.Combine(_home, "accounts");

    [Fact]
    public async Task MsgSendRead_AliceToBob_CarolCannotRead_BobRotates_BothMessagesStillOpen()
    {
        var environment = ArcanumCli.Environment(fixture.Cluster);
        environment["ARCANUM_ACCOUNTS_DIR"] = AccountsDirectory;
        environment["ARCANUM_PASSPHRASE"] = Passphrase;
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await ArcanumCli.RunOkAsync(["account", "new", "--name", name], environment);
            await ArcanumCli.RunOkAsync(["keystore", "register", "--as", name], environment);
        }

        using var rng = RandomNumberGenerator.Create();
        var book = new AccountBook(AccountsDirectory, rng);
        using var alice = Unlock(book, "alice");
        using var bob = Unlock(book, "bob");
        using var carol = Unlock(book, "carol");

        await ArcanumCli.RunOkAsync(["msg", "send", "--as", "alice", "--to", "bob", "hello bob"], environment);
        Assert.Equal([("hello bob", alice.Id.ToBech32())], await ReadAsync("bob", environment));
        Assert.Empty(await ReadAsync("carol", environment));

        // The envelope on the ledger names Bob's key version 1; only Bob's key opens it, not Carol's.
        var first = await InboxEnvelopeAsync(bob.Id, 1);
        Assert.True(DirectEnvelope.TryDecode(first, out var firstEnvelope, out _));
        Assert.Equal(1u, firstEnvelope.KeyVersion);
        Assert.Equal("hello bob", Open(bob.FindEncryptionKey(1)!, first, bob.Id));
        Assert.Null(Open(carol.CurrentEncryptionKey.PrivateKey, first, bob.Id));
        Assert.Null(Open(carol.CurrentEncryptionKey.PrivateKey, first, carol.Id));

        await ArcanumCli.RunOkAsync(["keystore", "rotate", "--as", "bob"], environment);
        await ArcanumCli.RunOkAsync(["msg", "send", "--as", "alice", "--to", "bob", "after rotation"], environment);
        Assert.Equal([("hello bob", alice.Id.ToBech32()), ("after rotation", alice.Id.ToBech32())], await ReadAsync("bob", environment));

        // The new envelope names version 2: the rotated key opens it, the old one does not.
        using var rotated = Unlock(book, "bob");
        var second = await InboxEnvelopeAsync(bob.Id, 2);
        Assert.True(DirectEnvelope.TryDecode(second, out var secondEnvelope, out _));
        Assert.Equal(2u, secondEnvelope.KeyVersion);
        Assert.Equal("after rotation", Open(rotated.FindEncryptionKey(2)!, second, bob.Id));
        Assert.Null(Open(rotated.FindEncryptionKey(1)!, second, bob.Id));
        Assert.Null(Open(carol.CurrentEncryptionKey.PrivateKey, second, bob.Id));
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private static UnlockedAccount Unlock(AccountBook book, string name)
    {
        Assert.True(book.TryUnlock(name, Encoding.UTF8.GetBytes(Passphrase), out var account, out var error), error?.ToString());
        return account;
    }

    /// <summary><c>msg read --as NAME --json</c>: each message's text and sender; an unreadable one fails the test.</summary>
    private static async Task<List<(string Text, string Sender)>> ReadAsync(string name, Dictionary<string, string> environment)
    {
        var output = await ArcanumCli.RunOkAsync(["msg", "read", "--as", name, "--json"], environment);
        using var json = JsonDocument.Parse(output);
        var messages = new List<(string, string)>();
        foreach (var message in json.RootElement.GetProperty("messages").EnumerateArray())
        {
            Assert.True(message.TryGetProperty("text", out var text), $"{name} could not read a message: {message}");
            messages.Add((text.GetString()!, message.GetProperty("sender").GetString()!));
        }

        return messages;
    }

    /// <summary>The envelope of message <paramref name="sequence"/> in the inbox, from a verified answer.</summary>
    private async Task<byte[]> InboxEnvelopeAsync(AccountId account, ulong sequence)
    {
        var inbox = (await fixture.Cluster.Client.GetInboxAsync(account, verifyWith: fixture.Trust)).Value;
        return Convert.FromHexString(inbox.Messages.Single(m => m.Sequence == sequence).Envelope);
    }

    private string? Open(X25519PrivateKey key, byte[] envelope, AccountId recipient) =>
        DirectEnvelope.TryOpen(key, envelope, new EnvelopeContext(fixture.Status.ChainId, recipient.Bytes), out var opened, out _)
            ? Encoding.UTF8.GetString(opened.Plaintext)
            : null;
}
