using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// RIPEMD-160 (H. Dobbertin, A. Bosselaers, B. Preneel, "RIPEMD-160: A Strengthened Version of
/// RIPEMD", FSE 1996, and the authors' "The Cryptographic Hash Function RIPEMD-160", CryptoBytes 3(2),
/// 1997), which .NET offers on Windows only. Bitcoin and Cosmos use it inside <see cref="Hash160"/>.
/// </summary>
/// <remarks>
/// Use <see cref="Hash(ReadOnlySpan{byte}, Span{byte})"/> for one message; create an instance to
/// hash a message that arrives in pieces (<see cref="Append"/>, then <see cref="GetHashAndReset(Span{byte})"/>).
/// An instance allocates nothing after construction and is not thread-safe.
/// </remarks>
public sealed class Ripemd160
{
    /// <summary>The length of the digest: 20 bytes.</summary>
    public const int HashSizeInBytes = 20;

    private const int BlockSize = 64;

    /// <summary>Initial chaining value h0..h4 (paper, §"Description": the MD4 values plus h4).</summary>
    private static ReadOnlySpan<uint> InitialValue => [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];

    /// <summary>Left-line constants K(j) for rounds 1–5: 0 and ⌊2^30·√2⌋, ⌊2^30·√3⌋, ⌊2^30·√5⌋, ⌊2^30·√7⌋.</summary>
    private static ReadOnlySpan<uint> LeftConstants => [0x00000000, 0x5A827999, 0x6ED9EBA1, 0x8F1BBCDC, 0xA953FD4E];

    /// <summary>Right-line constants K′(j) for rounds 1–5: ⌊2^30·∛2⌋, ⌊2^30·∛3⌋, ⌊2^30·∛5⌋, ⌊2^30·∛7⌋ and 0.</summary>
    private static ReadOnlySpan<uint> RightConstants => [0x50A28BE6, 0x5C4DD124, 0x6D703EF3, 0x7A6D76E9, 0x00000000];

    /// <summary>The permutation ρ of the word indices (paper, table "ρ").</summary>
    private static ReadOnlySpan<byte> Rho => [7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8];

    /// <summary>Shift amounts by round (rows) and message word X_i (columns), paper table "shifts".</summary>
    private static ReadOnlySpan<byte> ShiftsByRoundAndWord =>
    [
        11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8,
        12, 13, 11, 15, 6, 9, 9, 7, 12, 15, 11, 13, 7, 8, 7, 7,
        13, 15, 14, 11, 7, 7, 6, 8, 13, 14, 13, 12, 5, 5, 6, 9,
        14, 11, 12, 14, 8, 6, 5, 5, 15, 12, 15, 14, 9, 9, 8, 6,
        15, 12, 13, 13, 9, 5, 8, 6, 14, 11, 12, 11, 8, 6, 5, 5,
    ];

    /// <summary>r(j): the left line reads word ρ^round(i) at step j = 16·round + i.</summary>
    private static readonly byte[] LeftWordOrder = ComputeWordOrder(i => i);

    /// <summary>r′(j): the right line reads word ρ^round(π(i)), with π(i) = 9i + 5 mod 16.</summary>
    private static readonly byte[] RightWordOrder = ComputeWordOrder(i => ((9 * i) + 5) % 16);

    /// <summary>s(j): the shift of the word the left line reads at step j.</summary>
    private static readonly byte[] LeftShifts = ComputeShifts(LeftWordOrder);

    /// <summary>s′(j): the shift of the word the right line reads at step j.</summary>
    private static readonly byte[] RightShifts = ComputeShifts(RightWordOrder);

    private State _state = State.Create();

