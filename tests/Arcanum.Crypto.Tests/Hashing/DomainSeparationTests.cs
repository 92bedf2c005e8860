using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Tests.Hashing;

public sealed class DomainSeparationTests
{
    [Fact]
    public void Encode_LabelAndFields_AreEachPrefixedWithTheirBigEndianLength()
    {
        var encoded = DomainSeparation.Encode("ab", new byte[] { 0xFF }, Array.Empty<byte>());

        Assert.Equal(Convert.FromHexString("00000002" + "6162" + "00000001" + "ff" + "00000000"), encoded);
    }

    [Fact]
    public void Encode_SameBytesSplitDifferently_EncodesDifferently()
    {
        var ab = DomainSeparation.Encode("label", "ab"u8.ToArray(), "c"u8.ToArray());
        var bc = DomainSeparation.Encode("label", "a"u8.ToArray(), "bc"u8.ToArray());
        var moved = DomainSeparation.Encode("labela", "b"u8.ToArray(), "c"u8.ToArray());

        Assert.NotEqual(ab, bc);
        Assert.NotEqual(bc, moved);
    }

    [Fact]
    public void Encode_EmptyLabel_Throws()
    {
        Assert.Throws<ArgumentException>(() => DomainSeparation.Encode(""));
    }
}
