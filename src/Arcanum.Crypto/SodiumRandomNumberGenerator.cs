using System.Security.Cryptography;
using Sodium = Arcanum.Crypto.Interop.Interop.Sodium;

namespace Arcanum.Crypto;

/// <summary>
/// A <see cref="RandomNumberGenerator"/> over libsodium's <c>randombytes_buf</c> (the operating
/// system's CSPRNG). Code that needs randomness takes a <see cref="RandomNumberGenerator"/> parameter;
/// this is the production source to pass, and tests pass deterministic ones.
/// </summary>
public sealed class SodiumRandomNumberGenerator : RandomNumberGenerator
{
    public override void GetBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        GetBytes(data.AsSpan());
    }

    public override void GetBytes(byte[] data, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        GetBytes(data.AsSpan(offset, count));
    }

    public override void GetBytes(Span<byte> data) => Sodium.RandomBytes(data);

    public override void GetNonZeroBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        GetNonZeroBytes(data.AsSpan());
    }

    /// <summary>Fills <paramref name="data"/>, then redraws each zero byte until it is not zero.</summary>
    public override void GetNonZeroBytes(Span<byte> data)
    {
        GetBytes(data);
        for (var i = 0; i < data.Length; i++)
        {
            while (data[i] == 0)
            {
                GetBytes(data.Slice(i, 1));
            }
        }
    }
}
