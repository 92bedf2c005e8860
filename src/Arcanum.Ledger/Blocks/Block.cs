using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Encoding;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// A block: its header and the transactions it carries, in execution order. Only transactions that were included
/// (took effect) are carried; rejected ones are reported to their senders by the sequencer and left out.
/// <para>
/// Canonical encoding: <c>header (144) ‖ u32(count) ‖ bytes(signed transaction)*</c>, each transaction in its signed
/// form (<see cref="Transaction.EncodeSigned"/>). At most <see cref="MaxTransactions"/> transactions, each at most
/// <see cref="MaxTransactionLength"/> bytes, and <see cref="MaxEncodedLength"/> bytes in all.
/// </para>
/// </summary>
public sealed class Block
{
    /// <summary>The most transactions a block may carry.</summary>
    public const int MaxTransactions = 4096;

    /// <summary>The largest encoding of a block, in bytes.</summary>
    public const int MaxEncodedLength = 8 * 1024 * 1024;

    /// <summary>
    /// The largest signed transaction a block may carry: the largest args plus 1 KiB, which covers every fixed and
    /// length-bounded field of the signed form (under 350 bytes).
    /// </summary>
    public const int MaxTransactionLength = Transaction.MaxArgsLength + 1024;

    /// <summary>The encoding of a block with no transactions: the header and a zero count.</summary>
    public const int EmptyEncodedLength = BlockHeader.EncodedLength + CountLength;

    private const int CountLength = 4;
    private const int LengthPrefix = 4;

    private Block(BlockHeader header, IReadOnlyList<Transaction> transactions)
    {
        Header = header;
        Transactions = transactions;
    }

    /// <summary>The header.</summary>
    public BlockHeader Header { get; }

    /// <summary>The transactions, in execution order.</summary>
    public IReadOnlyList<Transaction> Transactions { get; }

    /// <summary>A block from its parts.</summary>
    /// <exception cref="ArgumentException">The block would break a bound of the type.</exception>
    public static Block Create(BlockHeader header, IEnumerable<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(transactions);
        var list = transactions.ToArray();
        if (list.Length > MaxTransactions)
        {
            throw new ArgumentException($"A block carries at most {MaxTransactions} transactions.", nameof(transactions));
        }

        var size = (long)EmptyEncodedLength;
        foreach (var transaction in list)
        {
            var length = transaction.EncodeSigned().Length;
            if (length > MaxTransactionLength)
            {
                throw new ArgumentException($"A transaction in a block is at most {MaxTransactionLength} bytes.", nameof(transactions));
            }

            size += LengthPrefix + length;
        }

        return size <= MaxEncodedLength
            ? new Block(header, list)
            : throw new ArgumentException($"A block is at most {MaxEncodedLength} bytes.", nameof(transactions));
    }

    /// <summary>The number of bytes a transaction adds to the encoding (its signed form and its length prefix).</summary>
    public static int EncodedCost(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return LengthPrefix + transaction.EncodeSigned().Length;
    }

    /// <summary>The canonical encoding (see the type).</summary>
    public byte[] Encode()
    {
        var writer = new CanonicalWriter().WriteFixed(Header.Encode()).WriteUInt32((uint)Transactions.Count);
        foreach (var transaction in Transactions)
        {
            writer.WriteBytes(transaction.EncodeSigned());
        }

        return writer.ToArray();
    }

    /// <summary>
    /// Decodes the canonical encoding strictly: every bound checked before allocating, each transaction decoded by
    /// <see cref="Transaction.TryDecodeSigned"/>, no trailing bytes; false with the field at fault; never throws.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out FieldError? error)
    {
        block = null;
        if (encoded.Length > MaxEncodedLength)
        {
            return Fail(string.Empty, $"a block is at most {MaxEncodedLength} bytes, not {encoded.Length}.", out error);
        }

        if (encoded.Length < EmptyEncodedLength)
        {
            return Fail("header", $"truncated: a block is at least {EmptyEncodedLength} bytes.", out error);
        }

        if (!BlockHeader.TryDecode(encoded[..BlockHeader.EncodedLength], out var header, out error))
        {
            return false;
        }

        var reader = new CanonicalReader(encoded[BlockHeader.EncodedLength..]);
        _ = reader.TryReadUInt32(out var count);
        if (count > MaxTransactions)
        {
            return Fail("transactions", $"at most {MaxTransactions}, not {count}.", out error);
        }

        var transactions = new List<Transaction>((int)count);
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadBytes(MaxTransactionLength, out var signed))
            {
                return Fail($"transactions[{i}]", $"must be length-prefixed bytes of at most {MaxTransactionLength} within the block.", out error);
            }

            if (!Transaction.TryDecodeSigned(signed, out var transaction, out var inner))
            {
                return Fail($"transactions[{i}].{inner.Field}".TrimEnd('.'), inner.Message, out error);
            }

            transactions.Add(transaction);
        }

        if (!reader.IsAtEnd)
        {
            return Fail(string.Empty, "trailing bytes after the last transaction.", out error);
        }

        block = new Block(header, transactions);
        error = null;
        return true;
    }

    private static bool Fail(string field, string message, out FieldError error)
    {
        error = new FieldError(field, message);
        return false;
    }
}
