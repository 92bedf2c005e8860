using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// Keccak-256 as Ethereum uses it: the sponge Keccak[c = 512] over Keccak-f[1600] (rate 1088 bits
/// = 136 bytes) with the original Keccak multi-rate padding pad10*1 and <i>no</i> domain-separation
/// suffix, truncated to 256 bits. In bytes the padding is 0x01 … 0x80 (0x81 when it is one byte),
/// which is where it differs from FIPS 202 SHA3-256, whose suffix 01 makes it 0x06 … 0x80.
/// </summary>
/// <remarks>
/// Use <see cref="Hash(ReadOnlySpan{byte}, Span{byte})"/> for one message; create an instance to
/// hash a message that arrives in pieces (<see cref="Append"/>, then <see cref="GetHashAndReset(Span{byte})"/>).
/// An instance allocates nothing after construction and is not thread-safe.
/// </remarks>
public sealed class Keccak256
{
    /// <summary>The length of the digest: 32 bytes.</summary>
    public const int HashSizeInBytes = 32;

    /// <summary>The sponge rate r = 1600 − c = 1088 bits.</summary>
    public const int RateInBytes = 136;

    private Sponge _sponge;

    /// <summary>Hashes <paramref name="source"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckDestination(destination);
        var sponge = default(Sponge);
        sponge.Absorb(source);
        sponge.Finish(destination);
    }

    /// <summary>The 32-byte Keccak-256 digest of <paramref name="source"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> source)
    {
        var digest = new byte[HashSizeInBytes];
        Hash(source, digest);
        return digest;
    }

    /// <summary>Absorbs the next piece of the message.</summary>
    public void Append(ReadOnlySpan<byte> data) => _sponge.Absorb(data);

    /// <summary>Writes the digest of everything appended so far and starts a new message.</summary>
    public void GetHashAndReset(Span<byte> destination)
    {
        CheckDestination(destination);
        _sponge.Finish(destination);
        _sponge = default;
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

    /// <summary>
    /// The sponge construction (FIPS 202 §4, Algorithm 8) kept incrementally: input bytes are XORed
    /// straight into the first r bits of the state (byte i of the block is byte i mod 8 of lane
    /// i / 8, lanes little-endian as in §B.1), and f is applied after every full block. The all-zero
    /// state is the initial state, so <c>default</c> is a fresh sponge.
    /// </summary>
    private struct Sponge
    {
        private Lanes _lanes;
        private int _position;

        public void Absorb(ReadOnlySpan<byte> data)
        {
            Span<ulong> lanes = _lanes;
            while (!data.IsEmpty)
            {
                if (_position == 0 && data.Length >= RateInBytes)
                {
                    for (var i = 0; i < RateInBytes / 8; i++)
                    {
                        lanes[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(data[(8 * i)..]);
                    }

                    KeccakF1600.Permute(lanes);
                    data = data[RateInBytes..];
                    continue;
                }

                var take = Math.Min(RateInBytes - _position, data.Length);
                for (var i = 0; i < take; i++)
                {
                    XorByte(lanes, _position + i, data[i]);
                }

                _position += take;
                data = data[take..];
                if (_position == RateInBytes)
                {
                    KeccakF1600.Permute(lanes);
                    _position = 0;
                }
            }
        }

        /// <summary>
        /// pad10*1 (FIPS 202 §5.1) with Keccak's empty suffix: a 1 bit right after the message and a
        /// 1 bit at the end of the block; one more f; the digest is the first 256 bits of the state.
        /// </summary>
        public void Finish(Span<byte> destination)
        {
            Span<ulong> lanes = _lanes;
            XorByte(lanes, _position, 0x01);
            XorByte(lanes, RateInBytes - 1, 0x80);
            KeccakF1600.Permute(lanes);
            for (var i = 0; i < HashSizeInBytes / 8; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[(8 * i)..], lanes[i]);
            }
        }

        private static void XorByte(Span<ulong> lanes, int offset, byte value) =>
            lanes[offset / 8] ^= (ulong)value << (8 * (offset % 8));
    }

    [InlineArray(KeccakF1600.LaneCount)]
    private struct Lanes
    {
        private ulong _element0;
    }
}
