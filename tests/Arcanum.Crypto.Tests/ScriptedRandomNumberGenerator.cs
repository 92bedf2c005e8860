using System.Security.Cryptography;

namespace Arcanum.Crypto.Tests;

/// <summary>
/// A <see cref="RandomNumberGenerator"/> that hands out the given byte strings in order, one per call,
/// so tests can prove which randomness a method consumed.
/// </summary>
internal sealed class ScriptedRandomNumberGenerator(params byte[][] outputs) : RandomNumberGenerator
{
    private readonly Queue<byte[]> _outputs = new(outputs);

    public int Calls { get; private set; }

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        var next = _outputs.Dequeue();
        Assert.Equal(next.Length, data.Length);
        next.CopyTo(data);
        Calls++;
    }
}
