using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Tests.Support;

namespace Arcanum.Ledger.Tests.Blocks;

/// <summary>Header, block and finalized encodings: the documented layout, round trips, and strict decoding.</summary>
public sealed class BlockEncodingTests
{
    private static readonly byte[] Prev = Filled(0x10);
    private static readonly byte[] Tx = Filled(0x20);
    private static readonly byte[] StateRoot = Filled(0x30);
    private static readonly byte[] Events = Filled(0x40);

    [Fact]
    public void Header_Encode_IsTheDocumentedLayout()
    {
        var header = BlockHeader.Create(0x0102030405060708, Prev, 0x1122334455667788, Tx, StateRoot, Events);

        var expected = new byte[144];
        BinaryPrimitives.WriteUInt64BigEndian(expected, 0x0102030405060708);
        Prev.CopyTo(expected, 8);
        BinaryPrimitives.WriteUInt64BigEndian(expected.AsSpan(40), 0x1122334455667788);
        Tx.CopyTo(expected, 48);
        StateRoot.CopyTo(expected, 80);
        Events.CopyTo(expected, 112);

        Assert.Equal(BlockHeader.EncodedLength, expected.Length);
        Assert.Equal(expected, header.Encode());
        Assert.Equal(SHA256.HashData(expected), header.Hash());
    }

    [Fact]
    public void Header_SigningBytes_AreDomainChainIdAndEncoding()
    {
        var header = BlockHeader.Create(7, Prev, 9, Tx, StateRoot, Events);
        var domain = System.Text.Encoding.ASCII.GetBytes("arcanum/ledger/header/v1");
        var chain = System.Text.Encoding.ASCII.GetBytes("arcanum-test");
        byte[] expected = [0, 0, 0, (byte)domain.Length, .. domain, 0, 0, 0, (byte)chain.Length, .. chain, .. header.Encode()];

        Assert.Equal(expected, header.SigningBytes("arcanum-test"));
        Assert.NotEqual(header.SigningBytes("arcanum-test"), header.SigningBytes("arcanum-other"));
        Assert.Throws<ArgumentException>(() => header.SigningBytes("Not A Chain"));
    }

    [Fact]
    public void Header_TryDecode_RoundTripsAndEveryOtherLengthIsRefused()
    {
        var encoded = BlockHeader.Create(3, Prev, 4, Tx, StateRoot, Events).Encode();
        Assert.True(BlockHeader.TryDecode(encoded, out var decoded, out _));
        Assert.Equal(encoded, decoded.Encode());

        var refused = 0;
        for (var length = 0; length <= BlockHeader.EncodedLength + 1; length++)
        {
            if (length == BlockHeader.EncodedLength)
            {
                continue;
            }

            byte[] input = [.. encoded, 0];
            Assert.False(BlockHeader.TryDecode(input.AsSpan(0, length), out var header, out var error));
            Assert.Null(header);
            Assert.Equal("header", error.Field);
            refused++;
        }

        Assert.Equal(BlockHeader.EncodedLength + 1, refused);
    }

    [Fact]
    public void Header_Create_WrongHashLength_Throws() =>
        Assert.Throws<ArgumentException>(() => BlockHeader.Create(1, Prev, 1, Tx[..31], StateRoot, Events));

    [Fact]
    public void Block_EncodeDecode_EveryChainBlockRoundTrips()
    {
        using var chain = TestChain.Create();
        var roundTripped = 0;
        foreach (var finalized in chain.Finalized)
        {
            var encoded = finalized.Block.Encode();
            Assert.True(Block.TryDecode(encoded, out var decoded, out var error), error?.ToString());
            Assert.Equal(encoded, decoded.Encode());
            Assert.Equal(finalized.Header, decoded.Header);
            Assert.Equal(finalized.Block.Transactions.Select(t => t.Hash()), decoded.Transactions.Select(t => t.Hash()));
            roundTripped++;
        }

        Assert.Equal(TestChain.BlockCount, roundTripped);
    }

    [Fact]
    public void Block_TryDecode_EveryTruncationAndAnExtraByte_Refused()
    {
        using var chain = TestChain.Create();
        var encoded = chain.At(2).Block.Encode();
        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.False(Block.TryDecode(encoded.AsSpan(0, length), out var block, out var error), $"prefix of {length} bytes");
            Assert.Null(block);
            Assert.NotNull(error);
        }

