using System.Text.Json;
using Arcanum.Crypto.Encoding;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Encoding;

public sealed class SegwitAddressTests
{
    /// <summary>bip-0341/wallet-test-vectors.json: 7 scriptPubKey entries, each with its BIP350 address.</summary>
    private const int Bip341ScriptPubKeyCount = 7;

    /// <summary>BIP350 "Test vectors for v0-v16 native segregated witness addresses": valid address → scriptPubKey.</summary>
    public static TheoryData<string, string> Bip350ValidAddresses => new()
    {
        { "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6" },
        { "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262" },
        { "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6" },
        { "BC1SW50QGDZ25J", "6002751e" },
        { "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323" },
        { "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy", "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433" },
        { "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c", "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433" },
        { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" },
    };

    /// <summary>
    /// BIP350 invalid segwit addresses with the reason the BIP gives, mapped to our error; each is
    /// decoded for the network its own prefix names ("bc" or "tb"), except the "tc" one, which neither
    /// network accepts. Then the BIP173 v1+ addresses that BIP350 invalidated (Bech32 checksums on
    /// versions 1–16), and adversarial addresses of our own.
    /// </summary>
    public static TheoryData<string, string, Bech32Error> InvalidAddresses => new()
    {
        { "bc", "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", Bech32Error.HrpMismatch },
        { "tb", "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", Bech32Error.HrpMismatch },
        { "bc", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", Bech32Error.WrongChecksumVariant },
        { "tb", "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", Bech32Error.WrongChecksumVariant },
        { "bc", "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", Bech32Error.WrongChecksumVariant },
        { "bc", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", Bech32Error.WrongChecksumVariant },
        { "tb", "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", Bech32Error.WrongChecksumVariant },
        { "bc", "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", Bech32Error.InvalidDataCharacter },
        { "bc", "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", Bech32Error.InvalidWitnessVersion },
        { "bc", "bc1pw5dgrnzv", Bech32Error.InvalidProgramLength },
        { "bc", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", Bech32Error.InvalidProgramLength },
        { "bc", "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", Bech32Error.InvalidProgramLength },
        { "tb", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", Bech32Error.MixedCase },
        { "bc", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", Bech32Error.InvalidPadding },
        { "tb", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", Bech32Error.InvalidPadding },
        { "bc", "bc1gmk9yu", Bech32Error.EmptyData },
        // BIP173's version 1, 2 and 16 examples: valid under BIP173, Bech32 instead of Bech32m under BIP350.
        { "bc", "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx", Bech32Error.WrongChecksumVariant },
        { "bc", "BC1SW50QA3JX3S", Bech32Error.WrongChecksumVariant },
        { "bc", "bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj", Bech32Error.WrongChecksumVariant },
        // Our own: a valid mainnet address asked for as testnet, a bad checksum, a v0 address in upper
        // case with one lower-case letter, an over-long string.
        { "tb", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", Bech32Error.HrpMismatch },
        { "bc", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", Bech32Error.InvalidChecksum },
        { "bc", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3t4", Bech32Error.MixedCase },
        { "bc", "bc1p" + new string('q', 90), Bech32Error.TooLong },
        { "bc", "bcqw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", Bech32Error.MissingSeparator },
    };

    [Theory]
    [MemberData(nameof(Bip350ValidAddresses))]
    public void TryDecode_Bip350ValidAddress_GivesTheScriptPubKeyAndReEncodes(string address, string scriptPubKeyHex)
    {
        var hrp = address[..address.LastIndexOf('1')].ToLowerInvariant();

        Assert.True(SegwitAddress.TryDecode(hrp, address, out var program, out var error), error.ToString());

        Assert.Equal(scriptPubKeyHex, Convert.ToHexStringLower(ScriptPubKey(program)));
        Assert.Equal(address.ToLowerInvariant(), SegwitAddress.Encode(hrp, program.Version, program.Program.Span));
    }

    [Theory]
    [MemberData(nameof(InvalidAddresses))]
    public void TryDecode_InvalidAddress_ReturnsFalseWithReason(string hrp, string address, Bech32Error reason)
    {
        Assert.False(SegwitAddress.TryDecode(hrp, address, out var program, out var error));
        Assert.Null(program);
        Assert.Equal(reason, error);
    }

    /// <summary>
    /// BIP341 wallet vectors: each output's BIP350 address is the segwit v1 address of the x-only
    /// output key in its scriptPubKey (OP_1 OP_PUSHBYTES_32 key), and decodes back to it.
    /// </summary>
    [Fact]
    public void Encode_Bip341OutputKeys_MatchBip350Addresses()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("bip341", "wallet-test-vectors.json"));
        var failures = new List<string>();
        var executed = 0;
        foreach (var vector in document.RootElement.GetProperty("scriptPubKey").EnumerateArray())
        {
            executed++;
            var expected = vector.GetProperty("expected");
            var scriptPubKey = Convert.FromHexString(expected.GetProperty("scriptPubKey").GetString()!);
            var address = expected.GetProperty("bip350Address").GetString()!;
            Assert.Equal([0x51, 0x20], scriptPubKey[..2]);
            var outputKey = scriptPubKey[2..];

            var encoded = SegwitAddress.Encode("bc", 1, outputKey);

            if (encoded != address)
            {
                failures.Add($"#{executed}: encoded {encoded}, expected {address}");
            }

            if (!SegwitAddress.TryDecode("bc", address, out var program, out var error)
                || program.Version != 1 || !program.Program.Span.SequenceEqual(outputKey))
            {
                failures.Add($"#{executed}: {address} does not decode to v1 {Convert.ToHexStringLower(outputKey)} ({error})");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(Bip341ScriptPubKeyCount, executed);
    }

    [Theory]
    [InlineData(-1, 20)]
    [InlineData(17, 20)]
    [InlineData(0, 19)]
    [InlineData(0, 21)]
    [InlineData(0, 2)]
    [InlineData(1, 1)]
    [InlineData(1, 41)]
    [InlineData(16, 0)]
    public void Encode_VersionOrProgramLengthOutsideBip141_Throws(int version, int programLength)
    {
        Assert.ThrowsAny<ArgumentException>(() => SegwitAddress.Encode("bc", version, new byte[programLength]));
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(0, 32)]
    [InlineData(1, 2)]
    [InlineData(1, 32)]
    [InlineData(16, 40)]
    public void Encode_AllowedVersionAndLength_RoundTrips(int version, int programLength)
    {
        var program = Enumerable.Range(1, programLength).Select(i => (byte)i).ToArray();

        var address = SegwitAddress.Encode("tb", version, program);

        Assert.True(SegwitAddress.TryDecode("tb", address, out var decoded, out _));
        Assert.Equal(version, decoded.Version);
        Assert.Equal(program, decoded.Program.ToArray());
    }

    /// <summary>BIP141: the scriptPubKey is OP_n (OP_0 = 0x00, OP_1..OP_16 = 0x51..0x60) then a push of the program.</summary>
    private static byte[] ScriptPubKey(WitnessProgram program) =>
        [(byte)(program.Version == 0 ? 0x00 : 0x50 + program.Version), (byte)program.Program.Length, .. program.Program.Span];
}
