using System.Text;
using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Curves;

/// <summary>
/// The RFC 9591 Appendix E vectors for FROST(Ed25519, SHA-512) and FROST(ristretto255, SHA-512) as
/// known answers for the group and scalar types: key generation, nonce derivation (§4.1
/// nonce_generate with H3), commitments, binding factors (H1), the group commitment (§4.5) and the
/// final signature equation (§6.1 and §6.2 with H2).
/// </summary>
public sealed class Rfc9591VectorTests
{
    [Fact]
    public void FrostEd25519Sha512_EveryValue_Reproduces()
    {
        var vectors = Load("frost-ed25519-sha512.json");

        // §6.1: H2 is SHA-512 of the message alone, so Ed25519 verifiers accept the signature.
        var failures = Reproduce<Ed25519Point>(vectors, "FROST-ED25519-SHA512-v1", challengeDomain: "");

        var publicKey = Ed25519PublicKey.FromBytes(Hex(vectors, "inputs", "group_public_key"));
        if (!publicKey.Verify(Hex(vectors, "inputs", "message"), Hex(vectors, "final_output", "sig")))
        {
            failures.Add("final_output.sig: libsodium does not verify it as an Ed25519 signature");
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void FrostRistretto255Sha512_EveryValue_Reproduces()
    {
        var failures = Reproduce<Ristretto255Point>(
            Load("frost-ristretto255-sha512.json"), "FROST-RISTRETTO255-SHA512-v1", challengeDomain: "FROST-RISTRETTO255-SHA512-v1chal");

        Assert.Empty(failures);
    }

    private static List<string> Reproduce<TPoint>(JsonElement vectors, string contextString, string challengeDomain)
        where TPoint : struct, IPoint<TPoint, Ed25519Scalar>
    {
        var failures = new List<string>();
        var inputs = vectors.GetProperty("inputs");
        var config = vectors.GetProperty("config");
        var secret = Scalar(Hex(vectors, "inputs", "group_secret_key"));
        var groupPublicKey = Point<TPoint>(Hex(vectors, "inputs", "group_public_key"));
        Check(failures, "group_public_key = group_secret_key·B", TPoint.MultiplyBase(secret) == groupPublicKey);

        // §5 / Appendix C: share_i = f(i) with f(x) = secret + Σ a_j·x^j.
        var coefficients = inputs.GetProperty("share_polynomial_coefficients").EnumerateArray().Select(c => Scalar(Convert.FromHexString(c.GetString()!))).ToList();
        var shares = new Dictionary<int, Ed25519Scalar>();
        foreach (var entry in inputs.GetProperty("participant_shares").EnumerateArray())
        {
            var id = entry.GetProperty("identifier").GetInt32();
            shares[id] = Scalar(Convert.FromHexString(entry.GetProperty("participant_share").GetString()!));
            var (value, power) = (secret, Ed25519Scalar.One);
            foreach (var coefficient in coefficients)
            {
                power *= Ed25519Scalar.FromUInt64((ulong)id);
                value += coefficient * power;
            }

            Check(failures, $"participant_share {id} = f({id})", value == shares[id]);
        }

        Assert.Equal(int.Parse(config.GetProperty("MAX_PARTICIPANTS").GetString()!, System.Globalization.CultureInfo.InvariantCulture), shares.Count);

        var commitmentScalars = new List<Ed25519Scalar>();
        var commitmentPoints = new List<TPoint>();
        var participants = 0;
        foreach (var output in vectors.GetProperty("round_one_outputs").GetProperty("outputs").EnumerateArray())
        {
            var id = output.GetProperty("identifier").GetInt32();
            var share = new byte[Ed25519Scalar.EncodedLength];
            shares[id].Encode(share);
            var bindingFactor = Scalar(Field(output, "binding_factor"));
            foreach (var kind in new[] { "hiding", "binding" })
            {
                // §4.1 nonce_generate: H3(random_bytes ‖ SerializeScalar(secret)).
                var nonce = Ed25519Scalar.HashToScalar(System.Text.Encoding.ASCII.GetBytes(contextString + "nonce"), [.. Field(output, $"{kind}_nonce_randomness"), .. share]);
                var commitment = Point<TPoint>(Field(output, $"{kind}_nonce_commitment"));
                Check(failures, $"{id} {kind}_nonce = H3(randomness ‖ share)", nonce == Scalar(Field(output, $"{kind}_nonce")));
                Check(failures, $"{id} {kind}_nonce_commitment = nonce·B", TPoint.MultiplyBase(nonce) == commitment);
                commitmentScalars.Add(kind == "hiding" ? Ed25519Scalar.One : bindingFactor);
                commitmentPoints.Add(commitment);
            }

            var rho = Ed25519Scalar.HashToScalar(System.Text.Encoding.ASCII.GetBytes(contextString + "rho"), Field(output, "binding_factor_input"));
            Check(failures, $"{id} binding_factor = H1(binding_factor_input)", rho == bindingFactor);
            participants++;
        }

        Assert.Equal(int.Parse(config.GetProperty("NUM_PARTICIPANTS").GetString()!, System.Globalization.CultureInfo.InvariantCulture), participants);

        var signature = Hex(vectors, "final_output", "sig");
        var groupCommitment = Point<TPoint>(signature[..32]);
        var z = Scalar(signature[32..]);

        // §4.5 compute_group_commitment: R = Σ (D_i + ρ_i·E_i), as one multi-scalar multiplication.
        Check(failures, "R = Σ D_i + ρ_i·E_i", TPoint.MultiScalarMultiply(commitmentScalars.ToArray(), commitmentPoints.ToArray()) == groupCommitment);

        var shareSum = vectors.GetProperty("round_two_outputs").GetProperty("outputs").EnumerateArray()
            .Aggregate(Ed25519Scalar.Zero, (sum, o) => sum + Scalar(Field(o, "sig_share")));
        Check(failures, "z = Σ sig_share", shareSum == z);

        // §5.3 / §6.x: z·B = R + c·PK with c = H2(SerializeElement(R) ‖ SerializeElement(PK) ‖ msg).
        var challenge = Ed25519Scalar.HashToScalar(
            System.Text.Encoding.ASCII.GetBytes(challengeDomain), [.. signature[..32], .. Hex(vectors, "inputs", "group_public_key"), .. Hex(vectors, "inputs", "message")]);
        Check(failures, "z·B = R + c·PK", TPoint.MultiplyBase(z) == groupCommitment + (groupPublicKey * challenge));
        return failures;
    }

    private static JsonElement Load(string file) =>
        JsonDocument.Parse(VectorFiles.ReadAllText("frost", "rfc9591-cfrg", file)).RootElement;

    private static byte[] Hex(JsonElement vectors, string section, string name) => Field(vectors.GetProperty(section), name);

    private static byte[] Field(JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString()!);

    private static Ed25519Scalar Scalar(byte[] encoded)
    {
        Assert.True(Ed25519Scalar.TryDecode(encoded, out var scalar), $"scalar {Convert.ToHexStringLower(encoded)} must decode");
        return scalar;
    }

    private static TPoint Point<TPoint>(byte[] encoded)
        where TPoint : struct, IPoint<TPoint, Ed25519Scalar>
    {
        Assert.True(TPoint.TryDecode(encoded, out var point), $"element {Convert.ToHexStringLower(encoded)} must decode");
        return point;
    }

    private static void Check(List<string> failures, string what, bool holds)
    {
        if (!holds)
        {
            failures.Add(what);
        }
    }
}
