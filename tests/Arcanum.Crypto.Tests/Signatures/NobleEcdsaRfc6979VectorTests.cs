using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Signatures;

/// <summary>
/// paulmillr/noble-curves test/vectors/secp256k1/ecdsa.json: deterministic ECDSA (RFC 6979 with
/// HMAC-SHA256, low s) on 32-byte hashes, its invalid keys and encodings, and RFC 6979 §3.6
/// additional data ("extraEntropy").
/// </summary>
public sealed class NobleEcdsaRfc6979VectorTests
{
    // The additional-data values the noble-curves test suite pairs with extraEntropy0/1/Rand/N/Max.
    private static readonly string[] ExtraEntropyInputs =
    [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000001",
        "6e723d3fd94ed5d2b6bdd4f123364b0f3ca52af829988a63f8afe91d29db1c33",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ];

    private static readonly string[] ExtraEntropyOutputs =
        ["extraEntropy0", "extraEntropy1", "extraEntropyRand", "extraEntropyN", "extraEntropyMax"];

    private readonly JsonElement _vectors;

    public NobleEcdsaRfc6979VectorTests()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("secp256k1", "noble-ecdsa-rfc6979.json"));
        _vectors = document.RootElement.Clone();
    }

    [Fact]
    public void SignEcdsa_ValidVectors_ReproducesEverySignatureByteForByte()
    {
        var failures = new List<string>();
        var executed = 0;
        foreach (var vector in _vectors.GetProperty("valid").EnumerateArray())
        {
            executed++;
            var hash = Hex(vector, "m");
            using var key = Secp256k1PrivateKey.Import(Hex(vector, "d"));
            var signature = new byte[Secp256k1Ecdsa.SignatureLength];

            var recoveryId = key.SignEcdsa(hash, signature);

            if (Convert.ToHexStringLower(signature) != vector.GetProperty("signature").GetString())
            {
                failures.Add($"d={vector.GetProperty("d").GetString()} m={vector.GetProperty("m").GetString()}: signed {Convert.ToHexStringLower(signature)}");
            }
            else if (!Secp256k1Ecdsa.Verify(key.PublicKey, hash, signature)
                || !Secp256k1Ecdsa.TryRecover(hash, signature, recoveryId, out var recovered) || recovered != key.PublicKey)
            {
                failures.Add($"d={vector.GetProperty("d").GetString()}: the signature does not verify or recover");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(2019, executed);
    }

    [Fact]
    public void SignEcdsa_ExtraEntropyVectors_MatchesRfc6979AdditionalData()
    {
        var vectors = _vectors.GetProperty("extraEntropy").EnumerateArray().ToList();
        foreach (var vector in vectors)
        {
            using var key = Secp256k1PrivateKey.Import(Hex(vector, "d"));
            var hash = Hex(vector, "m");
            var signature = new byte[Secp256k1Ecdsa.SignatureLength];

            key.SignEcdsa(hash, signature);
            Assert.Equal(vector.GetProperty("signature").GetString(), Convert.ToHexStringLower(signature));

            for (var i = 0; i < ExtraEntropyInputs.Length; i++)
            {
                key.SignEcdsa(hash, signature, Convert.FromHexString(ExtraEntropyInputs[i]));
                Assert.Equal(vector.GetProperty(ExtraEntropyOutputs[i]).GetString(), Convert.ToHexStringLower(signature));
            }
        }

        Assert.Equal(5, vectors.Count);
    }

    [Fact]
    public void TryImport_InvalidSignVectors_RejectsEveryKey()
    {
        var vectors = _vectors.GetProperty("invalid").GetProperty("sign").EnumerateArray().ToList();

        Assert.All(vectors, v => Assert.False(Secp256k1PrivateKey.TryImport(Hex(v, "d"), out _), v.GetProperty("description").GetString()));
        Assert.Equal(4, vectors.Count);
    }

    /// <summary>
    /// "Expected Point" vectors must fail at key decoding, "Expected Signature" ones at signature
    /// decoding (r or s ≥ n); r = 0, s = 0 and the high-s signature must fail verification. The
    /// high-s one ("fails if strict") is otherwise a valid signature: plain ECDSA accepts it.
    /// </summary>
    [Fact]
    public void Verify_InvalidVerifyVectors_RejectsEachAtTheRightStage()
    {
        var failures = new List<string>();
        var vectors = _vectors.GetProperty("invalid").GetProperty("verify").EnumerateArray().ToList();
        foreach (var vector in vectors)
        {
            var description = vector.GetProperty("description").GetString();
            var exception = vector.TryGetProperty("exception", out var e) ? e.GetString() : null;
            var hash = Hex(vector, "m");
            var signature = Hex(vector, "signature");
            var keyDecoded = Secp256k1Point.TryDecodeAny(Hex(vector, "Q"), out var key);
            var signatureDecoded = Secp256k1Ecdsa.TryConvertCompactToDer(signature, new byte[Secp256k1Ecdsa.MaxDerSignatureLength], out _);

            var rejectedAtRightStage = exception switch
            {
                "Expected Point" => !keyDecoded,
                "Expected Signature" => keyDecoded && !signatureDecoded,
                _ => keyDecoded && signatureDecoded,
            };
            if (!rejectedAtRightStage || (keyDecoded && Secp256k1Ecdsa.Verify(key, hash, signature)))
            {
                failures.Add($"{description}: key decoded {keyDecoded}, signature decoded {signatureDecoded}");
            }

            var onlyHighS = description!.Contains("high s", StringComparison.Ordinal);
            if (keyDecoded && Secp256k1Ecdsa.Verify(key, hash, signature, EcdsaHighSPolicy.Accept) != onlyHighS)
            {
                failures.Add($"{description}: plain ECDSA (high s accepted) should {(onlyHighS ? "accept" : "reject")} it");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(25, vectors.Count);
    }

    private static byte[] Hex(JsonElement vector, string property) => Convert.FromHexString(vector.GetProperty(property).GetString()!);
}
