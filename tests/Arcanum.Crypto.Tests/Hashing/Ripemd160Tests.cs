using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Tests.Hashing;

public sealed class Ripemd160Tests
{
    /// <summary>
    /// The test strings published by the designers on "The hash function RIPEMD-160" page
    /// (A. Bosselaers, https://homes.esat.kuleuven.be/~bosselae/ripemd160.html, "Test vectors").
    /// </summary>
    [Theory]
    [InlineData("", "9c1185a5c5e9fc54612808977ee8f548b2258d31")]
    [InlineData("a", "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe")]
    [InlineData("abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc")]
    [InlineData("message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "f71c27109c692c1b56bbdceb5b9d2865b3708dbc")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "12a053384a9c0c88e405a06c27dcf49ada62eb2b")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "b0e20b6e3116640286ed3a87a5713079b21f5189")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "9b752e45573d4b39f4dbd3323cab82bf63326bfb")]
    public void Hash_PublishedTestString_MatchesPublishedDigest(string message, string expectedHex)
    {
        var digest = Ripemd160.Hash(System.Text.Encoding.ASCII.GetBytes(message));

        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    /// <summary>Same page: one million repetitions of "a".</summary>
    [Fact]
    public void Hash_OneMillionA_MatchesPublishedDigest()
    {
        const string expected = "52783243c1697bdbe16d37f97f68f08325dc1528";
        var message = new byte[1_000_000];
        message.AsSpan().Fill((byte)'a');
        var hasher = new Ripemd160();
        for (var offset = 0; offset < message.Length; offset += 1000)
        {
            hasher.Append(message.AsSpan(offset, 1000));
        }

        Assert.Equal(expected, Convert.ToHexStringLower(Ripemd160.Hash(message)));
        Assert.Equal(expected, Convert.ToHexStringLower(hasher.GetHashAndReset()));
    }

    [Fact]
    public void Append_RandomSplitsAcrossBlockBoundaries_MatchesOneShot()
    {
        var random = new Random(160);
        var failures = new List<string>();
        for (var length = 0; length <= 200; length++)
        {
            var input = new byte[length];
            random.NextBytes(input);
            var expected = Ripemd160.Hash(input);
            var hasher = new Ripemd160();
            for (var offset = 0; offset < length;)
            {
                var piece = random.Next(0, Math.Min(length - offset, 100) + 1);
                hasher.Append(input.AsSpan(offset, piece));
                offset += piece;
            }

            if (!hasher.GetHashAndReset().AsSpan().SequenceEqual(expected))
            {
                failures.Add($"length {length}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void HashAndIncrementalHashing_AfterConstruction_AllocateNothing()
    {
        var input = new byte[1000];
        var digest = new byte[Ripemd160.HashSizeInBytes];
        var hasher = new Ripemd160();
        Ripemd160.Hash(input, digest);
        hasher.Append(input);
        hasher.GetHashAndReset(digest);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Ripemd160.Hash(input, digest);
        hasher.Append(input.AsSpan(0, 333));
        hasher.Append(input.AsSpan(333));
        hasher.GetHashAndReset(digest);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void GetHashAndReset_InstanceReused_StartsANewMessage()
    {
        var hasher = new Ripemd160();
        hasher.Append("first message"u8);
        _ = hasher.GetHashAndReset();

        hasher.Append("abc"u8);

        Assert.Equal("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc", Convert.ToHexStringLower(hasher.GetHashAndReset()));
    }
}
