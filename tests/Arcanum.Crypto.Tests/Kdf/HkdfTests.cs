using System.Security.Cryptography;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Kdf;

namespace Arcanum.Crypto.Tests.Kdf;

public sealed class HkdfTests
{
    /// <summary>
    /// Wycheproof hkdf_sha256_test.json through .NET's HKDF, which <see cref="Hkdf"/> builds on: valid
    /// cases give the expected OKM; the invalid ones ask for more than 255·HashLen bytes and must throw.
    /// </summary>
    [Fact]
    public void Wycheproof_HkdfSha256_EveryCaseHasItsExpectedOutcome()
    {
        var vectors = WycheproofFile.Load("hkdf_sha256_test.json");
        var failures = new List<string>();
        var executed = 0;
        foreach (var vector in vectors.Cases)
        {
            executed++;
            var ikm = vector.Bytes("ikm");
            var salt = vector.Bytes("salt");
            var info = vector.Bytes("info");
            var size = vector.Int("size");
            switch (vector.Result)
            {
                case "valid":
                    var okm = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, size, salt, info);
                    if (!okm.AsSpan().SequenceEqual(vector.Bytes("okm")))
                    {
                        failures.Add($"tcId {vector.TcId}: okm differs");
                    }

                    break;
                case "invalid":
                    if (!ThrowsArgumentException(() => HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, size, salt, info))
                        || !ThrowsArgumentException(() => Hkdf.DeriveKey("wycheproof", ikm, salt, new byte[size])))
                    {
                        failures.Add($"tcId {vector.TcId}: a {size}-byte output was not refused");
                    }

                    break;
                default:
                    failures.Add($"tcId {vector.TcId}: unexpected result '{vector.Result}'");
                    break;
            }
        }

        Assert.Empty(failures);
        Assert.Equal(vectors.NumberOfTests, executed);
    }

    [Fact]
    public void DeriveKey_LabelAndFields_IsHkdfWithTheDomainSeparatedInfo()
    {
        var ikm = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var salt = "salt"u8.ToArray();
        var output = new byte[48];

        Hkdf.DeriveKey("arcanum/test/v1", ikm, salt, output, "key-7"u8.ToArray(), new byte[] { 3 });

        var info = DomainSeparation.Encode("arcanum/test/v1", "key-7"u8.ToArray(), new byte[] { 3 });
        Assert.Equal(HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 48, salt, info), output);
    }

    [Fact]
    public void DeriveKey_SameBytesSplitIntoOtherFields_DerivesAnotherKey()
    {
        var ikm = new byte[32];
        var first = new byte[32];
        var second = new byte[32];

        Hkdf.DeriveKey("arcanum/test/v1", ikm, [], first, "node-1"u8.ToArray(), "0"u8.ToArray());
        Hkdf.DeriveKey("arcanum/test/v1", ikm, [], second, "node-10"u8.ToArray());

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Hkdf.MaxOutputLength + 1)]
    public void DeriveKey_OutputLengthOutOfRange_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => Hkdf.DeriveKey("arcanum/test/v1", new byte[32], [], new byte[length]));
    }

    private static bool ThrowsArgumentException(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
