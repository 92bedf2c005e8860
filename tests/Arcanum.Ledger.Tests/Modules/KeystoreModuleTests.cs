using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Tests.Support;

namespace Arcanum.Ledger.Tests.Modules;

/// <summary>keystore: register once, rotate with a versioned log, queries.</summary>
public sealed class KeystoreModuleTests : IDisposable
{
    private static readonly byte[] Encryption1 = Filled(1);
    private static readonly byte[] Encryption2 = Filled(2);
    private static readonly byte[] Encryption3 = Filled(3);
    private static readonly byte[] Signing = Filled(9);

    private readonly LedgerHarness _ledger = new(("alice", 1));

    [Fact]
    public void RegisterKey_First_StoresVersionOneAndEmits()
    {
        _ledger.Height = 5;
        var events = _ledger.Include("alice", "keystore", "register_key", new RegisterKeyArgs(Encryption1, Signing).Encode());

        var key = KeystoreState.CurrentKey(_ledger.State, _ledger.Id("alice"));
        Assert.NotNull(key);
        Assert.Equal((1u, 5UL), (key.Version, key.Height));
        Assert.Equal(Encryption1, key.EncryptionKey);
        Assert.Equal(Signing, key.SigningKey);
        var registered = Assert.Single(events);
        Assert.Equal("key_registered", registered.Name);
        Assert.Equal("1", registered.Attribute("version"));
    }

    [Fact]
    public void RegisterKey_Twice_Rejected()
    {
        _ledger.Include("alice", "keystore", "register_key", new RegisterKeyArgs(Encryption1, Signing).Encode());

        _ledger.Reject("alice", "keystore", "register_key", new RegisterKeyArgs(Encryption2, Signing).Encode(), ErrorCodes.KeyAlreadyRegistered);
    }

    [Fact]
    public void RotateKey_Twice_VersionsAndHistoryWithHeights()
    {
        _ledger.Height = 2;
        _ledger.Include("alice", "keystore", "register_key", new RegisterKeyArgs(Encryption1, Signing).Encode());
        _ledger.Height = 7;
        _ledger.Include("alice", "keystore", "rotate_key", new RotateKeyArgs(Encryption2).Encode());
        _ledger.Height = 11;
        var events = _ledger.Include("alice", "keystore", "rotate_key", new RotateKeyArgs(Encryption3).Encode());

        Assert.Equal(3u, KeystoreState.KeyVersion(_ledger.State, _ledger.Id("alice")));
        var current = KeystoreState.CurrentKey(_ledger.State, _ledger.Id("alice"))!;
        Assert.Equal(Encryption3, current.EncryptionKey);
        Assert.Equal(Signing, current.SigningKey);
        var history = KeystoreState.RotationHistory(_ledger.State, _ledger.Id("alice"));
        Assert.Equal([1u, 2u, 3u], history.Select(h => h.Version));
        Assert.Equal([2UL, 7UL, 11UL], history.Select(h => h.Height));
        Assert.Equal([Encryption1, Encryption2, Encryption3], history.Select(h => h.EncryptionKey));
        Assert.Equal("3", Assert.Single(events).Attribute("version"));
    }

    [Fact]
    public void RotateKey_Unregistered_Rejected() =>
        _ledger.Reject("alice", "keystore", "rotate_key", new RotateKeyArgs(Encryption2).Encode(), ErrorCodes.KeyNotRegistered);

    [Fact]
    public void RotateKey_SameKey_Rejected()
    {
        _ledger.Include("alice", "keystore", "register_key", new RegisterKeyArgs(Encryption1, Signing).Encode());

        _ledger.Reject("alice", "keystore", "rotate_key", new RotateKeyArgs(Encryption1).Encode(), ErrorCodes.KeyUnchanged);
    }

    [Fact]
    public void Queries_Unregistered_EmptyAnswers()
    {
        Assert.Null(KeystoreState.CurrentKey(_ledger.State, _ledger.Id("bob")));
        Assert.Equal(0u, KeystoreState.KeyVersion(_ledger.State, _ledger.Id("bob")));
        Assert.Empty(KeystoreState.RotationHistory(_ledger.State, _ledger.Id("bob")));
    }

    [Fact]
    public void CurrentKey_CorruptRecord_Throws()
    {
        _ledger.State.Set(KeystoreState.KeyRecordKey(_ledger.Id("alice")), [1, 2, 3]);

        Assert.Throws<InvalidDataException>(() => KeystoreState.CurrentKey(_ledger.State, _ledger.Id("alice")));
    }

    public void Dispose() => _ledger.Dispose();

    private static byte[] Filled(byte value) => Enumerable.Repeat(value, 32).ToArray();
}
