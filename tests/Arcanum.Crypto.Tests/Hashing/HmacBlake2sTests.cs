using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Tests.Hashing;

/// <summary>
/// HMAC-BLAKE2s has no published known answers of its own; the Noise vectors exercise it through
/// HKDF. These tests check the RFC 2104 construction against BLAKE2s used by hand.
/// </summary>
public sealed class HmacBlake2sTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(64)]
    public void Compute_ShortKey_EqualsRfc2104Composition(int keyLength)
    {
        var key = Enumerable.Range(1, keyLength).Select(i => (byte)i).ToArray();
        var data = "Noise HMAC"u8.ToArray();

        var actual = new byte[32];
        HmacBlake2s.Compute(key, data, actual);

        Assert.Equal(ComposeByHand(key, data), actual);
    }

    [Fact]
    public void Compute_KeyLongerThanBlock_UsesHashOfKey()
    {
        // RFC 2104 §2: a key longer than B = 64 bytes is replaced by H(key).
        var longKey = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var hashedKey = new byte[32];
        Blake2s.Hash(longKey, hashedKey);

        var withLongKey = new byte[32];
        var withHashedKey = new byte[32];
        HmacBlake2s.Compute(longKey, "data"u8, withLongKey);
        HmacBlake2s.Compute(hashedKey, "data"u8, withHashedKey);

        Assert.Equal(withHashedKey, withLongKey);
    }

    [Fact]
    public void Compute_DifferentKeys_GiveDifferentMacs()
    {
        var first = new byte[32];
        var second = new byte[32];

        HmacBlake2s.Compute([1], "data"u8, first);
        HmacBlake2s.Compute([2], "data"u8, second);

        Assert.NotEqual(first, second);
    }

    /// <summary>H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ text)) with K zero-padded to 64 bytes.</summary>
    private static byte[] ComposeByHand(byte[] key, byte[] data)
    {
        var padded = new byte[64];
        key.CopyTo(padded, 0);
        var inner = new byte[32];
        Blake2s.Hash([.. padded.Select(b => (byte)(b ^ 0x36)), .. data], inner);
        var outer = new byte[32];
        Blake2s.Hash([.. padded.Select(b => (byte)(b ^ 0x5C)), .. inner], outer);
        return outer;
    }
}
