using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Arcanum.Chains.Solana;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Chains.Tests.Solana;

/// <summary>SolanaSigning.Summarize: System Program transfers, SPL TransferChecked, Compute Budget, and everything it does not understand.</summary>
public sealed class SolanaSummaryTests : IDisposable
{
    // Account positions in the messages built by Summarize(...) below; 0 is our key.
    private const byte Recipient = 1, Recipient2 = 2, Mint = 3, SourceToken = 4, DestinationToken = 5, Other = 6;
    private const byte SystemProgram = 7, ComputeBudget = 8, Token = 9, Token2022 = 10, Memo = 11, Mint2 = 12, Derived = 13;

    private static readonly byte[][] Programs =
    [
        new byte[32], Id("ComputeBudget111111111111111111111111111111"), Id("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"),
        Id("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"), Id("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr"),
    ];

    private readonly Ed25519PrivateKey _key = SolanaFixtures.Key(9);

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Summarize_LegacyFixtureTransfer_NativeToRecipient()
    {
        var summary = Signing(SolanaFixtures.Legacy(_key.PublicKey.Bytes.ToArray()), _key.PublicKey).Summarize();
        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.Equal([Base58.Encode(SolanaFixtures.Filled(0x22))], summary.Destinations);
        Assert.Equal(new BigInteger(1_000_000), summary.Amount);
    }

    [Fact]
    public void Summarize_V0FixtureAsSecondSigner_TransferByPayerToTableAccountAndOpaqueData_Unknown()
    {
        using var payer = SolanaFixtures.Key(1);
        var summary = Signing(SolanaFixtures.Versioned(payer.PublicKey.Bytes.ToArray(), _key.PublicKey.Bytes.ToArray()), _key.PublicKey).Summarize();
        Assert.Equal((null, 0, null), (summary.Asset, summary.Destinations.Count, summary.Amount));
    }

