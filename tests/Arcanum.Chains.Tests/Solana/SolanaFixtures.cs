using System.Buffers.Binary;
using Arcanum.Chains.Solana;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Tests.Solana;

/// <summary>Transactions built in code: a legacy System Program transfer, and a v0 one with an address-table lookup.</summary>
internal static class SolanaFixtures
{
    public static readonly byte[] SystemProgram = new byte[32];

    public static Ed25519PrivateKey Key(byte seed) => Ed25519PrivateKey.FromSeed(Enumerable.Repeat(seed, 32).ToArray());

    public static byte[] Filled(byte value, int length = 32) => Enumerable.Repeat(value, length).ToArray();

    /// <summary>System Program Transfer: instruction index 2 (u32 LE) and the lamports (u64 LE).</summary>
    public static byte[] TransferData(ulong lamports)
    {
        var data = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(data, 2);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(4), lamports);
        return data;
    }

    /// <summary>Fee payer <paramref name="payer"/> sends lamports to a second account; one signer, the program read-only.</summary>
    public static SolanaTransaction Legacy(ReadOnlyMemory<byte> payer) => new(
        [new byte[64]],
        new SolanaMessage(
            IsVersioned: false,
            new SolanaMessageHeader(1, 0, 1),
            [payer, Filled(0x22), SystemProgram],
            Filled(0xbb),
            [new SolanaInstruction(2, new byte[] { 0, 1 }, TransferData(1_000_000))],
            []));

    /// <summary>
    /// Two signers (<paramref name="first"/> pays, <paramref name="second"/> co-signs), the System Program, and three
    /// accounts loaded from one address table (indices 3–5).
    /// </summary>
    public static SolanaTransaction Versioned(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second) => new(
        [Filled(0x5a, 64), new byte[64]],
        new SolanaMessage(
            IsVersioned: true,
            new SolanaMessageHeader(2, 1, 1),
            [first, second, SystemProgram],
            Filled(0xcc),
            [
                new SolanaInstruction(2, new byte[] { 0, 3, 4 }, TransferData(5)),
                new SolanaInstruction(2, new byte[] { 1, 5 }, new byte[200]),
            ],
            [new SolanaAddressTableLookup(Filled(0x77), new byte[] { 1, 2 }, new byte[] { 9 })]));
}
