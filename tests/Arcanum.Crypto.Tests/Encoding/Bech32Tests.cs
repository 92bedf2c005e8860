using System.Text.Json;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Encoding;

public sealed class Bech32Tests
{
    /// <summary>BIP173 "Test vectors": strings that are valid Bech32.</summary>
    public static TheoryData<string> Bip173Valid =>
    [
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        "?1ezyfcl",
    ];

    /// <summary>BIP350 "Test vectors for Bech32m": strings that are valid Bech32m.</summary>
    public static TheoryData<string> Bip350Valid =>
    [
        "A1LQFN3A",
        "a1lqfn3a",
        "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
        "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
        "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
        "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
        "?1v759aa",
    ];

    /// <summary>
    /// BIP173 and BIP350 "Test vectors": strings that are not valid Bech32 or Bech32m, with the reason
    /// the BIP gives mapped to our error. BIP350's "checksum calculated with uppercase form of HRP"
    /// strings are plain checksum failures to a decoder, which lower-cases before checking.
    /// </summary>
    public static TheoryData<string, Bech32Error> Bip173AndBip350Invalid => new()
    {
        { "\u0020" + "1nwldj5", Bech32Error.CharacterOutOfRange },
        { "\u007f" + "1axkwrx", Bech32Error.CharacterOutOfRange },
        { "\u0080" + "1eym55h", Bech32Error.CharacterOutOfRange },
        { "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx", Bech32Error.TooLong },
        { "pzry9x0s0muk", Bech32Error.MissingSeparator },
        { "1pzry9x0s0muk", Bech32Error.EmptyHrp },
        { "x1b4n0q5v", Bech32Error.InvalidDataCharacter },
        { "li1dgmt3", Bech32Error.ChecksumTooShort },
        { "de1lg7wt" + "\u00ff", Bech32Error.CharacterOutOfRange },
        { "A1G7SGD8", Bech32Error.InvalidChecksum },
        { "10a06t8", Bech32Error.EmptyHrp },
        { "1qzzfhee", Bech32Error.EmptyHrp },
        { "\u0020" + "1xj0phk", Bech32Error.CharacterOutOfRange },
        { "\u007f" + "1g6xzxy", Bech32Error.CharacterOutOfRange },
        { "\u0080" + "1vctc34", Bech32Error.CharacterOutOfRange },
        { "an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4", Bech32Error.TooLong },
        { "qyrz8wqd2c9m", Bech32Error.MissingSeparator },
        { "1qyrz8wqd2c9m", Bech32Error.EmptyHrp },
        { "y1b0jsk6g", Bech32Error.InvalidDataCharacter },
        { "lt1igcx5c0", Bech32Error.InvalidDataCharacter },
        { "in1muywd", Bech32Error.ChecksumTooShort },
        { "mm1crxm3i", Bech32Error.InvalidDataCharacter },
        { "au1s5cgom", Bech32Error.InvalidDataCharacter },
        { "M1VUXWEZ", Bech32Error.InvalidChecksum },
        { "16plkw9", Bech32Error.EmptyHrp },
        { "1p2gdwpf", Bech32Error.EmptyHrp },
    };

    /// <summary>Adversarial strings of our own, each breaking one rule of a valid string.</summary>
    public static TheoryData<string, Bech32Error> OwnInvalid => new()
    {
        { "", Bech32Error.MissingSeparator },
        { "a12uel5L", Bech32Error.MixedCase },
        { "A12uel5l", Bech32Error.MixedCase },
        { "a12uel5m", Bech32Error.InvalidChecksum },
        { "a12ue5l", Bech32Error.ChecksumTooShort },
        { "a1 2uel5l", Bech32Error.CharacterOutOfRange },
        { "a12uel5l\n", Bech32Error.CharacterOutOfRange },
        { "a12uel5o", Bech32Error.InvalidDataCharacter },
        { "a12uel5b", Bech32Error.InvalidDataCharacter },
        { "a1qpzry9x8gf2tvdw0s3jn54khce6mua7l" + new string('q', 60) + "qqqqqq", Bech32Error.TooLong },
        { "1", Bech32Error.EmptyHrp },
        { "a1", Bech32Error.ChecksumTooShort },
        { "a12uel5l1", Bech32Error.ChecksumTooShort },
    };

    [Theory]
    [MemberData(nameof(Bip173Valid))]
    public void TryDecode_Bip173ValidString_IsBech32AndReEncodes(string text) => AssertValid(text, Bech32Variant.Bech32);

    [Theory]
    [MemberData(nameof(Bip350Valid))]
    public void TryDecode_Bip350ValidString_IsBech32mAndReEncodes(string text) => AssertValid(text, Bech32Variant.Bech32m);

    [Theory]
    [MemberData(nameof(Bip173AndBip350Invalid))]
    public void TryDecode_BipInvalidString_ReturnsFalseWithReason(string text, Bech32Error reason) => AssertInvalid(text, reason);

