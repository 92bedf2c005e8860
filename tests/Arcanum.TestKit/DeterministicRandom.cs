using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Arcanum.TestKit;

/// <summary>
/// A reproducible <see cref="RandomNumberGenerator"/> for tests: SHA-256(seed ‖ counter) blocks.
/// Protocol and crypto code take their randomness as a parameter, so tests can replay a failure
/// from its seed. Never use outside tests.
/// </summary>
public sealed class DeterministicRandom(ulong seed) : RandomNumberGenerator
{
    private readonly byte[] _block = new byte[32];
    private ulong _counter;
    private int _available;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        Span<byte> input = stackalloc byte[16];
        while (data.Length > 0)
        {
            if (_available == 0)
            {
                BinaryPrimitives.WriteUInt64BigEndian(input, seed);
                BinaryPrimitives.WriteUInt64BigEndian(input[8..], _counter++);
                SHA256.HashData(input, _block);
                _available = _block.Length;
            }

            var take = Math.Min(_available, data.Length);
            _block.AsSpan(_block.Length - _available, take).CopyTo(data);
            _available -= take;
            data = data[take..];
        }
    }

    public override void GetNonZeroBytes(byte[] data) => GetNonZeroBytes(data.AsSpan());

    public override void GetNonZeroBytes(Span<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            do
            {
                GetBytes(data.Slice(i, 1));
            }
            while (data[i] == 0);
        }
    }
}
