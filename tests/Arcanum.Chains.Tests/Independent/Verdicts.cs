using Arcanum.TestKit.Verifiers;

namespace Arcanum.Chains.Tests.Independent;

/// <summary>Assertions on the verdicts of <see cref="ChainVerifiers"/>, and the one-byte tampering the tests apply.</summary>
internal static class Verdicts
{
    /// <summary>Every verdict is ok; a failure names the request and the verifier's reason.</summary>
    public static void AllOk(IReadOnlyList<VerifierVerdict> verdicts)
    {
        for (var i = 0; i < verdicts.Count; i++)
        {
            Assert.True(verdicts[i].Ok, $"request {i}: {verdicts[i].Reason}");
        }
    }

    /// <summary>The verdict is a rejection whose reason contains <paramref name="reason"/>.</summary>
    public static void Rejected(VerifierVerdict verdict, string reason)
    {
        Assert.False(verdict.Ok, $"accepted, but expected a rejection mentioning \"{reason}\"");
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>A copy of <paramref name="bytes"/> with the lowest bit of the byte at <paramref name="index"/> flipped.</summary>
    public static byte[] Flip(ReadOnlySpan<byte> bytes, Index index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }
}
