using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Chains.Solana;

/// <summary>
/// A Solana transaction message, legacy or v0 (Solana docs "Transactions" and "Versioned Transactions"):
/// [0x80 | version for v0] ‖ header ‖ compact-array of 32-byte account keys ‖ recent blockhash ‖
/// compact-array of instructions ‖ (v0 only) compact-array of address-table lookups. Its bytes are what
/// every signer signs with Ed25519.
/// </summary>
public sealed record SolanaMessage(
    bool IsVersioned,
    SolanaMessageHeader Header,
    IReadOnlyList<ReadOnlyMemory<byte>> AccountKeys,
    ReadOnlyMemory<byte> RecentBlockhash,
    IReadOnlyList<SolanaInstruction> Instructions,
    IReadOnlyList<SolanaAddressTableLookup> AddressTableLookups)
{
    /// <summary>The length of a public key, a blockhash and an address-table address.</summary>
    public const int KeyLength = 32;

    /// <summary>The high bit of the first byte marks a versioned message; the low seven bits are the version.</summary>
    private const byte VersionPrefix = 0x80;

    /// <summary>A transaction can reference at most 256 accounts: indices are one byte.</summary>
    private const int MaxAccounts = 256;

    /// <summary>The message bytes: the inverse of <see cref="TryParse"/>.</summary>
    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        if (IsVersioned)
        {
            stream.WriteByte(VersionPrefix);
        }

        stream.Write([Header.NumRequiredSignatures, Header.NumReadonlySignedAccounts, Header.NumReadonlyUnsignedAccounts]);
        CompactU16.Write(stream, AccountKeys.Count);
        foreach (var key in AccountKeys)
        {
            stream.Write(key.Span);
        }

        stream.Write(RecentBlockhash.Span);
        CompactU16.Write(stream, Instructions.Count);
        foreach (var instruction in Instructions)
        {
            stream.WriteByte(instruction.ProgramIdIndex);
            WriteByteArray(stream, instruction.AccountIndexes.Span);
            WriteByteArray(stream, instruction.Data.Span);
        }

        if (IsVersioned)
        {
            CompactU16.Write(stream, AddressTableLookups.Count);
            foreach (var lookup in AddressTableLookups)
            {
                stream.Write(lookup.AccountKey.Span);
                WriteByteArray(stream, lookup.WritableIndexes.Span);
                WriteByteArray(stream, lookup.ReadonlyIndexes.Span);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Parses message bytes strictly: a legacy or v0 message (other versions refused), canonical compact-u16
    /// counts within the data, no trailing bytes, and the runtime's sanitize rules (see <see cref="Validate"/>).
    /// False with an error naming the field and byte; never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out SolanaMessage? message, out string error)
    {
        message = null;
        var reader = new SolanaReader(bytes);
        if (!TryRead(ref reader, out var parsed))
        {
            error = reader.Error;
            return false;
        }

        if (!reader.AtEnd)
        {
            error = $"message: {bytes.Length - reader.Position} trailing bytes after byte {reader.Position}.";
            return false;
        }

        error = parsed.Validate();
        message = error.Length == 0 ? parsed : null;
        return message is not null;
    }

    /// <summary>
    /// The runtime's sanitize rules (solana-sdk <c>Message::sanitize</c>, <c>v0::Message::sanitize</c>): at least one
    /// signer; the fee payer writable; the signed and read-only-unsigned keys within the key list; no duplicate keys;
    /// at most 256 accounts in all; every lookup loads at least one account; every program index names a static key
    /// other than the fee payer; every account index is in range. Empty when all hold.
    /// </summary>
    public string Validate()
    {
        var staticCount = AccountKeys.Count;
        var total = staticCount + AddressTableLookups.Sum(l => l.WritableIndexes.Length + l.ReadonlyIndexes.Length);
        if (Header.NumRequiredSignatures == 0)
        {
            return "header: a message needs at least one signer (the fee payer).";
        }

        if (Header.NumReadonlySignedAccounts >= Header.NumRequiredSignatures)
        {
            return "header: every signer is read-only, but the fee payer must be writable.";
        }

        if (Header.NumRequiredSignatures + Header.NumReadonlyUnsignedAccounts > staticCount)
        {
            return $"header: {Header.NumRequiredSignatures} signers and {Header.NumReadonlyUnsignedAccounts} read-only unsigned accounts, but only {staticCount} account keys.";
        }

        if (AccountKeys.Select(k => Convert.ToBase64String(k.Span)).Distinct().Count() != staticCount)
        {
            return "accountKeys: a key is listed twice.";
        }

        if (total > MaxAccounts)
        {
            return $"accounts: {total} in all, over the {MaxAccounts} a transaction may reference.";
        }

        if (AddressTableLookups.Any(l => l.WritableIndexes.IsEmpty && l.ReadonlyIndexes.IsEmpty))
        {
            return "addressTableLookups: a lookup loads no account.";
        }

        for (var i = 0; i < Instructions.Count; i++)
        {
            var instruction = Instructions[i];
            if (instruction.ProgramIdIndex == 0 || instruction.ProgramIdIndex >= staticCount)
            {
                return $"instructions[{i}]: program index {instruction.ProgramIdIndex} is not a static account key other than the fee payer.";
            }

            if (instruction.AccountIndexes.Span.ContainsAnyExceptInRange((byte)0, (byte)(total - 1)))
            {
                return $"instructions[{i}]: an account index is not below {total}.";
            }
        }

        return string.Empty;
    }

    private static bool TryRead(ref SolanaReader reader, [NotNullWhen(true)] out SolanaMessage? message)
    {
        message = null;
        if (!reader.TryReadByte("message header", out var first))
        {
            return false;
        }

        var isVersioned = (first & VersionPrefix) != 0;
        if (isVersioned && first != VersionPrefix)
        {
            return reader.Fail($"message: version {first & 0x7F} is not supported (legacy and v0 only).");
        }

        var numRequiredSignatures = first;
        if ((isVersioned && !reader.TryReadByte("header.numRequiredSignatures", out numRequiredSignatures))
            || !reader.TryReadByte("header.numReadonlySignedAccounts", out var readonlySigned)
            || !reader.TryReadByte("header.numReadonlyUnsignedAccounts", out var readonlyUnsigned)
            || !TryReadKeys(ref reader, "accountKeys", out var keys)
            || !reader.TryReadBytes("recentBlockhash", KeyLength, out var blockhash)
            || !TryReadInstructions(ref reader, out var instructions))
        {
            return false;
        }

        IReadOnlyList<SolanaAddressTableLookup> lookups = [];
        if (isVersioned && !TryReadLookups(ref reader, out lookups))
        {
            return false;
        }

        message = new SolanaMessage(isVersioned, new SolanaMessageHeader(numRequiredSignatures, readonlySigned, readonlyUnsigned), keys, blockhash, instructions, lookups);
        return true;
    }

    private static bool TryReadKeys(ref SolanaReader reader, string field, out IReadOnlyList<ReadOnlyMemory<byte>> keys)
    {
        keys = [];
        if (!reader.TryReadCount(field, KeyLength, out var count))
        {
            return false;
        }

        var list = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadBytes($"{field}[{i}]", KeyLength, out list[i]))
            {
                return false;
            }
        }

        keys = list;
        return true;
    }

    private static bool TryReadInstructions(ref SolanaReader reader, out IReadOnlyList<SolanaInstruction> instructions)
    {
        instructions = [];

        // Each instruction takes at least 3 bytes: program index and two empty compact arrays.
        if (!reader.TryReadCount("instructions", 3, out var count))
        {
            return false;
        }

        var list = new SolanaInstruction[count];
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadByte($"instructions[{i}].programIdIndex", out var program)
                || !reader.TryReadByteArray($"instructions[{i}].accounts", out var accounts)
                || !reader.TryReadByteArray($"instructions[{i}].data", out var data))
            {
                return false;
            }

            list[i] = new SolanaInstruction(program, accounts, data);
        }

        instructions = list;
        return true;
    }

    private static bool TryReadLookups(ref SolanaReader reader, out IReadOnlyList<SolanaAddressTableLookup> lookups)
    {
        lookups = [];

        // Each lookup takes at least 34 bytes: the table address and two empty compact arrays.
        if (!reader.TryReadCount("addressTableLookups", KeyLength + 2, out var count))
        {
            return false;
        }

        var list = new SolanaAddressTableLookup[count];
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadBytes($"addressTableLookups[{i}].accountKey", KeyLength, out var table)
                || !reader.TryReadByteArray($"addressTableLookups[{i}].writableIndexes", out var writable)
                || !reader.TryReadByteArray($"addressTableLookups[{i}].readonlyIndexes", out var readOnly))
            {
                return false;
            }

            list[i] = new SolanaAddressTableLookup(table, writable, readOnly);
        }

        lookups = list;
        return true;
    }

    private static void WriteByteArray(Stream stream, ReadOnlySpan<byte> bytes)
    {
        CompactU16.Write(stream, bytes.Length);
        stream.Write(bytes);
    }
}
