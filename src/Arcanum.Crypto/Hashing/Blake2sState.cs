using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// The BLAKE2s state of RFC 7693 §3: the chaining value h[0..7], the byte counter t, and the block
/// not yet compressed. A value type with inline storage, so one-shot hashing and HMAC run on the
/// stack without allocating. It may hold key material (the padded key block) and secret-derived
/// chaining values: callers <see cref="Clear"/> it when done.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct Blake2sState
{
    /// <summary>bb in RFC 7693 §2.1: the block size of BLAKE2s in bytes.</summary>
    public const int BlockLength = 64;

    /// <summary>The largest digest (nn) and key (kk) length of BLAKE2s, RFC 7693 §2.1.</summary>
    public const int MaxLength = 32;

    private const int Rounds = 10;

    private ChainingValue _h;
    private Block _buffer;
    private ulong _counter;
    private int _buffered;
    private int _outputLength;

    /// <summary>
    /// RFC 7693 §2.6: the initialisation vector of BLAKE2s, the same constants as SHA-256's H(0).
    /// </summary>
    private static ReadOnlySpan<uint> IV =>
    [
        0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
    ];

    /// <summary>RFC 7693 §2.7: the message schedule SIGMA, one row of 16 word indices per round.</summary>
    private static ReadOnlySpan<byte> Sigma =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ];

    /// <summary>
    /// RFC 7693 §3.3, the set-up of BLAKE2: h := IV, h[0] ^= 0x0101kknn, and for a keyed hash the key,
    /// zero-padded to one block, becomes the first block of the message. Lengths are checked by callers.
    /// </summary>
    public void Initialize(int outputLength, ReadOnlySpan<byte> key)
    {
        IV.CopyTo(_h);
        _h[0] ^= 0x01010000u ^ ((uint)key.Length << 8) ^ (uint)outputLength;
        _counter = 0;
        _outputLength = outputLength;
        Span<byte> buffer = _buffer;
        buffer.Clear();
        key.CopyTo(buffer);
        _buffered = key.IsEmpty ? 0 : BlockLength;
    }

    /// <summary>
    /// Absorbs more message bytes. A full block stays buffered until more input arrives, because
    /// RFC 7693 §3.3 compresses the last block differently (final flag set).
    /// </summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = _buffer;
        var free = BlockLength - _buffered;
        if (data.Length > free)
        {
            data[..free].CopyTo(buffer[_buffered..]);
            data = data[free..];
            CompressBlock(buffer, isFinal: false);
            _buffered = 0;

            while (data.Length > BlockLength)
            {
                CompressBlock(data[..BlockLength], isFinal: false);
                data = data[BlockLength..];
            }
        }

        data.CopyTo(buffer[_buffered..]);
        _buffered += data.Length;
    }

    /// <summary>
    /// RFC 7693 §3.3: compresses the zero-padded last block with the final flag, then writes the first
    /// nn bytes of h little-endian into <paramref name="destination"/> (exactly nn bytes long) and clears
    /// the state.
    /// </summary>
    public void Finish(Span<byte> destination)
    {
        Span<byte> buffer = _buffer;
        buffer[_buffered..].Clear();
        _counter += (ulong)_buffered;
        Compress(buffer, isFinal: true);

        Span<byte> digest = stackalloc byte[MaxLength];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(digest[(4 * i)..], _h[i]);
        }

        digest[.._outputLength].CopyTo(destination);
        CryptographicOperations.ZeroMemory(digest);
        Clear();
    }

    /// <summary>Zeroes every field, including any buffered key or message bytes.</summary>
    public void Clear()
    {
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes((Span<uint>)_h));
        CryptographicOperations.ZeroMemory(_buffer);
        _counter = 0;
        _buffered = 0;
        _outputLength = 0;
    }

    private void CompressBlock(ReadOnlySpan<byte> block, bool isFinal)
    {
        _counter += BlockLength;
        Compress(block, isFinal);
    }

    /// <summary>RFC 7693 §3.2, the compression function F(h, m, t, f) with t the bytes counted so far.</summary>
    private void Compress(ReadOnlySpan<byte> block, bool isFinal)
    {
        Span<uint> m = stackalloc uint[16];
        for (var i = 0; i < 16; i++)
        {
            m[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * i)..]);
        }

        Span<uint> v = stackalloc uint[16];
        ((ReadOnlySpan<uint>)_h).CopyTo(v);
        IV.CopyTo(v[8..]);
        v[12] ^= (uint)_counter;
        v[13] ^= (uint)(_counter >> 32);
        if (isFinal)
        {
            v[14] = ~v[14];
        }

        for (var round = 0; round < Rounds; round++)
        {
            var s = Sigma.Slice(16 * round, 16);
            Mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            Mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            Mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            Mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            Mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            Mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            Mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            Mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }

        for (var i = 0; i < 8; i++)
        {
            _h[i] ^= v[i] ^ v[i + 8];
        }

        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(m));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(v));
    }

    /// <summary>RFC 7693 §3.1, the mixing function G with the BLAKE2s rotations (R1..R4) = (16, 12, 8, 7).</summary>
    private static void Mix(Span<uint> v, int a, int b, int c, int d, uint x, uint y)
    {
        v[a] = v[a] + v[b] + x;
        v[d] = uint.RotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = uint.RotateRight(v[b] ^ v[c], 12);
        v[a] = v[a] + v[b] + y;
        v[d] = uint.RotateRight(v[d] ^ v[a], 8);
        v[c] = v[c] + v[d];
        v[b] = uint.RotateRight(v[b] ^ v[c], 7);
    }

    [InlineArray(8)]
    private struct ChainingValue
    {
        private uint _element;
    }

    [InlineArray(BlockLength)]
    private struct Block
    {
        private byte _element;
    }
}
