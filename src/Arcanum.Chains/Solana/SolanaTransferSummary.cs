using System.Buffers.Binary;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Solana;

/// <summary>
/// Reads what a Solana message moves for the transaction policy (see <see cref="SolanaSigning.Summarize"/>). The
/// instruction layouts are the programs' own (bincode for the System Program: u32 LE variant index, u64 LE,
/// String as u64 LE length and bytes; the SPL Token program's packed layout: one tag byte, u64 LE, u8). Data must
/// have exactly the layout's length: the runtime would ignore trailing bytes, but such an instruction is not
/// summarised here.
/// </summary>
internal static class SolanaTransferSummary
{
    /// <summary>The System Program (all-zero id).</summary>
    private static readonly byte[] SystemProgram = new byte[SolanaMessage.KeyLength];

    /// <summary>The Compute Budget program; its instructions set limits and priority fees and move nothing.</summary>
    private static readonly byte[] ComputeBudgetProgram = Id("ComputeBudget111111111111111111111111111111");

    /// <summary>The SPL Token program and the Token-2022 program (same instruction layout for TransferChecked).</summary>
    private static readonly byte[][] TokenPrograms = [Id("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"), Id("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb")];

    private const uint SystemTransfer = 2;
    private const uint SystemTransferWithSeed = 11;
    private const byte TokenTransfer = 3;
    private const byte TokenTransferChecked = 12;

    /// <summary>The Solana runtime's MAX_SEED_LEN for derived addresses.</summary>
    private const int MaxSeedLength = 32;

    /// <summary>Summarises <paramref name="message"/> as signed by <paramref name="signer"/>.</summary>
    public static TransactionSummary Summarize(SolanaMessage message, ReadOnlySpan<byte> signer)
    {
        var summary = new SummaryBuilder(TransactionSummary.NativeAsset);
        foreach (var instruction in message.Instructions)
        {
            // Sanitized messages name programs by static keys only, so the program id is always known.
            var program = message.AccountKeys[instruction.ProgramIdIndex].Span;
            var accounts = new InstructionAccounts(message, instruction.AccountIndexes);
            if (program.SequenceEqual(ComputeBudgetProgram))
            {
                continue;
            }

            var understood = program.SequenceEqual(SystemProgram) ? AddSystem(summary, instruction.Data.Span, accounts, signer)
                : IsTokenProgram(program) && AddToken(summary, instruction.Data.Span, accounts, signer);
            if (!understood)
            {
                summary.MarkAmountUnknown();
            }
        }

        return summary.Build();
    }

    /// <summary>Transfer [from, to] and TransferWithSeed [from (derived), base, to]: a native transfer when the signer is the source (or base).</summary>
    private static bool AddSystem(SummaryBuilder summary, ReadOnlySpan<byte> data, InstructionAccounts accounts, ReadOnlySpan<byte> signer)
    {
        if (data.Length < 12)
        {
            return false;
        }

        var lamports = BinaryPrimitives.ReadUInt64LittleEndian(data[4..]);
        var (authority, recipient) = BinaryPrimitives.ReadUInt32LittleEndian(data) switch
        {
            SystemTransfer when data.Length == 12 => (0, 1),
            SystemTransferWithSeed when IsTransferWithSeed(data) => (1, 2),
            _ => (-1, -1),
        };
        return authority >= 0 && Add(summary, TransactionSummary.NativeAsset, lamports, accounts, authority, recipient, signer);
    }

    /// <summary>u32 variant, u64 lamports, from_seed (u64 length ≤ 32, UTF-8 as bincode writes a Rust String), from_owner (32 bytes).</summary>
    private static bool IsTransferWithSeed(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20)
        {
            return false;
        }

        var seedLength = BinaryPrimitives.ReadUInt64LittleEndian(data[12..]);
        return seedLength <= MaxSeedLength
            && data.Length == 20 + (int)seedLength + SolanaMessage.KeyLength
            && System.Text.Unicode.Utf8.IsValid(data.Slice(20, (int)seedLength));
    }

    /// <summary>
    /// TransferChecked [source, mint, destination, authority] moves the mint's token; Transfer [source, destination,
    /// authority] does not name the mint, so its destination is listed with an unknown amount.
    /// </summary>
    private static bool AddToken(SummaryBuilder summary, ReadOnlySpan<byte> data, InstructionAccounts accounts, ReadOnlySpan<byte> signer)
    {
        if (data is [TokenTransferChecked, ..] && data.Length == 10 && accounts.TryGet(1, out var mint))
        {
            return Add(summary, mint, BinaryPrimitives.ReadUInt64LittleEndian(data[1..]), accounts, 3, 2, signer);
        }

        if (data is [TokenTransfer, ..] && data.Length == 9 && accounts.TryGet(1, out var destination) && accounts.Count >= 3)
        {
            summary.AddUnknownTransfer(destination);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Adds a transfer of <paramref name="amount"/> when the authority account is the signer; a transfer by another
    /// authority moves someone else's funds, so only its recipient is listed and the amount becomes unknown.
    /// </summary>
    private static bool Add(SummaryBuilder summary, string asset, ulong amount, InstructionAccounts accounts, int authority, int recipient, ReadOnlySpan<byte> signer)
    {
        if (!accounts.TryGet(recipient, out var to) || accounts.Count <= authority)
        {
            return false;
        }

        if (accounts.IsKey(authority, signer))
        {
            summary.AddTransfer(asset, to, amount);
        }
        else
        {
            summary.AddUnknownTransfer(to);
        }

        return true;
    }

    private static bool IsTokenProgram(ReadOnlySpan<byte> program)
    {
        foreach (var id in TokenPrograms)
        {
            if (program.SequenceEqual(id))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Id(string base58) =>
        SolanaAddress.TryParse(base58, out var id, out var error) ? id : throw new InvalidOperationException(error);

    /// <summary>The accounts of one instruction; those loaded from address tables (v0) have no known address here.</summary>
    private readonly struct InstructionAccounts(SolanaMessage message, ReadOnlyMemory<byte> indexes)
    {
        public int Count => indexes.Length;

        public bool TryGet(int position, out string address)
        {
            address = string.Empty;
            if (position >= indexes.Length || indexes.Span[position] >= message.AccountKeys.Count)
            {
                return false;
            }

            address = Base58.Encode(message.AccountKeys[indexes.Span[position]].Span);
            return true;
        }

        public bool IsKey(int position, ReadOnlySpan<byte> key) =>
            position < indexes.Length && indexes.Span[position] < message.AccountKeys.Count
            && message.AccountKeys[indexes.Span[position]].Span.SequenceEqual(key);
    }
}
