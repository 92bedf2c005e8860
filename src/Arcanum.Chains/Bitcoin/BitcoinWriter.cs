using System.Buffers;
using System.Buffers.Binary;

namespace Arcanum.Chains.Bitcoin;

/// <summary>Little-endian writer for Bitcoin's wire encodings; CompactSize always in its shortest form.</summary>
internal sealed class BitcoinWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void WriteByte(byte value) => WriteBytes([value]);

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteCompactSize(ulong value)
    {
        switch (value)
        {
            case < 0xFD:
                WriteByte((byte)value);
                break;
            case <= 0xFFFF:
                WriteByte(0xFD);
                BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), (ushort)value);
                _buffer.Advance(2);
                break;
            case <= 0xFFFF_FFFF:
                WriteByte(0xFE);
                WriteUInt32((uint)value);
                break;
            default:
                WriteByte(0xFF);
                WriteUInt64(value);
                break;
        }
    }

    public void WriteVarBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCompactSize((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
