using System.Text;
using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Curves;

/// <summary>
/// The RFC 9591 FROST(secp256k1, SHA-256) vectors (Appendix E.5, file from the CFRG draft
/// repository) as an end-to-end check of the group and scalar types and of HashToScalar:
/// key generation (§C.1), nonce_generate (§4.1, H3), binding factors (§4.4, H1), the group
/// commitment (§4.5), the challenge (§4.6, H2) and the final signature equation (§5.4 / §6.5).
/// </summary>
public sealed class Secp256k1Rfc9591VectorTests
{
    private const string ContextString = "FROST-secp256k1-SHA256-v1";

    private readonly JsonElement _vectors;

    public Secp256k1Rfc9591VectorTests()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("frost", "rfc9591-cfrg", "frost-secp256k1-sha256.json"));
        _vectors = document.RootElement.Clone();
    }

    [Fact]
    public void GroupSecretKey_TimesGenerator_IsGroupPublicKey()
    {
        var inputs = _vectors.GetProperty("inputs");

        var publicKey = Secp256k1Point.MultiplyBase(ScalarOf(inputs, "group_secret_key"));

        Assert.Equal(inputs.GetProperty("group_public_key").GetString(), Hex(publicKey));
    }

    [Fact]
    public void ParticipantShares_AreTheSharingPolynomialAtTheirIdentifiers()
    {
        var inputs = _vectors.GetProperty("inputs");
        var secret = ScalarOf(inputs, "group_secret_key");
        var coefficients = inputs.GetProperty("share_polynomial_coefficients").EnumerateArray().Select(ScalarOf).ToList();
        var shares = inputs.GetProperty("participant_shares").EnumerateArray().ToList();

        Assert.Equal(3, shares.Count);
        foreach (var share in shares)
        {
            var x = Secp256k1Scalar.FromUInt64(share.GetProperty("identifier").GetUInt64());
            var value = secret;
            var power = Secp256k1Scalar.One;
            foreach (var coefficient in coefficients)
            {
                power *= x;
                value += coefficient * power;
            }

            Assert.Equal(ScalarOf(share, "participant_share"), value);
        }
    }

    [Fact]
    public void RoundOneNonces_FollowNonceGenerateAndCommitments()
    {
        var outputs = _vectors.GetProperty("round_one_outputs").GetProperty("outputs").EnumerateArray().ToList();

        Assert.Equal(2, outputs.Count);
        foreach (var output in outputs)
        {
            var secret = ShareOf(output.GetProperty("identifier").GetUInt64());
            foreach (var kind in new[] { "hiding", "binding" })
            {
                // nonce_generate(secret) = H3(random_bytes || SerializeScalar(secret)).
                var randomness = Convert.FromHexString(output.GetProperty($"{kind}_nonce_randomness").GetString()!);
                var nonce = Secp256k1Scalar.HashToScalar(Domain("nonce"), [.. randomness, .. Encode(secret)]);

                Assert.Equal(ScalarOf(output, $"{kind}_nonce"), nonce);
                Assert.Equal(output.GetProperty($"{kind}_nonce_commitment").GetString(), Hex(Secp256k1Point.MultiplyBase(nonce)));
            }

            var bindingFactor = Secp256k1Scalar.HashToScalar(Domain("rho"), Convert.FromHexString(output.GetProperty("binding_factor_input").GetString()!));
            Assert.Equal(ScalarOf(output, "binding_factor"), bindingFactor);
        }
    }

    [Fact]
    public void FinalSignature_SatisfiesTheVerificationEquation()
    {
        var inputs = _vectors.GetProperty("inputs");
        var groupKey = PointOf(inputs, "group_public_key");
        var message = Convert.FromHexString(inputs.GetProperty("message").GetString()!);
        var signature = Convert.FromHexString(_vectors.GetProperty("final_output").GetProperty("sig").GetString()!);
        Assert.True(Secp256k1Point.TryDecode(signature[..33], out var r));
        Assert.True(Secp256k1Scalar.TryDecode(signature[33..], out var z));

        // §4.5: R = Σ (D_i + ρ_i·E_i), and z = Σ z_i from round two.
        var commitments = _vectors.GetProperty("round_one_outputs").GetProperty("outputs").EnumerateArray()
            .Select(o => PointOf(o, "hiding_nonce_commitment") + PointOf(o, "binding_nonce_commitment") * ScalarOf(o, "binding_factor"));
        var groupCommitment = commitments.Aggregate(Secp256k1Point.Identity, (sum, term) => sum + term);
        var shares = _vectors.GetProperty("round_two_outputs").GetProperty("outputs").EnumerateArray().Select(o => ScalarOf(o, "sig_share"));
        Assert.Equal(r, groupCommitment);
        Assert.Equal(z, shares.Aggregate(Secp256k1Scalar.Zero, (sum, share) => sum + share));

        // §4.6: c = H2(SerializeElement(R) || SerializeElement(PK) || msg); §6.5 verify: z·G = R + c·PK.
        var challenge = Secp256k1Scalar.HashToScalar(Domain("chal"), [.. signature[..33], .. Encode(groupKey), .. message]);
        Assert.Equal(Secp256k1Point.MultiplyBase(z), r + groupKey * challenge);
        Assert.Equal(
            Secp256k1Point.MultiplyBase(z),
            Secp256k1Point.MultiScalarMultiply([Secp256k1Scalar.One, challenge], [r, groupKey]));
    }

    private static byte[] Domain(string tag) => System.Text.Encoding.ASCII.GetBytes(ContextString + tag);

    private static Secp256k1Scalar ScalarOf(JsonElement element, string property) => ScalarOf(element.GetProperty(property));

    private static Secp256k1Scalar ScalarOf(JsonElement hex) =>
        Secp256k1Scalar.TryDecode(Convert.FromHexString(hex.GetString()!), out var scalar) ? scalar : throw new FormatException(hex.GetString());

    private static Secp256k1Point PointOf(JsonElement element, string property) =>
        Secp256k1Point.TryDecode(Convert.FromHexString(element.GetProperty(property).GetString()!), out var point)
            ? point
            : throw new FormatException(property);

    private Secp256k1Scalar ShareOf(ulong identifier) =>
        ScalarOf(_vectors.GetProperty("inputs").GetProperty("participant_shares").EnumerateArray()
            .Single(s => s.GetProperty("identifier").GetUInt64() == identifier), "participant_share");

    private static byte[] Encode(Secp256k1Scalar scalar)
    {
        var bytes = new byte[Secp256k1Scalar.Length];
        scalar.Encode(bytes);
        return bytes;
    }

    private static byte[] Encode(Secp256k1Point point)
    {
        var bytes = new byte[Secp256k1Point.CompressedLength];
        point.Encode(bytes);
        return bytes;
    }

    private static string Hex(Secp256k1Point point) => Convert.ToHexStringLower(Encode(point));
}
