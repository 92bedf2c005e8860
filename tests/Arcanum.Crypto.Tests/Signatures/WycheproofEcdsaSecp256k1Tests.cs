using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Signatures;

/// <summary>
/// Wycheproof ECDSA verification vectors for secp256k1 with SHA-256 (C2SP/wycheproof
/// testvectors_v1, schemas ecdsa_verify_schema_v1 and ecdsa_bitcoin_verify_schema): the message is
/// hashed with SHA-256, the signature is DER, the key is the group's uncompressed point.
/// </summary>
public sealed class WycheproofEcdsaSecp256k1Tests
{
    /// <summary>
    /// Plain ECDSA: (r, s) and (r, n − s) are both valid, so high s is accepted (normalised before
    /// libsecp256k1 verifies); any non-DER (BER) encoding must still be rejected.
    /// </summary>
    [Fact]
    public void VerifyDer_EcdsaSecp256k1Sha256_EveryVectorHasItsExpectedResult() =>
        RunFile("ecdsa_secp256k1_sha256_test.json", EcdsaHighSPolicy.Accept);

    /// <summary>The Bitcoin variant: a high s is invalid (signature malleability), so nothing is normalised.</summary>
    [Fact]
    public void VerifyDer_EcdsaSecp256k1Sha256Bitcoin_EveryVectorHasItsExpectedResult() =>
        RunFile("ecdsa_secp256k1_sha256_bitcoin_test.json", EcdsaHighSPolicy.Reject);

    private static void RunFile(string fileName, EcdsaHighSPolicy highS)
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("wycheproof", fileName));
        var root = document.RootElement;
        var failures = new List<string>();
        var executed = 0;
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            Assert.Equal("SHA-256", group.GetProperty("sha").GetString());
            Assert.Equal("secp256k1", group.GetProperty("publicKey").GetProperty("curve").GetString());
            var encodedKey = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("uncompressed").GetString()!);
            Assert.True(Secp256k1Point.TryDecodeAny(encodedKey, out var publicKey), "every group's public key is a valid point");

            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                executed++;
                var id = test.GetProperty("tcId").GetInt32();
                var result = test.GetProperty("result").GetString();
                var hash = SHA256.HashData(Convert.FromHexString(test.GetProperty("msg").GetString()!));
                var signature = Convert.FromHexString(test.GetProperty("sig").GetString()!);

                var verified = Secp256k1Ecdsa.VerifyDer(publicKey, hash, signature, highS);

                var expected = result switch
                {
                    "valid" => true,
                    "invalid" => false,
                    _ => throw new InvalidDataException($"tcId {id}: result '{result}' is not defined for this file"),
                };
                if (verified != expected)
                {
                    failures.Add($"tcId {id}: expected {result}, verification returned {verified} ({test.GetProperty("comment").GetString()})");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), executed);
    }
}
