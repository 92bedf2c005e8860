using Arcanum.Chains.Bitcoin;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Tests.Bitcoin;

/// <summary>
/// Builds PSBTs byte by byte, the way bitcoinjs-lib's Psbt writes them (magic, global map with the
/// unsigned transaction, one map per input and per output, each closed by 0x00), independently of the
/// library's own writer.
/// </summary>
internal sealed class TestPsbt
{
    private readonly List<(byte[] Key, byte[] Value)> _global = [];
    private readonly List<List<(byte[] Key, byte[] Value)>> _inputs = [];
    private readonly List<List<(byte[] Key, byte[] Value)>> _outputs = [];

    public TestPsbt(BitcoinTransaction unsignedTransaction)
    {
        _global.Add(([0x00], unsignedTransaction.Serialize()));
        _inputs.AddRange(unsignedTransaction.Inputs.Select(_ => new List<(byte[], byte[])>()));
        _outputs.AddRange(unsignedTransaction.Outputs.Select(_ => new List<(byte[], byte[])>()));
    }

    public TestPsbt Global(byte[] key, byte[] value)
    {
        _global.Add((key, value));
        return this;
    }

    public TestPsbt Input(int index, byte[] key, byte[] value)
    {
        _inputs[index].Add((key, value));
        return this;
    }

    public TestPsbt Output(int index, byte[] key, byte[] value)
    {
        _outputs[index].Add((key, value));
        return this;
    }

    public TestPsbt WitnessUtxo(int index, TxOutput spent) => Input(index, [0x01], spent.Serialize());

    public byte[] Build()
    {
        List<byte> bytes = [0x70, 0x73, 0x62, 0x74, 0xFF];
        foreach (var map in new[] { _global }.Concat(_inputs).Concat(_outputs))
        {
            foreach (var (key, value) in map)
            {
                bytes.AddRange(CompactSize(key.Length));
                bytes.AddRange(key);
                bytes.AddRange(CompactSize(value.Length));
                bytes.AddRange(value);
            }

            bytes.Add(0x00);
        }

        return [.. bytes];
    }

    public Psbt Parse()
    {
        Assert.True(Psbt.TryParse(Build(), out var psbt, out var error), error);
        return psbt!;
    }

    public static byte[] CompactSize(int value) =>
        value < 0xFD ? [(byte)value] : [0xFD, (byte)value, (byte)(value >> 8)];

    /// <summary>A version 2 transaction spending one made-up outpoint per amount, paying <paramref name="payTo"/>.</summary>
    public static BitcoinTransaction Spending(int inputs, params TxOutput[] payTo) =>
        new(2,
            [.. Enumerable.Range(0, inputs).Select(i => new TxInput(new OutPoint(Enumerable.Repeat((byte)(0xA0 + i), 32).ToArray(), (uint)i), ReadOnlyMemory<byte>.Empty, 0xFFFF_FFFD, []))],
            payTo,
            0);

    public static Secp256k1PrivateKey Key(byte fill) => Secp256k1PrivateKey.Import(Enumerable.Repeat(fill, 32).ToArray());

    public static byte[] Compressed(Secp256k1Point point)
    {
        var bytes = new byte[Secp256k1Point.CompressedLength];
        point.Encode(bytes);
        return bytes;
    }
}
