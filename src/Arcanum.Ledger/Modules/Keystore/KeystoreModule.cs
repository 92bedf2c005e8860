using System.Globalization;
using Arcanum.Crypto.Encoding;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Common;

namespace Arcanum.Ledger.Modules.Keystore;

/// <summary>
/// Each account's public keys for end-to-end encryption. <c>register_key {encryptionKey, signingKey}</c> once per
/// account (version 1); <c>rotate_key {newEncryptionKey}</c> replaces the encryption key (version + 1, logged with the
/// block height), the signing key stays. Keys are checked for length only: an X25519 key is any 32 bytes
/// (RFC 7748 §5) and clients check what they encrypt to. Events: <c>keystore/key_registered {account, version}</c>,
/// <c>keystore/key_rotated {account, version}</c>.
/// </summary>
public sealed class KeystoreModule : LedgerModule
{
    /// <summary>The module name.</summary>
    public const string ModuleName = "keystore";

    /// <summary>The register call.</summary>
    public const string RegisterKey = "register_key";

    /// <summary>The rotate call.</summary>
    public const string RotateKey = "rotate_key";

    public KeystoreModule()
    {
        Register<RegisterKeyArgs>(RegisterKey, RegisterKeyArgs.TryDecode, ExecuteRegister);
        Register<RotateKeyArgs>(RotateKey, RotateKeyArgs.TryDecode, ExecuteRotate);
    }

    public override string Name => ModuleName;

    private static CallError? ExecuteRegister(CallContext context, RegisterKeyArgs args)
    {
        if (KeystoreState.CurrentKey(context.State, context.Sender) is not null)
        {
            return new CallError(ErrorCodes.KeyAlreadyRegistered, "The account registered its keys already; rotate instead.");
        }
        var record = new KeyRecord(1, args.EncryptionKey, args.SigningKey, context.Block.Height);
        KeystoreState.Write(context.State, context.Sender, record);
        Emit(context, "key_registered", record);
        return null;
    }

    private static CallError? ExecuteRotate(CallContext context, RotateKeyArgs args)
    {
        var current = KeystoreState.CurrentKey(context.State, context.Sender);
        if (current is null)
        {
            return new CallError(ErrorCodes.KeyNotRegistered, "The account has no keys to rotate; register first.");
        }
        if (current.EncryptionKey.AsSpan().SequenceEqual(args.NewEncryptionKey))
        {
            return new CallError(ErrorCodes.KeyUnchanged, "The new encryption key is the current one.");
        }
        var record = current with { Version = checked(current.Version + 1), EncryptionKey = args.NewEncryptionKey, Height = context.Block.Height };
        KeystoreState.Write(context.State, context.Sender, record);
        Emit(context, "key_rotated", record);
        return null;
    }

    private static void Emit(CallContext context, string name, KeyRecord record) =>
        context.Emit(
            ModuleName,
            name,
            new EventAttribute("account", context.Sender.ToBech32()),
            new EventAttribute("version", record.Version.ToString(CultureInfo.InvariantCulture)),
            new EventAttribute("encryptionKey", Hex.Encode(record.EncryptionKey)));
}
