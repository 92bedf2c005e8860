using System.Security.Cryptography;

namespace Arcanum.Crypto.Tests.Kdf;

/// <summary>
/// The platform HMAC that BIP32 (HMAC-SHA512) and HKDF (HMAC-SHA256) rest on, against Wycheproof.
/// Some groups use truncated tags: the full HMAC is computed and its prefix of the tag's length is
/// compared in constant time. Valid cases must match; invalid ones (modified tags) must not.
/// </summary>
public sealed class HmacTests
{
    [Fact]
    public void Wycheproof_HmacSha512_EveryCaseHasItsExpectedOutcome() =>
        RunAll("hmac_sha512_test.json", HMACSHA512.HashData);

    [Fact]
    public void Wycheproof_HmacSha256_EveryCaseHasItsExpectedOutcome() =>
        RunAll("hmac_sha256_test.json", HMACSHA256.HashData);

    private static void RunAll(string file, Func<byte[], byte[], byte[]> mac)
    {
        var vectors = WycheproofFile.Load(file);
        var failures = new List<string>();
        var executed = 0;
        foreach (var vector in vectors.Cases)
        {
            executed++;
            var tag = vector.Bytes("tag");
            var full = mac(vector.Bytes("key"), vector.Bytes("msg"));
            var matches = tag.Length <= full.Length
                && tag.Length * 8 == vector.GroupInt("tagSize")
                && CryptographicOperations.FixedTimeEquals(full.AsSpan(0, tag.Length), tag);
            var expected = vector.Result switch
            {
                "valid" => true,
                "invalid" => false,
                _ => (bool?)null,
            };
            if (matches != expected)
            {
                failures.Add($"tcId {vector.TcId}: result '{vector.Result}', tag {(matches ? "matched" : "did not match")}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(vectors.NumberOfTests, executed);
    }
}
