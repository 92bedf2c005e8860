using System.Numerics;
using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>RLP (Yellow Paper Appendix B): the canonical examples, and every non-canonical or malformed form refused.</summary>
public sealed class RlpTests
{
    private static readonly string LoremIpsum = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";

    [Theory]
    [InlineData("", "80")]
    [InlineData("00", "00")]
    [InlineData("0f", "0f")]
    [InlineData("7f", "7f")]
    [InlineData("80", "8180")]
    [InlineData("646f67", "83646f67")]
    public void EncodeBytes_Examples_AreCanonical(string bytes, string encoded)
    {
        Assert.Equal(encoded, Hex.Encode(Rlp.EncodeBytes(Hex.Decode(bytes))));
        Assert.True(Rlp.TryDecode(Hex.Decode(encoded), out var item, out _));
        Assert.False(item.IsList);
        Assert.Equal(bytes, Hex.Encode(item.Bytes.Span));
    }

    [Fact]
    public void EncodeBytes_56Bytes_UsesTheLongForm()
    {
        var text = System.Text.Encoding.ASCII.GetBytes(LoremIpsum);
        var encoded = Rlp.EncodeBytes(text);
        Assert.Equal("b838", Hex.Encode(encoded.AsSpan(0, 2)));
        Assert.True(Rlp.TryDecode(encoded, out var item, out _));
        Assert.Equal(text, item.Bytes.ToArray());
    }

    [Theory]
    [InlineData(0, "80")]
    [InlineData(15, "0f")]
    [InlineData(127, "7f")]
    [InlineData(128, "8180")]
    [InlineData(1024, "820400")]
    public void EncodeInteger_Examples_HaveNoLeadingZeros(int value, string encoded)
    {
        Assert.Equal(encoded, Hex.Encode(Rlp.EncodeInteger(value)));
        Assert.True(Rlp.TryDecode(Hex.Decode(encoded), out var item, out _));
        Assert.True(item.TryGetInteger("n", 32, out var decoded, out _));
        Assert.Equal(new BigInteger(value), decoded);
    }

    [Fact]
    public void EncodeList_SetTheoreticRepresentationOfThree_MatchesTheWiki()
    {
        byte[] empty = Rlp.EncodeList([]);
        var one = Rlp.EncodeList([empty]);
        var three = Rlp.EncodeList([empty, one, Rlp.EncodeList([empty, one])]);
        Assert.Equal("c7c0c1c0c3c0c1c0", Hex.Encode(three));
        Assert.Equal("c88363617483646f67", Hex.Encode(Rlp.EncodeList([Rlp.EncodeBytes("cat"u8), Rlp.EncodeBytes("dog"u8)])));

        Assert.True(Rlp.TryDecode(three, out var item, out _));
        Assert.Equal(3, item.Items.Count);
        Assert.True(item.Items[2].Items[1].Items[0].IsList);
    }

    [Theory]
    [InlineData("", "truncated")]
    [InlineData("8100", "non-canonical")]
    [InlineData("817f", "non-canonical")]
    [InlineData("b80100", "non-canonical")]
    [InlineData("b837", "non-canonical")]
    [InlineData("b90038", "leading zero")]
    [InlineData("f800", "non-canonical")]
    [InlineData("83646f", "truncated")]
    [InlineData("c283646f67", "truncated")]
    [InlineData("b8", "truncated")]
    [InlineData("bc7fffffff", "truncated")]
    [InlineData("bf0102030405060708", "oversized")]
    [InlineData("8364646f67", "trailing")]
    [InlineData("83646f6700", "trailing")]
    [InlineData("c2c3", "truncated")]
    public void TryDecode_MalformedOrNonCanonical_FailsWithError(string hex, string expected)
    {
        Assert.False(Rlp.TryDecode(Hex.Decode(hex), out var item, out var error));
        Assert.Null(item);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_NestingBeyondMaxDepth_Fails()
    {
        byte[] nested = Rlp.EncodeList([]);
        for (var depth = 0; depth < Rlp.MaxDepth; depth++)
        {
            nested = Rlp.EncodeList([nested]);
        }

        Assert.False(Rlp.TryDecode(nested, out _, out var error));
        Assert.Contains("nested deeper", error, StringComparison.Ordinal);
        Assert.True(Rlp.TryDecode(nested.AsMemory(1), out _, out _));
    }

    [Theory]
    [InlineData("820001", "leading zero")]
    [InlineData("00", "leading zero")]
    [InlineData("c0", "found a list")]
    [InlineData("83010203", "exceeds 2 bytes")]
    public void TryGetInteger_NonCanonicalOrOversized_Fails(string hex, string expected)
    {
        Assert.True(Rlp.TryDecode(Hex.Decode(hex), out var item, out _));
        Assert.False(item.TryGetInteger("field", 2, out _, out var error));
        Assert.StartsWith("field: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_EveryByteOfATransactionMutated_NeverThrowsAndReEncodesWhenAccepted()
    {
        var raw = Hex.Decode("f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
        var accepted = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            foreach (var value in new byte[] { 0x00, 0x7f, 0x80, 0xb8, 0xc0, 0xf8, 0xff, (byte)(raw[i] ^ 0x01) })
            {
                var mutated = (byte[])raw.Clone();
                mutated[i] = value;
                if (Rlp.TryDecode(mutated, out var item, out _))
                {
                    Assert.Equal(mutated, ReEncode(item));
                    accepted++;
                }
            }
        }

        Assert.InRange(accepted, 1, raw.Length * 8);
    }

    private static byte[] ReEncode(RlpItem item) =>
        item.IsList ? Rlp.EncodeList(item.Items.Select(ReEncode)) : Rlp.EncodeBytes(item.Bytes.Span);
}
