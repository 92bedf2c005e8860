using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Tests.Hashing;

public sealed class Blake2bTests
{
    /// <summary>RFC 7693 Appendix A: BLAKE2b-512("abc").</summary>
    private const string Rfc7693Abc =
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1" +
        "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923";

    [Fact]
    public void Hash_Rfc7693AppendixA_Abc()
    {
        var digest = new byte[64];

        Blake2b.Hash("abc"u8, digest);

        Assert.Equal(Rfc7693Abc, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Hash_KeyedAndUnkeyed_Differ()
    {
        var unkeyed = new byte[32];
        var keyed = new byte[32];
        var otherKeyed = new byte[32];
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        Blake2b.Hash("message"u8, unkeyed);
        Blake2b.Hash("message"u8, keyed, key);
        key[0] ^= 1;
        Blake2b.Hash("message"u8, otherKeyed, key);

        Assert.NotEqual(unkeyed, keyed);
        Assert.NotEqual(keyed, otherKeyed);
    }

    [Fact]
    public void Hash_ShorterOutput_IsNotATruncation()
    {
        var full = new byte[64];
        var shorter = new byte[32];

        Blake2b.Hash("abc"u8, full);
        Blake2b.Hash("abc"u8, shorter);

        Assert.NotEqual(full[..32], shorter);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(65)]
    [InlineData(0)]
    public void Hash_OutputLengthOutOfRange_Throws(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => Blake2b.Hash("abc"u8, new byte[length]));

        Assert.Equal("destination", error.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(65)]
    public void Hash_KeyLengthOutOfRange_Throws(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => Blake2b.Hash("abc"u8, new byte[32], new byte[length]));

        Assert.Equal("key", error.ParamName);
    }
}