        Assert.False(Block.TryDecode([.. encoded, 0], out _, out var trailing));
        Assert.Contains("trailing", trailing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_TryDecode_CountAboveTheBound_RefusedBeforeReading()
    {
        var bytes = WithCount(Block.MaxTransactions + 1);

        Assert.False(Block.TryDecode(bytes, out _, out var error));
        Assert.Equal("transactions", error.Field);
    }

    [Fact]
    public void Block_TryDecode_CountAboveWhatFollows_NamesTheMissingTransaction()
    {
        using var chain = TestChain.Create();
        var encoded = chain.At(1).Block.Encode();
        var count = BinaryPrimitives.ReadUInt32BigEndian(encoded.AsSpan(BlockHeader.EncodedLength));
        BinaryPrimitives.WriteUInt32BigEndian(encoded.AsSpan(BlockHeader.EncodedLength), count + 1);

        Assert.False(Block.TryDecode(encoded, out _, out var error));
        Assert.Equal($"transactions[{count}]", error.Field);
    }

    [Fact]
    public void Block_TryDecode_TransactionLongerThanTheBound_Refused()
    {
        byte[] bytes = [.. WithCount(1), .. BigEndian((uint)Block.MaxTransactionLength + 1)];

        Assert.False(Block.TryDecode(bytes, out _, out var error));
        Assert.Equal("transactions[0]", error.Field);
    }

    [Fact]
    public void Block_TryDecode_MalformedTransaction_NamesItsField()
    {
        using var chain = TestChain.Create();
        var signed = chain.At(1).Block.Transactions[0].EncodeSigned();
        signed[5] ^= 0x20; // a letter of the domain string
        byte[] bytes = [.. WithCount(1), .. BigEndian((uint)signed.Length), .. signed];

        Assert.False(Block.TryDecode(bytes, out _, out var error));
        Assert.Equal("transactions[0].domain", error.Field);
    }

    [Fact]
    public void Block_TryDecode_LongerThanTheBound_Refused()
    {
        Assert.False(Block.TryDecode(new byte[Block.MaxEncodedLength + 1], out _, out var error));
        Assert.Equal(string.Empty, error.Field);
    }

    [Fact]
    public void Block_Create_MoreThanTheBound_Throws()
    {
        using var ledger = new LedgerHarness(("alice", 1));
        var transaction = ledger.Sign("alice", "accounts", "transfer", [1]);
        var header = BlockHeader.Create(1, Prev, 1, Tx, StateRoot, Events);

        Assert.Throws<ArgumentException>(() => Block.Create(header, Enumerable.Repeat(transaction, Block.MaxTransactions + 1)));
        Assert.Equal(Block.MaxTransactions, Block.Create(header, Enumerable.Repeat(transaction, Block.MaxTransactions)).Transactions.Count);
    }

    [Fact]
    public void FinalizedBlock_EncodeDecode_RoundTripsAndRefusesAShortSignature()
    {
        using var chain = TestChain.Create();
        var finalized = chain.At(3);
        var encoded = finalized.Encode();

        Assert.True(FinalizedBlock.TryDecode(encoded, out var decoded, out var error), error?.ToString());
        Assert.Equal(encoded, decoded.Encode());
        Assert.Equal(finalized.Signature, decoded.Signature);
        Assert.False(FinalizedBlock.TryDecode(encoded.AsSpan(0, encoded.Length - 1), out _, out _));
        Assert.False(FinalizedBlock.TryDecode(encoded.AsSpan(0, 100), out _, out _));
        Assert.False(FinalizedBlock.TryDecode([.. encoded, 0], out _, out _));
    }

    [Fact]
    public void FinalizedHeader_EncodeDecode_RoundTripsAndRefusesOtherLengths()
    {
        using var chain = TestChain.Create();
        var encoded = chain.At(2).FinalizedHeader.Encode();

        Assert.Equal(FinalizedHeader.EncodedLength, encoded.Length);
        Assert.True(FinalizedHeader.TryDecode(encoded, out var decoded, out _));
        Assert.Equal(encoded, decoded.Encode());
        Assert.False(FinalizedHeader.TryDecode(encoded.AsSpan(0, encoded.Length - 1), out _, out _));
        Assert.False(FinalizedHeader.TryDecode([.. encoded, 0], out _, out _));
        Assert.Throws<ArgumentException>(() => new FinalizedHeader(decoded.Header, new byte[63]));
    }

    private static byte[] WithCount(int count) =>
        [.. BlockHeader.Create(1, Prev, 1, Tx, StateRoot, Events).Encode(), .. BigEndian((uint)count)];

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Filled(byte start) => [.. Enumerable.Range(0, 32).Select(i => (byte)(start + i))];
}
