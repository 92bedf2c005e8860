using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Encoding;

namespace Arcanum.Ledger.Transactions;

/// <summary>
/// A command signed by an account's Ed25519 key: <c>{chainId, sender, nonce, module, call, args, signature}</c>.
/// <para>
/// Signing bytes (what the signature covers), in the canonical form of <see cref="CanonicalWriter"/>:
/// <c>str("arcanum/ledger/tx/v1") ‖ str(chainId) ‖ sender (32) ‖ u64(nonce) ‖ str(module) ‖ str(call) ‖ bytes(args)</c>,
/// where str and bytes are a 4-byte big-endian length followed by the bytes. The signed form appends the 64-byte
/// signature; the transaction hash is SHA-256 of the signed form. <c>args</c> is the call's own canonical encoding
/// (see the modules), carried opaquely here and decoded by the executor.
/// </para>
/// </summary>
public sealed class Transaction
{
    /// <summary>The domain separator that starts the signing bytes.</summary>
    public const string Domain = "arcanum/ledger/tx/v1";

    /// <summary>The longest chain id, in characters (<c>[a-z0-9-]</c>).</summary>
    public const int MaxChainIdLength = 64;

    /// <summary>The longest module or call name, in characters (<c>[a-z_]</c>).</summary>
    public const int MaxNameLength = 32;

    /// <summary>The largest args encoding, in bytes.</summary>
    public const int MaxArgsLength = 96 * 1024;

    /// <summary>Length of the transaction hash.</summary>
    public const int HashLength = 32;

    private readonly byte[] _args;
    private readonly byte[] _signature;

    private Transaction(string chainId, AccountId sender, ulong nonce, string module, string call, byte[] args, byte[] signature)
    {
        ChainId = chainId;
        Sender = sender;
        Nonce = nonce;
        Module = module;
        Call = call;
        _args = args;
        _signature = signature;
    }

    /// <summary>The chain the transaction is meant for.</summary>
    public string ChainId { get; }

    /// <summary>The signing account.</summary>
    public AccountId Sender { get; }

    /// <summary>The sender's sequence number: it must equal the account's next nonce.</summary>
    public ulong Nonce { get; }

    /// <summary>The module called.</summary>
    public string Module { get; }

    /// <summary>The call within the module.</summary>
    public string Call { get; }

    /// <summary>The call's canonical arguments.</summary>
    public ReadOnlySpan<byte> Args => _args;

