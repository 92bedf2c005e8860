using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Signatures;

/// <summary>
/// bitcoin/bips bip-0340/test-vectors.csv: every row's verification result, and for the rows with
/// a secret key, the exact signature from (secret key, aux_rand, message) — messages of 0, 1, 17,
/// 32 and 100 bytes.
/// </summary>
public sealed class Bip340VectorTests
{
    [Fact]
    public void SignAndVerify_Bip340TestVectors_EveryRowHasItsExpectedResult()
    {
        var lines = File.ReadAllLines(VectorFiles.Path("bip340", "test-vectors.csv"))
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0)
            .ToList();
        Assert.Equal("index,secret key,public key,aux_rand,message,signature,verification result,comment", lines[0]);

        var failures = new List<string>();
        var executed = 0;
        foreach (var line in lines.Skip(1))
        {
            executed++;
            var fields = line.Split(',', 8);
            var (index, secretKey, publicKey, auxRand, message, signature, expected) =
                (fields[0], fields[1], Convert.FromHexString(fields[2]), fields[3], Convert.FromHexString(fields[4]), Convert.FromHexString(fields[5]), fields[6]);

            // A public key that is not an x coordinate on the curve (rows 5 and 14) must make Verify fail, not throw.
            var verified = Secp256k1XOnlyPublicKey.TryDecode(publicKey, out var key) && key.Verify(message, signature);
            if (verified != (expected == "TRUE"))
            {
                failures.Add($"row {index}: expected {expected}, verification returned {verified}");
            }

            if (secretKey.Length > 0)
            {
                using var privateKey = Secp256k1PrivateKey.Import(Convert.FromHexString(secretKey));
                var produced = new byte[Secp256k1XOnlyPublicKey.SignatureLength];
                privateKey.SignSchnorr(message, produced, Convert.FromHexString(auxRand));
                if (!produced.AsSpan().SequenceEqual(signature))
                {
                    failures.Add($"row {index}: signed {Convert.ToHexString(produced)}, expected {fields[5]}");
                }

                if (!privateKey.XOnlyPublicKey.Equals(key))
                {
                    failures.Add($"row {index}: the secret key's x-only public key differs from the listed one");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(19, executed);
    }
}
