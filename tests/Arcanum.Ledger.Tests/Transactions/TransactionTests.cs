using System.Security.Cryptography;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Tests.Transactions;

/// <summary>Signing bytes, signed form, hash and signature of a transaction.</summary>
public sealed class TransactionTests
{
    // An independent computation (Python: struct-packed fields and the `cryptography` package's Ed25519) of the
    // transaction {arcanum-test, key from seed 00..1f, nonce 7, accounts.transfer {to: aa×32, amount 1000}}.
    private const string ExpectedPublicKey = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";
    private const string ExpectedSigningBytes =
        "00000014617263616e756d2f6c65646765722f74782f76310000000c617263616e756d2d7465737403a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
        + "0000000000000007000000086163636f756e7473000000087472616e7366657200000028aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa00000000000003e8";
    private const string ExpectedSignature =
        "0522ba97b0fa67b8c44149e5ee697e06cbf8c2722a57c5ca80fb2677285f1cb4f0149342f08506e5a8f3a67b6b85e35eae1f92e95f19a79d1ece7fdf1330d906";
    private const string ExpectedHash = "5bdb06a0d23a9b543b6209373b4c82796d1fe21c3b9af0255aff3adf0ec1936e";

    [Fact]
    public void Sign_KnownTransaction_MatchesIndependentComputation()
    {
        using var transaction = new KnownTransaction();
        var tx = transaction.Transaction;

        Assert.Equal(ExpectedPublicKey, tx.Sender.ToHex());
        Assert.Equal(ExpectedSigningBytes, Convert.ToHexStringLower(tx.SigningBytes()));
        Assert.Equal(ExpectedSignature, Convert.ToHexStringLower(tx.Signature));
        Assert.Equal(ExpectedHash, Convert.ToHexStringLower(tx.Hash()));
        Assert.Equal(ExpectedSigningBytes + ExpectedSignature, Convert.ToHexStringLower(tx.EncodeSigned()));
        Assert.True(tx.VerifySignature());
    }

    [Fact]
    public void TryDecodeSigned_EncodeSigned_RoundTrips()
    {
        using var transaction = new KnownTransaction();

        Assert.True(Transaction.TryDecodeSigned(transaction.Transaction.EncodeSigned(), out var decoded, out var error), error?.ToString());
        Assert.Equal(transaction.Transaction.EncodeSigned(), decoded.EncodeSigned());
        Assert.True(decoded.VerifySignature());
    }

    [Fact]
    public void TryDecodeSigned_EveryTruncation_ReturnsFalse()
    {
        using var transaction = new KnownTransaction();
        var encoded = transaction.Transaction.EncodeSigned();

        var accepted = Enumerable.Range(0, encoded.Length).Count(length => Transaction.TryDecodeSigned(encoded.AsSpan(0, length), out _, out _));

        Assert.Equal(0, accepted);
    }

    [Fact]
    public void TryDecodeSigned_TrailingByte_ReturnsFalse()
    {
        using var transaction = new KnownTransaction();

        Assert.False(Transaction.TryDecodeSigned([.. transaction.Transaction.EncodeSigned(), 0], out _, out var error));
        Assert.Equal(string.Empty, error.Field);
    }

    [Fact]
    public void TryDecodeSigned_OtherDomain_NamesDomain()
    {
        using var transaction = new KnownTransaction();
        var encoded = transaction.Transaction.EncodeSigned();
        encoded[4] = (byte)'A';

        Assert.False(Transaction.TryDecodeSigned(encoded, out _, out var error));
        Assert.Equal("domain", error.Field);
    }

    [Fact]
    public void VerifySignature_AnyFieldChanged_ReturnsFalse()
    {
        using var transaction = new KnownTransaction();
        var tx = transaction.Transaction;

        Transaction[] altered =
        [
            Rebuild(tx, chainId: "arcanum-other"),
            Rebuild(tx, nonce: 8),
            Rebuild(tx, module: "keystore"),
            Rebuild(tx, call: "transfers"),
            Rebuild(tx, args: [.. tx.Args.ToArray(), 0]),
            Rebuild(tx, sender: AccountId.FromPublicKey(transaction.Other.PublicKey)),
        ];

        Assert.All(altered, a => Assert.False(a.VerifySignature()));
        Assert.True(Rebuild(tx).VerifySignature());
    }

    public static TheoryData<string, string, string, int, string> BadFields => new()
    {
        { string.Empty, "accounts", "transfer", 0, "chainId" },
        { "Arcanum", "accounts", "transfer", 0, "chainId" },
        { new string('a', 65), "accounts", "transfer", 0, "chainId" },
        { "arcanum", "Accounts", "transfer", 0, "module" },
        { "arcanum", "acc0unts", "transfer", 0, "module" },
        { "arcanum", "accounts", string.Empty, 0, "call" },
        { "arcanum", "accounts", new string('a', 33), 0, "call" },
        { "arcanum", "accounts", "transfer", Transaction.MaxArgsLength + 1, "args" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void TryCreate_BadField_NamesIt(string chainId, string module, string call, int argsLength, string field)
    {
        Assert.False(Transaction.TryCreate(chainId, AccountId.FromBytes(new byte[32]), 0, module, call, new byte[argsLength], new byte[64], out _, out var error));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void TryCreate_ShortSignature_NamesSignature()
    {
        Assert.False(Transaction.TryCreate("arcanum", AccountId.FromBytes(new byte[32]), 0, "accounts", "transfer", [], new byte[63], out _, out var error));
        Assert.Equal("signature", error.Field);
    }

    private static Transaction Rebuild(Transaction tx, string? chainId = null, ulong? nonce = null, string? module = null, string? call = null, byte[]? args = null, AccountId? sender = null)
    {
        Assert.True(Transaction.TryCreate(chainId ?? tx.ChainId, sender ?? tx.Sender, nonce ?? tx.Nonce, module ?? tx.Module, call ?? tx.Call, args ?? tx.Args.ToArray(), tx.Signature, out var rebuilt, out var error), error?.ToString());
        return rebuilt;
    }

    /// <summary>The transaction of the independent computation, and a second key.</summary>
    private sealed class KnownTransaction : IDisposable
    {
        private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.FromSeed([.. Enumerable.Range(0, 32).Select(i => (byte)i)]);

        public KnownTransaction() =>
            Transaction = Transaction.Sign("arcanum-test", _key, 7, "accounts", "transfer", new TransferArgs(AccountId.FromBytes(Enumerable.Repeat((byte)0xaa, 32).ToArray()), 1000).Encode());

        public Transaction Transaction { get; }

        public Ed25519PrivateKey Other { get; } = Ed25519PrivateKey.FromSeed(SHA256.HashData("other"u8));

        public void Dispose()
        {
            _key.Dispose();
            Other.Dispose();
        }
    }
}
