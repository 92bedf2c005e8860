using Arcanum.Crypto.Encoding;

namespace Arcanum.Crypto.Tests.Encoding;

public sealed class HexTests
{
    [Fact]
    public void Encode_Bytes_IsLowerCase()
    {
        Assert.Equal("00ab10ff", Hex.Encode([0x00, 0xAB, 0x10, 0xFF]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00ab10ff")]
    [InlineData("00AB10FF")]
    [InlineData("00aB10Ff")]
    public void TryDecode_UpperLowerOrMixedCaseDigits_Decodes(string hex)
    {
        Assert.True(Hex.TryDecode(hex, out var data));
        Assert.Equal(Convert.FromHexString(hex), data);
    }

    [Fact]
    public void TryDecode_EveryByteValue_RoundTrips()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        Assert.True(Hex.TryDecode(Hex.Encode(all), out var lower));
        Assert.True(Hex.TryDecode(Hex.Encode(all).ToUpperInvariant(), out var upper));
        Assert.Equal(all, lower);
        Assert.Equal(all, upper);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("0x00")]
    [InlineData("0g")]
    [InlineData("g0")]
    [InlineData("00 11")]
    [InlineData(" 0011")]
    [InlineData("0011\n")]
    [InlineData("-1")]
    [InlineData("0/")]
    [InlineData("0:")]
    [InlineData("0@")]
    [InlineData("0G")]
    [InlineData("0`")]
    [InlineData("0\u0660")] // ARABIC-INDIC DIGIT ZERO: a digit to char.IsDigit, not to hex.
    [InlineData("0\uff41")] // FULLWIDTH LATIN SMALL LETTER A.
    public void TryDecode_OddLengthOrNonHexCharacter_ReturnsFalse(string hex)
    {
        Assert.False(Hex.TryDecode(hex, out var data));
        Assert.Null(data);
        Assert.Throws<FormatException>(() => Hex.Decode(hex));
    }

    [Fact]
    public void TryDecode_InvalidCharacter_LeavesDestinationZeroed()
    {
        var destination = new byte[] { 1, 2, 3 };

        Assert.False(Hex.TryDecode("aabbzz", destination, out var written));
        Assert.Equal(0, written);
        Assert.Equal(new byte[3], destination);
    }

    [Fact]
    public void TryDecode_DestinationTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => Hex.TryDecode("aabb", new byte[1], out _));
    }
}