    /// <summary>Hashes <paramref name="source"/> into the first 20 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckDestination(destination);
        var state = State.Create();
        state.Append(source);
        state.Finish(destination);
    }

    /// <summary>The 20-byte RIPEMD-160 digest of <paramref name="source"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> source)
    {
        var digest = new byte[HashSizeInBytes];
        Hash(source, digest);
        return digest;
    }

    /// <summary>Appends the next piece of the message.</summary>
    public void Append(ReadOnlySpan<byte> data) => _state.Append(data);

    /// <summary>Writes the digest of everything appended so far and starts a new message.</summary>
    public void GetHashAndReset(Span<byte> destination)
    {
        CheckDestination(destination);
        _state.Finish(destination);
        _state = State.Create();
    }

    /// <summary>The digest of everything appended so far; the instance starts a new message.</summary>
    public byte[] GetHashAndReset()
    {
        var digest = new byte[HashSizeInBytes];
        GetHashAndReset(digest);
        return digest;
    }

    private static void CheckDestination(Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException($"The destination must hold at least {HashSizeInBytes} bytes.", nameof(destination));
        }
    }

    private static byte[] ComputeWordOrder(Func<int, int> firstRound)
    {
        var order = new byte[80];
        for (var i = 0; i < 16; i++)
        {
            var word = firstRound(i);
            for (var round = 0; round < 5; round++)
            {
                order[(16 * round) + i] = (byte)word;
                word = Rho[word];
            }
        }

        return order;
    }

    private static byte[] ComputeShifts(byte[] wordOrder)
    {
        var shifts = new byte[80];
        for (var j = 0; j < 80; j++)
        {
            shifts[j] = ShiftsByRoundAndWord[(16 * (j / 16)) + wordOrder[j]];
        }

        return shifts;
    }

    /// <summary>
    /// The boolean functions f(j, x, y, z) by round: the left line uses f1..f5 in rounds 1..5, the
    /// right line f5..f1 (f(79 − j)).
    /// </summary>
    private static uint F(int function, uint x, uint y, uint z) => function switch
    {
        0 => x ^ y ^ z,
        1 => (x & y) | (~x & z),
        2 => (x | ~y) ^ z,
        3 => (x & z) | (y & ~z),
        _ => x ^ (y | ~z),
    };

    /// <summary>
    /// The compression function on one 16-word block: two parallel lines of 80 steps
    /// T = rol_s(j)(A + f(j, B, C, D) + X[r(j)] + K(j)) + E; A = E; E = D; D = rol_10(C); C = B; B = T,
    /// combined into the chaining value as the paper's pseudo-code does.
    /// </summary>
    private static void Compress(Span<uint> h, ReadOnlySpan<byte> block)
    {
        Span<uint> x = stackalloc uint[16];
        for (var i = 0; i < 16; i++)
        {
            x[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * i)..]);
        }

        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        uint ar = h[0], br = h[1], cr = h[2], dr = h[3], er = h[4];
        for (var j = 0; j < 80; j++)
        {
            var round = j / 16;
            var t = BitOperations.RotateLeft(a + F(round, b, c, d) + x[LeftWordOrder[j]] + LeftConstants[round], LeftShifts[j]) + e;
            (a, e, d, c, b) = (e, d, BitOperations.RotateLeft(c, 10), b, t);

            t = BitOperations.RotateLeft(ar + F(4 - round, br, cr, dr) + x[RightWordOrder[j]] + RightConstants[round], RightShifts[j]) + er;
            (ar, er, dr, cr, br) = (er, dr, BitOperations.RotateLeft(cr, 10), br, t);
        }

        var combined = h[1] + c + dr;
        h[1] = h[2] + d + er;
        h[2] = h[3] + e + ar;
        h[3] = h[4] + a + br;
        h[4] = h[0] + b + cr;
        h[0] = combined;
        x.Clear();
    }

    /// <summary>The chaining value, the unprocessed tail of the message, and the message length.</summary>
    private struct State
    {
        private ChainingValue _h;
        private Block _pending;
        private int _pendingLength;
        private ulong _messageLength;

        public static State Create()
        {
            var state = default(State);
            InitialValue.CopyTo(state._h);
            return state;
        }

        public void Append(ReadOnlySpan<byte> data)
        {
            Span<byte> pending = _pending;
            _messageLength += (ulong)data.Length;
            if (_pendingLength > 0)
            {
                var take = Math.Min(BlockSize - _pendingLength, data.Length);
                data[..take].CopyTo(pending[_pendingLength..]);
                _pendingLength += take;
                data = data[take..];
                if (_pendingLength < BlockSize)
                {
                    return;
                }

                Compress(_h, pending);
                _pendingLength = 0;
            }

            for (; data.Length >= BlockSize; data = data[BlockSize..])
            {
                Compress(_h, data[..BlockSize]);
            }

            data.CopyTo(pending);
            _pendingLength = data.Length;
        }

        /// <summary>
        /// MD4-style padding: a 1 bit, zeros up to 56 mod 64 bytes, then the message length in bits
        /// as a 64-bit little-endian integer; the digest is h0..h4, each little-endian.
        /// </summary>
        public void Finish(Span<byte> destination)
        {
            Span<byte> pending = _pending;
            var bitLength = _messageLength * 8;
            pending[_pendingLength..].Clear();
            pending[_pendingLength] = 0x80;
            if (_pendingLength >= BlockSize - 8)
            {
                Compress(_h, pending);
                pending.Clear();
            }

            BinaryPrimitives.WriteUInt64LittleEndian(pending[(BlockSize - 8)..], bitLength);
            Compress(_h, pending);
            for (var i = 0; i < 5; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(destination[(4 * i)..], _h[i]);
            }

            pending.Clear();
        }
    }

    [InlineArray(5)]
    private struct ChainingValue
    {
        private uint _element0;
    }

    [InlineArray(BlockSize)]
    private struct Block
    {
        private byte _element0;
    }
}
