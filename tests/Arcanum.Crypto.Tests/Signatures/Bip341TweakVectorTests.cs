using System.Text.Json;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Signatures;

/// <summary>
/// bitcoin/bips bip-0341/wallet-test-vectors.json: the taproot tweak of public keys
/// (scriptPubKey: internalPubkey + tweak → tweakedPubkey) and of secret keys
/// (keyPathSpending: internalPrivkey + tweak → tweakedPrivkey, then the witness's BIP340 signature of sigHash).
/// </summary>
public sealed class Bip341TweakVectorTests
{
    private readonly JsonElement _vectors;

    public Bip341TweakVectorTests()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("bip341", "wallet-test-vectors.json"));
        _vectors = document.RootElement.Clone();
    }

    [Fact]
    public void TryTweakAdd_ScriptPubKeyVectors_GivesTheTweakedOutputKey()
    {
        var vectors = _vectors.GetProperty("scriptPubKey").EnumerateArray().ToList();
        foreach (var vector in vectors)
        {
            Assert.True(Secp256k1XOnlyPublicKey.TryDecode(Hex(vector.GetProperty("given"), "internalPubkey"), out var internalKey));
            var intermediary = vector.GetProperty("intermediary");
            var tweak = Hex(intermediary, "tweak");

            Assert.True(internalKey.TryTweakAdd(tweak, out var outputPoint));
            var outputKey = Secp256k1XOnlyPublicKey.FromPoint(outputPoint, out var hasOddY);

            Assert.Equal(intermediary.GetProperty("tweakedPubkey").GetString(), outputKey.ToString());
            Assert.True(internalKey.CheckTweakAdd(tweak, outputKey, hasOddY));
            Assert.False(internalKey.CheckTweakAdd(tweak, outputKey, !hasOddY));
        }

        Assert.Equal(7, vectors.Count);
    }

    [Fact]
    public void TryTweakXOnly_KeyPathSpendingVectors_GivesTheTweakedKeyAndTheWitnessSignature()
    {
        var inputs = _vectors.GetProperty("keyPathSpending").EnumerateArray().SelectMany(k => k.GetProperty("inputSpending").EnumerateArray()).ToList();
        foreach (var input in inputs)
        {
            var intermediary = input.GetProperty("intermediary");
            using var internalKey = Secp256k1PrivateKey.Import(Hex(input.GetProperty("given"), "internalPrivkey"));
            Assert.Equal(intermediary.GetProperty("internalPubkey").GetString(), internalKey.XOnlyPublicKey.ToString());

            Assert.True(internalKey.TryTweakXOnly(Hex(intermediary, "tweak"), out var tweakedKey));
            using (tweakedKey)
            {
                using var expected = Secp256k1PrivateKey.Import(Hex(intermediary, "tweakedPrivkey"));
                Assert.Equal(expected.PublicKey, tweakedKey.PublicKey);

                // The witness starts with the BIP340 signature of sigHash, made with aux_rand = 32 zero bytes
                // (a 65th byte, when present, is the sighash type).
                var sigHash = Hex(intermediary, "sigHash");
                var witness = Convert.FromHexString(input.GetProperty("expected").GetProperty("witness")[0].GetString()!);
                var signature = new byte[Secp256k1XOnlyPublicKey.SignatureLength];
                tweakedKey.SignSchnorr(sigHash, signature, new byte[32]);
                Assert.Equal(Convert.ToHexString(witness[..64]), Convert.ToHexString(signature));
                Assert.True(tweakedKey.XOnlyPublicKey.Verify(sigHash, signature));
            }
        }

        Assert.Equal(7, inputs.Count);
    }

    private static byte[] Hex(JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);
}
