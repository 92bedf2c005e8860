using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Crypto.Hashing;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Hashing;

public sealed class EthersHashesTests
{
    /// <summary>ethers.js testcases/hashes.json.gz: 257 entries of data → keccak256, sha256, sha512, ripemd160.</summary>
    private const int EthersVectorCount = 257;

    [Fact]
    public void Hash_EthersHashesFile_EveryDigestMatches()
    {
        using var file = File.OpenRead(VectorFiles.Path("ethereum", "ethers-testcases", "hashes.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        var failures = new List<string>();
        var executed = 0;
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            executed++;
            var name = entry.GetProperty("name").GetString();
            var data = Field(entry, "data");
            // Our implementations under test.
            Check(Keccak256.Hash(data), Field(entry, "keccak256"), $"{name}: keccak256", failures);
            Check(Ripemd160.Hash(data), Field(entry, "ripemd160"), $"{name}: ripemd160", failures);
            // The platform's SHA-2: a check that the file is read as intended.
            Check(SHA256.HashData(data), Field(entry, "sha256"), $"{name}: sha256", failures);
            Check(SHA512.HashData(data), Field(entry, "sha512"), $"{name}: sha512", failures);
        }

        Assert.Empty(failures);
        Assert.Equal(EthersVectorCount, executed);
    }

    private static byte[] Field(JsonElement entry, string name)
    {
        var text = entry.GetProperty(name).GetString()!;
        return Convert.FromHexString(text.AsSpan(2));
    }

    private static void Check(byte[] actual, byte[] expected, string label, List<string> failures)
    {
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            failures.Add($"{label} is {Convert.ToHexStringLower(actual)}, expected {Convert.ToHexStringLower(expected)}");
        }
    }
}