    [Theory]
    [InlineData("legacy")]
    [InlineData("v0")]
    public async Task Summarize_TransferBuiltInNode_NativeLamportsToOneRecipient(string version)
    {
        var built = await ChainVerifiers.RunAsync([new { op = "build", family = "solana", feePayer = SolanaAddress.Encode(_key.PublicKey.Bytes), version }]);
        var request = new SolanaSignRequest(built[0].GetProperty("serialized").GetString());
        Assert.True(SolanaSigning.TryCreate(request, _key.PublicKey, out var signing, out var error), error);

        var summary = signing.Summarize();

        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.Equal([SolanaAddress.Encode(signing.Transaction.Message.AccountKeys[1].Span)], summary.Destinations);
        Assert.True(summary.Amount > 0);
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(signing.Transaction.Message.Instructions[0].Data.Span[4..]), summary.Amount);
    }

    [Fact]
    public void Summarize_ComputeBudgetTransferAndTransferWithSeed_SumsBothRecipients()
    {
        var summary = Summarize(
            Instruction(ComputeBudget, [], [2, 0x40, 0x0d, 0x03, 0x00]),
            Instruction(SystemProgram, [0, Recipient], SolanaFixtures.TransferData(5)),
            Instruction(SystemProgram, [Derived, 0, Recipient2], TransferWithSeedData(7, "vault")));
        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.Equal([Address(Recipient), Address(Recipient2)], summary.Destinations);
        Assert.Equal(new BigInteger(12), summary.Amount);
    }

    [Fact]
    public void Summarize_OnlyComputeBudget_NativeNothingMoves()
    {
        var summary = Summarize(Instruction(ComputeBudget, [], [3, 1, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Equal((TransactionSummary.NativeAsset, 0, (BigInteger?)BigInteger.Zero), (summary.Asset, summary.Destinations.Count, summary.Amount));
    }

    [Fact]
    public void Summarize_TransfersAboveUInt64_KeepTheExactSum()
    {
        var summary = Summarize(
            Instruction(SystemProgram, [0, Recipient], SolanaFixtures.TransferData(ulong.MaxValue)),
            Instruction(SystemProgram, [0, Recipient], SolanaFixtures.TransferData(ulong.MaxValue)));
        Assert.Equal(new BigInteger(ulong.MaxValue) * 2, summary.Amount);
        Assert.Single(summary.Destinations);
    }

    [Theory]
    [InlineData(Token)]
    [InlineData(Token2022)]
    public void Summarize_TransferChecked_MintToDestinationTokenAccount(byte program)
    {
        var summary = Summarize(Instruction(program, [SourceToken, Mint, DestinationToken, 0], TransferCheckedData(2_500, 6)));
        Assert.Equal(Address(Mint), summary.Asset);
        Assert.Equal([Address(DestinationToken)], summary.Destinations);
        Assert.Equal(new BigInteger(2_500), summary.Amount);
    }

    [Fact]
    public void Summarize_NativeAndToken_AssetAndAmountUnknownBothListed()
    {
        var summary = Summarize(
            Instruction(SystemProgram, [0, Recipient], SolanaFixtures.TransferData(5)),
            Instruction(Token, [SourceToken, Mint, DestinationToken, 0], TransferCheckedData(1, 0)));
        Assert.Equal((null, (BigInteger?)null), (summary.Asset, summary.Amount));
        Assert.Equal([Address(Recipient), Address(DestinationToken)], summary.Destinations);
    }

    [Fact]
    public void Summarize_TwoMints_AssetAndAmountUnknown()
    {
        var summary = Summarize(
            Instruction(Token, [SourceToken, Mint, DestinationToken, 0], TransferCheckedData(1, 0)),
            Instruction(Token, [SourceToken, Mint2, DestinationToken, 0], TransferCheckedData(1, 0)));
        Assert.Equal((null, (BigInteger?)null), (summary.Asset, summary.Amount));
        Assert.Equal([Address(DestinationToken)], summary.Destinations);
    }

    public static TheoryData<string, byte, byte[], byte[], byte?> NotUnderstood => new()
    {
        // Name, program, accounts, data, the recipient still listed (null: none).
        { "unknown program", Memo, [0], Encoding.UTF8.GetBytes("hello"), null },
        { "transfer with a trailing byte", SystemProgram, [0, Recipient], [.. SolanaFixtures.TransferData(5), 0], null },
        { "transfer without a recipient", SystemProgram, [0], SolanaFixtures.TransferData(5), null },
        { "other system instruction (Assign)", SystemProgram, [0], [1, 0, 0, 0, .. new byte[32]], null },
        { "truncated instruction data", SystemProgram, [0, Recipient], [2, 0, 0], null },
        { "transfer from another account", SystemProgram, [Other, Recipient], SolanaFixtures.TransferData(5), Recipient },
        { "seed longer than 32 bytes", SystemProgram, [Derived, 0, Recipient], TransferWithSeedData(7, new string('s', 33)), null },
        { "seed length past the data", SystemProgram, [Derived, 0, Recipient], TransferWithSeedData(7, "vault")[..^1], null },
        { "token transfer by another authority", Token, [SourceToken, Mint, DestinationToken, Other], TransferCheckedData(1, 0), DestinationToken },
        { "token TransferChecked without authority", Token, [SourceToken, Mint, DestinationToken], TransferCheckedData(1, 0), null },
        { "token Transfer names no mint", Token, [SourceToken, DestinationToken, 0], [3, 1, 0, 0, 0, 0, 0, 0, 0], DestinationToken },
        { "token Approve", Token, [SourceToken, Other, 0], [4, 1, 0, 0, 0, 0, 0, 0, 0], null },
    };

    [Theory]
    [MemberData(nameof(NotUnderstood))]
    public void Summarize_InstructionNotUnderstood_AmountUnknown(string name, byte program, byte[] accounts, byte[] data, byte? listed)
    {
        var summary = Summarize(Instruction(SystemProgram, [0, Recipient2], SolanaFixtures.TransferData(3)), Instruction(program, accounts, data));
        Assert.Null(summary.Amount);
        Assert.True(summary.Asset is null or TransactionSummary.NativeAsset, name);
        Assert.Equal(listed is { } index ? [Address(Recipient2), Address(index)] : [Address(Recipient2)], summary.Destinations);
    }

    private TransactionSummary Summarize(params SolanaInstruction[] instructions)
    {
        byte[][] keys =
        [
            _key.PublicKey.Bytes.ToArray(), .. Enumerable.Range(0x21, 6).Select(b => SolanaFixtures.Filled((byte)b)), .. Programs,
            SolanaFixtures.Filled(0x31), SolanaFixtures.Filled(0x32),
        ];
        var message = new SolanaMessage(false, new SolanaMessageHeader(1, 0, 0), [.. keys.Select(k => (ReadOnlyMemory<byte>)k)], SolanaFixtures.Filled(0xbb), instructions, []);
        return Signing(new SolanaTransaction([new byte[64]], message), _key.PublicKey).Summarize();
    }

    private static string Address(byte index) => index switch
    {
        < SystemProgram => Base58.Encode(SolanaFixtures.Filled((byte)(0x20 + index))),
        Mint2 => Base58.Encode(SolanaFixtures.Filled(0x31)),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    private static SolanaSigning Signing(SolanaTransaction transaction, Ed25519PublicKey key)
    {
        Assert.True(SolanaSigning.TryCreate(new SolanaSignRequest(Convert.ToBase64String(transaction.Serialize())), key, out var signing, out var error), error);
        return signing;
    }

    private static SolanaInstruction Instruction(byte program, byte[] accounts, byte[] data) => new(program, accounts, data);

    /// <summary>SystemInstruction::TransferWithSeed in bincode: u32 11, u64 lamports, String seed (u64 length), Pubkey from_owner.</summary>
    private static byte[] TransferWithSeedData(ulong lamports, string seed)
    {
        var seedBytes = Encoding.UTF8.GetBytes(seed);
        var data = new byte[20 + seedBytes.Length + 32];
        BinaryPrimitives.WriteUInt32LittleEndian(data, 11);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(4), lamports);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(12), (ulong)seedBytes.Length);
        seedBytes.CopyTo(data, 20);
        data.AsSpan(20 + seedBytes.Length).Fill(0x77);
        return data;
    }

    /// <summary>TokenInstruction::TransferChecked packed: tag 12, u64 amount, u8 decimals.</summary>
    private static byte[] TransferCheckedData(ulong amount, byte decimals)
    {
        var data = new byte[10];
        data[0] = 12;
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(1), amount);
        data[9] = decimals;
        return data;
    }

    private static byte[] Id(string base58) => SolanaAddress.TryParse(base58, out var id, out var error) ? id : throw new InvalidOperationException(error);
}