    [Theory]
    [MemberData(nameof(OwnInvalid))]
    public void TryDecode_AdversarialString_ReturnsFalseWithReason(string text, Bech32Error reason) => AssertInvalid(text, reason);

    /// <summary>
    /// cosmjs faucet (cosmos/cosmjs-sign-mode-direct.json): the account address is
    /// bech32("cosmos", HASH160(compressed secp256k1 public key)).
    /// </summary>
    [Fact]
    public void Encode_CosmjsFaucetPublicKey_IsTheFaucetAddress()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("cosmos", "cosmjs-sign-mode-direct.json"));
        var root = document.RootElement;
        var publicKey = Convert.FromBase64String(root.GetProperty("pubkeyCompressedBase64").GetString()!);
        Assert.Equal(Convert.FromHexString(root.GetProperty("pubkeyCompressedHex").GetString()!), publicKey);
        var address = root.GetProperty("address").GetString()!;

        var encoded = Bech32.Encode("cosmos", Bech32.ToFiveBitGroups(Hash160.Hash(publicKey)), Bech32Variant.Bech32);

        Assert.Equal(address, encoded);
        Assert.True(Bech32.TryDecode(address, out var decoded, out _));
        Assert.True(Bech32.TryFromFiveBitGroups(decoded.Data.Span, out var accountId));
        Assert.Equal(Hash160.Hash(publicKey), accountId);
    }

    [Fact]
    public void TryDecode_BitFlipInAnyCharacter_IsDetected()
    {
        const string valid = "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw";
        var failures = new List<string>();
        for (var i = valid.IndexOf('1') + 1; i < valid.Length; i++)
        {
            var changed = valid.ToCharArray();
            changed[i] = changed[i] == 'q' ? 'p' : 'q';
            if (Bech32.TryDecode(new string(changed), out _, out var error) || error != Bech32Error.InvalidChecksum)
            {
                failures.Add($"position {i}: {error}");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bc")]
    [InlineData("b c")]
    [InlineData("b\u00e9")]
    public void Encode_InvalidHrp_Throws(string hrp)
    {
        Assert.Throws<ArgumentException>(() => Bech32.Encode(hrp, [], Bech32Variant.Bech32));
    }

    [Fact]
    public void Encode_ValueAbove31OrResultTooLong_Throws()
    {
        Assert.Throws<ArgumentException>(() => Bech32.Encode("a", [32], Bech32Variant.Bech32));
        Assert.Throws<ArgumentException>(() => Bech32.Encode("a", new byte[Bech32.MaxLength - 7], Bech32Variant.Bech32m));
        Assert.Equal(Bech32.MaxLength, Bech32.Encode("a", new byte[Bech32.MaxLength - 8], Bech32Variant.Bech32m).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("ff")]
    [InlineData("0102030405")]
    [InlineData("751e76e8199196d454941c45d1b3a323f1433bd6")]
    public void ToFiveBitGroups_ThenBack_RoundTrips(string hex)
    {
        var bytes = Convert.FromHexString(hex);

        var groups = Bech32.ToFiveBitGroups(bytes);

        Assert.Equal((bytes.Length * 8 + 4) / 5, groups.Length);
        Assert.All(groups, g => Assert.InRange(g, 0, 31));
        Assert.True(Bech32.TryFromFiveBitGroups(groups, out var back));
        Assert.Equal(bytes, back);
    }

    [Fact]
    public void ToFiveBitGroups_OneByte_PadsTheLastGroupWithZeros()
    {
        // 0xff = 11111 111 → 11111, 11100.
        Assert.Equal(new byte[] { 31, 28 }, Bech32.ToFiveBitGroups([0xff]));
    }

    [Theory]
    [InlineData(new byte[] { 31, 29 })]        // a padding bit is set
    [InlineData(new byte[] { 31, 28, 0 })]     // 15 bits: a whole 5-bit group of padding
    [InlineData(new byte[] { 32, 0 })]         // not a 5-bit value
    [InlineData(new byte[] { 0 })]             // 5 bits: no byte, 5 bits of padding
    public void TryFromFiveBitGroups_BadPadding_ReturnsFalse(byte[] groups)
    {
        Assert.False(Bech32.TryFromFiveBitGroups(groups, out var bytes));
        Assert.Null(bytes);
    }

    private static void AssertValid(string text, Bech32Variant variant)
    {
        Assert.True(Bech32.TryDecode(text, out var decoded, out var error), $"{text}: {error}");
        Assert.Equal(Bech32Error.None, error);
        Assert.Equal(variant, decoded.Variant);
        Assert.Equal(text[..text.LastIndexOf('1')].ToLowerInvariant(), decoded.Hrp);
        Assert.Equal(text.ToLowerInvariant(), Bech32.Encode(decoded.Hrp, decoded.Data.Span, variant));
    }

    private static void AssertInvalid(string text, Bech32Error reason)
    {
        Assert.False(Bech32.TryDecode(text, out var decoded, out var error));
        Assert.Null(decoded);
        Assert.Equal(reason, error);
    }
}
