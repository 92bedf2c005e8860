using System.Text;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Tests.Hashing;

public sealed class Blake2sTests
{
    /// <summary>The key 00 01 … 1f of the BLAKE2 reference package's keyed known answers.</summary>
    private static readonly byte[] KatKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void Hash_Abc_MatchesRfc7693AppendixB()
    {
        // RFC 7693, Appendix B: BLAKE2s-256("abc").
        var expected = Convert.FromHexString("508C5E8C327C14E2E1A72BA34EEB452F37458B209ED63A294D999B4C86675982");
        var digest = new byte[32];

        Blake2s.Hash(System.Text.Encoding.ASCII.GetBytes("abc"), digest);

        Assert.Equal(expected, digest);
    }

    /// <summary>
    /// Keyed known answers from the BLAKE2 reference package (github.com/BLAKE2/BLAKE2,
    /// testvectors/blake2s-test.txt, the same values as blake2s-kat.txt): key = 00 01 … 1f, message =
    /// 00 01 … (n − 1), 32-byte digest. The lengths chosen sit on both sides of the 64-byte block.
    /// </summary>
    [Theory]
    [InlineData(0, "48a8997da407876b3d79c0d92325ad3b89cbb754d86ab71aee047ad345fd2c49")]
    [InlineData(1, "40d15fee7c328830166ac3f918650f807e7e01e177258cdc0a39b11f598066f1")]
    [InlineData(2, "6bb71300644cd3991b26ccd4d274acd1adeab8b1d7914546c1198bbe9fc9d803")]
    [InlineData(63, "c65382513f07460da39833cb666c5ed82e61b9e998f4b0c4287cee56c3cc9bcd")]
    [InlineData(64, "8975b0577fd35566d750b362b0897a26c399136df07bababbde6203ff2954ed4")]
    [InlineData(65, "21fe0ceb0052be7fb0f004187cacd7de67fa6eb0938d927677f2398c132317a8")]
    public void HashKeyed_ReferenceKat_MatchesPublishedDigest(int messageLength, string expectedHex)
    {
        var message = Enumerable.Range(0, messageLength).Select(i => (byte)i).ToArray();
        var digest = new byte[32];

        Blake2s.HashKeyed(KatKey, message, digest);

        Assert.Equal(Convert.FromHexString(expectedHex), digest);
    }

    [Fact]
    public void Append_RandomSplitsAcrossBlocks_EqualsOneShot()
    {
        var random = new Random(7693);
        var failures = new List<string>();
        for (var trial = 0; trial < 300; trial++)
        {
            var message = new byte[random.Next(0, 400)];
            random.NextBytes(message);
            var key = new byte[random.Next(0, 33)];
            random.NextBytes(key);
            var outputLength = random.Next(1, 33);

            var expected = new byte[outputLength];
            Blake2s.HashKeyed(key, message, expected);

            using var hasher = new Blake2s(key, outputLength);
            var rest = message.AsSpan();
            while (!rest.IsEmpty)
            {
                var take = random.Next(0, Math.Min(rest.Length, 150) + 1);
                hasher.Append(rest[..take]);
                rest = rest[take..];
            }

            var actual = new byte[outputLength];
            hasher.Finish(actual);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                failures.Add($"trial {trial}: message {message.Length} B, key {key.Length} B, output {outputLength} B");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void AppendAndFinish_AfterWarmUp_AllocateNothing()
    {
        var data = new byte[1000];
        var digest = new byte[32];
        using var hasher = new Blake2s(new byte[16]);
        hasher.Append(data);
        hasher.Finish(digest);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            hasher.Append(data.AsSpan(0, i * 7));
            hasher.Finish(digest);
            Blake2s.Hash(data.AsSpan(0, i), digest);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Finish_CalledTwice_StartsANewMessageWithTheSameKey()
    {
        var key = new byte[] { 1, 2, 3 };
        var expected = new byte[32];
        Blake2s.HashKeyed(key, "second"u8, expected);
        using var hasher = new Blake2s(key);
        hasher.Append("first"u8);
        hasher.Finish(new byte[32]);

        hasher.Append("second"u8);
        var actual = new byte[32];
        hasher.Finish(actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Hash_ShorterOutput_IsNotAPrefixOfTheLongerOne()
    {
        // RFC 7693 §2.5: the digest length is part of the parameter block, so truncation is not enough.
        var full = new byte[32];
        var short16 = new byte[16];

        Blake2s.Hash("abc"u8, full);
        Blake2s.Hash("abc"u8, short16);

        Assert.NotEqual(full[..16], short16);
    }

    [Fact]
    public void HashKeyed_EmptyKey_EqualsUnkeyedHash()
    {
        var keyed = new byte[32];
        var unkeyed = new byte[32];

        Blake2s.HashKeyed([], "abc"u8, keyed);
        Blake2s.Hash("abc"u8, unkeyed);

        Assert.Equal(unkeyed, keyed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Hash_OutputLengthOutOfRange_Throws(int outputLength) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Blake2s.Hash("abc"u8, new byte[outputLength]));

    [Fact]
    public void HashKeyed_KeyLongerThan32Bytes_Throws() =>
        Assert.Throws<ArgumentException>(() => Blake2s.HashKeyed(new byte[33], "abc"u8, new byte[32]));

    [Fact]
    public void Finish_DestinationOfWrongLength_Throws()
    {
        using var hasher = new Blake2s(outputLength: 20);

        Assert.Throws<ArgumentException>(() => hasher.Finish(new byte[32]));
    }

    [Fact]
    public void Append_AfterDispose_Throws()
    {
        var hasher = new Blake2s(new byte[32]);
        hasher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => hasher.Append("abc"u8));
        Assert.Equal("[redacted]", hasher.ToString());
    }
}
