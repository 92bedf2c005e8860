using System.Text.Json;
using Arcanum.Crypto.Encoding;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Encoding;

public sealed class Base58CheckTests
{
    /// <summary>BIP32 "Serialization format": an extended key is 78 bytes before Base58Check.</summary>
    private const int ExtendedKeyLength = 78;

    /// <summary>
    /// BIP32 test vectors 1–5: every valid xpub and xprv decodes to 78 bytes and re-encodes to the same
    /// text. Of the vector-5 keys BIP32 calls invalid, only the one whose reason is the checksum fails
    /// Base58Check; the others are well-formed Base58Check whose 78-byte payload a BIP32 parser rejects
    /// (vectors/README.md, "Checks done").
    /// </summary>
    [Fact]
    public void TryDecode_Bip32ExtendedKeys_ChecksumFailsExactlyWhereBip32SaysSo()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("bip32", "bip32-test-vectors.json"));
        var root = document.RootElement;
        var failures = new List<string>();
        var executed = 0;
        foreach (var vector in root.GetProperty("valid").EnumerateArray())
        {
            foreach (var field in new[] { "xpub", "xprv" })
            {
                executed++;
                var key = vector.GetProperty(field).GetString()!;
                if (!Base58Check.TryDecode(key, out var payload) || payload.Length != ExtendedKeyLength)
                {
                    failures.Add($"vector {vector.GetProperty("vector")} {vector.GetProperty("path")} {field}: does not decode to 78 bytes");
                }
                else if (Base58Check.Encode(payload) != key)
                {
                    failures.Add($"vector {vector.GetProperty("vector")} {vector.GetProperty("path")} {field}: re-encodes differently");
                }
            }
        }

        foreach (var vector in root.GetProperty("invalid").EnumerateArray())
        {
            executed++;
            var key = vector.GetProperty("key").GetString()!;
            var reason = vector.GetProperty("reason").GetString()!;
            var checksumIsTheReason = reason.Contains("checksum", StringComparison.OrdinalIgnoreCase);
            var decoded = Base58Check.TryDecode(key, out var payload);
            if (checksumIsTheReason && decoded)
            {
                failures.Add($"'{reason}' {key}: decoded although the checksum is wrong");
            }
            else if (!checksumIsTheReason && (!decoded || payload!.Length != ExtendedKeyLength))
            {
                failures.Add($"'{reason}' {key}: should be valid Base58Check of 78 bytes");
            }
        }

        Assert.Empty(failures);
        Assert.Equal((2 * root.GetProperty("valid").GetArrayLength()) + root.GetProperty("invalid").GetArrayLength(), executed);
        Assert.Equal((2 * 17) + 16, executed);
    }

    [Fact]
    public void TryDecode_AnySingleCharacterChanged_FailsTheChecksum()
    {
        var text = Base58Check.Encode([0x00, .. Enumerable.Range(1, 20).Select(i => (byte)i)]);
        var failures = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var changed = text.ToCharArray();
            changed[i] = changed[i] == '2' ? '3' : '2';
            if (Base58Check.TryDecode(new string(changed), out _))
            {
                failures.Add($"position {i}");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("111")]
    [InlineData("2g")]
    public void TryDecode_ShorterThanTheChecksum_ReturnsFalse(string text)
    {
        Assert.False(Base58Check.TryDecode(text, out var payload));
        Assert.Null(payload);
    }

    [Fact]
    public void Encode_EmptyPayload_IsTheChecksumAlone()
    {
        // SHA256(SHA256("")) begins 5df6e0e2.
        Assert.True(Base58Check.TryDecode(Base58Check.Encode([]), out var payload));
        Assert.Empty(payload);
        Assert.Equal(Base58.Encode([0x5d, 0xf6, 0xe0, 0xe2]), Base58Check.Encode([]));
    }
}
