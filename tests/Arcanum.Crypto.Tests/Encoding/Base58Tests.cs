using Arcanum.Crypto.Encoding;

namespace Arcanum.Crypto.Tests.Encoding;

public sealed class Base58Tests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("00", "1")]
    [InlineData("0000", "11")]
    [InlineData("61", "2g")]
    [InlineData("0001", "12")]
    [InlineData("39", "z")]
    [InlineData("3a", "21")]
    [InlineData("000000ff", "1115Q")]
    public void Encode_SmallValues_UseLeadingOnesForZeroBytes(string hex, string expected)
    {
        var data = Convert.FromHexString(hex);

        Assert.Equal(expected, Base58.Encode(data));
        Assert.True(Base58.TryDecode(expected, out var decoded));
        Assert.Equal(data, decoded);
    }

    [Fact]
    public void EncodeThenDecode_RandomBytesWithLeadingZeros_RoundTrips()
    {
        var random = new Random(58);
        var failures = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var data = new byte[random.Next(0, 80)];
            random.NextBytes(data);
            data.AsSpan(0, random.Next(0, Math.Min(4, data.Length) + 1)).Clear();

            var text = Base58.Encode(data);

            if (!Base58.TryDecode(text, out var decoded) || !decoded.AsSpan().SequenceEqual(data))
            {
                failures.Add(Convert.ToHexStringLower(data));
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("O")]
    [InlineData("I")]
    [InlineData("l")]
    [InlineData("+")]
    [InlineData("/")]
    [InlineData("2g ")]
    [InlineData(" 2g")]
    [InlineData("2\tg")]
    [InlineData("2g\n")]
    [InlineData("1110")]
    [InlineData("\u00e9")]
    public void TryDecode_CharacterOutsideTheAlphabet_ReturnsFalse(string text)
    {
        Assert.False(Base58.TryDecode(text, out var data));
        Assert.Null(data);
    }

    [Fact]
    public void Encode_MaximumInput_FitsTheMaximumEncodedLength()
    {
        var data = new byte[Base58.MaxDataLength];
        data.AsSpan().Fill(0xFF);

        var text = Base58.Encode(data);

        Assert.True(text.Length <= Base58.MaxEncodedLength);
        Assert.True(Base58.TryDecode(text, out var decoded));
        Assert.Equal(data, decoded);
    }

    [Fact]
    public void Encode_InputOverTheMaximum_Throws()
    {
        Assert.Throws<ArgumentException>(() => Base58.Encode(new byte[Base58.MaxDataLength + 1]));
    }

    [Fact]
    public void TryDecode_TextOverTheMaximum_ReturnsFalse()
    {
        Assert.True(Base58.TryDecode(new string('z', Base58.MaxEncodedLength), out _));
        Assert.False(Base58.TryDecode(new string('z', Base58.MaxEncodedLength + 1), out _));
        Assert.False(Base58.TryDecode(new string('1', 100_000), out _));
    }
}
