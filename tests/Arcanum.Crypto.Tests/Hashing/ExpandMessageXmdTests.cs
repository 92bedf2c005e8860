using System.Text;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Tests.Hashing;

/// <summary>
/// Known answers from RFC 9380 Appendix K.1 (expand_message_xmd(SHA-256),
/// DST = "QUUX-V01-CS02-with-expander-SHA256-128") and Appendix K.2 (the same with a 256-byte DST,
/// which §5.3.3 hashes first). The messages "q128_…" and "a512_…" are that prefix followed by 128
/// 'q' and 512 'a' characters.
/// </summary>
public sealed class ExpandMessageXmdTests
{
    private const string Dst = "QUUX-V01-CS02-with-expander-SHA256-128";

    [Theory]
    [InlineData("", 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235")]
    [InlineData("abc", 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615")]
    [InlineData("abcdef0123456789", 0x20, "eff31487c770a893cfb36f912fbfcbff40d5661771ca4b2cb4eafe524333f5c1")]
    [InlineData("q128", 0x20, "b23a1d2b4d97b2ef7785562a7e8bac7eed54ed6e97e29aa51bfe3f12ddad1ff9")]
    [InlineData("a512", 0x20, "4623227bcc01293b8c130bf771da8c298dede7383243dc0993d2d94823958c4c")]
    [InlineData("", 0x80,
        "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbee0d121587713a3e0dd4d5e69e93eb7cd" +
        "4f5df4cd103e188cf60cb02edc3edf18eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dc" +
        "c541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced")]
    [InlineData("abc", 0x80,
        "abba86a6129e366fc877aab32fc4ffc70120d8996c88aee2fe4b32d6c7b6437a647e6c3163d40b76a73cf6a5674ef1d8" +
        "90f95b664ee0afa5359a5c4e07985635bbecbac65d747d3d2da7ec2b8221b17b0ca9dc8a1ac1c07ea6a1e60583e2cb00" +
        "058e77b7b72a298425cd1b941ad4ec65e8afc50303a22c0f99b0509b4c895f40")]
    [InlineData("abcdef0123456789", 0x80,
        "ef904a29bffc4cf9ee82832451c946ac3c8f8058ae97d8d629831a74c6572bd9ebd0df635cd1f208e2038e760c499498" +
        "4ce73f0d55ea9f22af83ba4734569d4bc95e18350f740c07eef653cbb9f87910d833751825f0ebefa1abe5420bb52be1" +
        "4cf489b37fe1a72f7de2d10be453b2c9d9eb20c7e3f6edc5a60629178d9478df")]
    [InlineData("q128", 0x80,
        "80be107d0884f0d881bb460322f0443d38bd222db8bd0b0a5312a6fedb49c1bbd88fd75d8b9a09486c60123dfa1d73c1" +
        "cc3169761b17476d3c6b7cbbd727acd0e2c942f4dd96ae3da5de368d26b32286e32de7e5a8cb2949f866a0b80c58116b" +
        "29fa7fabb3ea7d520ee603e0c25bcaf0b9a5e92ec6a1fe4e0391d1cdbce8c68a")]
    [InlineData("a512", 0x80,
        "546aff5444b5b79aa6148bd81728704c32decb73a3ba76e9e75885cad9def1d06d6792f8a7d12794e90efed817d96920" +
        "d728896a4510864370c207f99bd4a608ea121700ef01ed879745ee3e4ceef777eda6d9e5e38b90c86ea6fb0b36504ba4" +
        "a45d22e86f6db5dd43d98a294bebb9125d5b794e9d2a81181066eb954966a487")]
    public void Sha256_Rfc9380AppendixK1_MatchesUniformBytes(string message, int length, string expectedHex)
    {
        var output = new byte[length];

        ExpandMessageXmd.Sha256(Message(message), System.Text.Encoding.ASCII.GetBytes(Dst), output);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(output));
    }

    [Theory]
    [InlineData("", "e8dc0c8b686b7ef2074086fbdd2f30e3f8bfbd3bdf177f73f04b97ce618a3ed3")]
    [InlineData("abc", "52dbf4f36cf560fca57dedec2ad924ee9c266341d8f3d6afe5171733b16bbb12")]
    [InlineData("abcdef0123456789", "35387dcf22618f3728e6c686490f8b431f76550b0b2c61cbc1ce7001536f4521")]
    [InlineData("q128", "01b637612bb18e840028be900a833a74414140dde0c4754c198532c3a0ba42bc")]
    public void Sha256_Rfc9380AppendixK2LongDst_HashesTheTagFirst(string message, string expectedHex)
    {
        var longDst = System.Text.Encoding.ASCII.GetBytes(Dst + "-long-DST-" + new string('1', 208));
        Assert.Equal(256, longDst.Length);
        var output = new byte[0x20];

        ExpandMessageXmd.Sha256(Message(message), longDst, output);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void Sha256_MaximumLength_ProducesEveryBlockDistinctly()
    {
        var output = new byte[ExpandMessageXmd.MaxOutputLength];

        ExpandMessageXmd.Sha256("abc"u8, "DST"u8, output);

        var blocks = output.Chunk(32).Select(Convert.ToHexString).ToList();
        Assert.Equal(255, blocks.Count);
        Assert.Equal(blocks.Count, blocks.Distinct().Count());
    }

    [Fact]
    public void Sha256_DifferentLengths_AreNotPrefixesOfEachOther()
    {
        var longer = new byte[64];
        var shorter = new byte[45];

        ExpandMessageXmd.Sha256("abc"u8, "DST"u8, longer);
        ExpandMessageXmd.Sha256("abc"u8, "DST"u8, shorter);

        // len_in_bytes is hashed into b_0, so a shorter request is not a prefix of a longer one.
        Assert.NotEqual(longer[..45], shorter);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ExpandMessageXmd.MaxOutputLength + 1)]
    public void Sha256_OutputLengthOutOfRange_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => ExpandMessageXmd.Sha256("abc"u8, "DST"u8, new byte[length]));
    }

    [Fact]
    public void Sha256_EmptyDst_Throws()
    {
        Assert.Throws<ArgumentException>(() => ExpandMessageXmd.Sha256("abc"u8, [], new byte[32]));
    }

    private static byte[] Message(string name) => System.Text.Encoding.ASCII.GetBytes(name switch
    {
        "q128" => "q128_" + new string('q', 128),
        "a512" => "a512_" + new string('a', 512),
        _ => name,
    });
}