    /// <summary>The 64-byte Ed25519 signature over <see cref="SigningBytes()"/>.</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <summary>Builds and signs a transaction with <paramref name="key"/>, whose account is the sender.</summary>
    public static Transaction Sign(string chainId, Ed25519PrivateKey key, ulong nonce, string module, string call, ReadOnlySpan<byte> args)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sender = AccountId.FromPublicKey(key.PublicKey);
        var error = CheckFields(chainId, module, call, args.Length);
        if (error is not null)
        {
            throw new ArgumentException(error.ToString());
        }
        var signature = key.Sign(SigningBytes(chainId, sender, nonce, module, call, args));
        return new Transaction(chainId, sender, nonce, module, call, args.ToArray(), signature);
    }

    /// <summary>
    /// Assembles a transaction from its fields without verifying the signature (the executor does);
    /// false with the field at fault when a field breaks the rules of the type.
    /// </summary>
    public static bool TryCreate(
        string chainId,
        AccountId sender,
        ulong nonce,
        string module,
        string call,
        ReadOnlySpan<byte> args,
        ReadOnlySpan<byte> signature,
        [NotNullWhen(true)] out Transaction? transaction,
        [NotNullWhen(false)] out FieldError? error)
    {
        ArgumentNullException.ThrowIfNull(sender);
        transaction = null;
        error = CheckFields(chainId, module, call, args.Length);
        if (error is null && signature.Length != Ed25519PublicKey.SignatureLength)
        {
            error = new FieldError("signature", $"must be {Ed25519PublicKey.SignatureLength} bytes.");
        }
        if (error is not null)
        {
            return false;
        }
        transaction = new Transaction(chainId, sender, nonce, module, call, args.ToArray(), signature.ToArray());
        return true;
    }

    /// <summary>Decodes the signed form; strict (exact domain, every bound, no trailing bytes), never throws.</summary>
    public static bool TryDecodeSigned(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out Transaction? transaction, [NotNullWhen(false)] out FieldError? error)
    {
        transaction = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadString(Domain.Length, out var domain) || domain != Domain)
        {
            error = new FieldError("domain", $"must be \"{Domain}\".");
            return false;
        }
        if (!reader.TryReadString(MaxChainIdLength, out var chainId))
        {
            return Fail("chainId", "must be a length-prefixed string of at most 64 bytes.", out error);
        }
        if (!reader.TryReadFixed(AccountId.Length, out var senderBytes))
        {
            return Fail("sender", "must be 32 bytes.", out error);
        }
        if (!reader.TryReadUInt64(out var nonce))
        {
            return Fail("nonce", "must be 8 bytes.", out error);
        }
        if (!reader.TryReadString(MaxNameLength, out var module))
        {
            return Fail("module", "must be a length-prefixed string of at most 32 bytes.", out error);
        }
        if (!reader.TryReadString(MaxNameLength, out var call))
        {
            return Fail("call", "must be a length-prefixed string of at most 32 bytes.", out error);
        }
        if (!reader.TryReadBytes(MaxArgsLength, out var args))
        {
            return Fail("args", $"must be length-prefixed bytes of at most {MaxArgsLength}.", out error);
        }
        if (!reader.TryReadFixed(Ed25519PublicKey.SignatureLength, out var signature))
        {
            return Fail("signature", "must be 64 bytes.", out error);
        }
        if (!reader.IsAtEnd)
        {
            return Fail(string.Empty, "trailing bytes after the signature.", out error);
        }
        return TryCreate(chainId, AccountId.FromBytes(senderBytes), nonce, module, call, args, signature, out transaction, out error);
    }

    /// <summary>The bytes the signature covers (see the type).</summary>
    public byte[] SigningBytes() => SigningBytes(ChainId, Sender, Nonce, Module, Call, _args);

    /// <summary>The signing bytes followed by the signature: how blocks carry the transaction.</summary>
    public byte[] EncodeSigned() => SigningWriter(ChainId, Sender, Nonce, Module, Call, _args).WriteFixed(_signature).ToArray();

    /// <summary>SHA-256 of <see cref="EncodeSigned"/>.</summary>
    public byte[] Hash() => SHA256.HashData(EncodeSigned());

    /// <summary>True when the signature verifies under the sender's key (libsodium's strict rules).</summary>
    public bool VerifySignature() => Sender.ToPublicKey().Verify(SigningBytes(), _signature);

    private static byte[] SigningBytes(string chainId, AccountId sender, ulong nonce, string module, string call, ReadOnlySpan<byte> args) =>
        SigningWriter(chainId, sender, nonce, module, call, args).ToArray();

    private static CanonicalWriter SigningWriter(string chainId, AccountId sender, ulong nonce, string module, string call, ReadOnlySpan<byte> args) =>
        new CanonicalWriter()
            .WriteString(Domain)
            .WriteString(chainId)
            .WriteFixed(sender.Bytes)
            .WriteUInt64(nonce)
            .WriteString(module)
            .WriteString(call)
            .WriteBytes(args);

    /// <summary>True when <paramref name="chainId"/> is 1–64 characters from <c>[a-z0-9-]</c>.</summary>
    public static bool IsValidChainId(string? chainId) => IsName(chainId, MaxChainIdLength, allowDigitsAndDash: true);

    private static FieldError? CheckFields(string chainId, string module, string call, int argsLength)
    {
        if (!IsValidChainId(chainId))
        {
            return new FieldError("chainId", "must be 1–64 characters from [a-z0-9-].");
        }
        if (!IsName(module, MaxNameLength, allowDigitsAndDash: false))
        {
            return new FieldError("module", "must be 1–32 characters from [a-z_].");
        }
        if (!IsName(call, MaxNameLength, allowDigitsAndDash: false))
        {
            return new FieldError("call", "must be 1–32 characters from [a-z_].");
        }
        return argsLength > MaxArgsLength ? new FieldError("args", $"must be at most {MaxArgsLength} bytes.") : null;
    }

    private static bool IsName(string? text, int maxLength, bool allowDigitsAndDash)
    {
        if (text is null || text.Length == 0 || text.Length > maxLength)
        {
            return false;
        }
        foreach (var c in text)
        {
            var allowed = allowDigitsAndDash ? c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' : c is >= 'a' and <= 'z' or '_';
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }

    private static bool Fail(string field, string message, out FieldError error)
    {
        error = new FieldError(field, message);
        return false;
    }
}
