using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Frost;

/// <summary>
/// RFC 9591 Appendix E signing vectors (the cfrg/draft-irtf-cfrg-frost poc/ JSON files, which are
/// the RFC's appendix) and ZcashFoundation/frost's vectors (same keys, other nonce randomness;
/// vectors-big-identifier.json signs with identifiers 129, 256, 257), run through the public API:
/// dealer shares from the listed polynomial, nonces from the listed randomness through
/// nonce_generate, commitments, binding-factor inputs and factors, signature shares and the final
/// signature — every listed value is compared, and every signature is also checked by an
/// independent verifier where one exists.
/// </summary>
public sealed class FrostSigningVectorTests
{
    [Theory]
    [InlineData("rfc9591-cfrg", "frost-ed25519-sha512.json", 3, 2)]
    [InlineData("zcash-frost", "ed25519/vectors.json", 3, 2)]
    [InlineData("zcash-frost", "ed25519/vectors-big-identifier.json", 257, 3)]
    public void Ed25519_Vectors_MatchEveryValue(string source, string file, int parties, int signers)
    {
        var result = Run(FrostEd25519.Instance, source, file);

        Assert.Equal(Expected(parties, signers), result.Compared);
        Assert.True(SigningTestKit.VerifyWithLibsodium(result.SigningKey, result.Message, result.Signature));
    }

    /// <summary>No independent verifier exists for FROST(secp256k1, SHA-256) signatures (its H2 is RFC 9380 hash_to_field), so the suite's own Verify checks them.</summary>
    [Theory]
    [InlineData("rfc9591-cfrg", "frost-secp256k1-sha256.json", 3, 2)]
    [InlineData("zcash-frost", "secp256k1/vectors.json", 3, 2)]
    [InlineData("zcash-frost", "secp256k1/vectors-big-identifier.json", 257, 3)]
    public void Secp256k1_Vectors_MatchEveryValue(string source, string file, int parties, int signers)
    {
        var result = Run(FrostSecp256k1.Instance, source, file);

        Assert.Equal(Expected(parties, signers), result.Compared);
        Assert.True(FrostSecp256k1.Instance.Verify(result.SigningKey, result.Message, result.Signature));
    }

    /// <summary>
    /// ZF's secp256k1-tr vectors sign without a taproot tweak: the signature is a BIP340 signature
    /// under the even-Y normalised, untweaked group key (ZF pre_sign/pre_aggregate call
    /// into_even_y only), which libsecp256k1 accepts for x(PK).
    /// </summary>
    [Theory]
    [InlineData("zcash-frost", "secp256k1-tr/vectors.json", 3, 2)]
    [InlineData("zcash-frost", "secp256k1-tr/vectors-big-identifier.json", 3, 2)]
    public void Secp256k1Taproot_Vectors_MatchEveryValue(string source, string file, int parties, int signers)
    {
        var result = Run(FrostSecp256k1Taproot.Instance, source, file);

        Assert.Equal(Expected(parties, signers), result.Compared);
        Assert.True(SigningTestKit.VerifyWithLibsecp256k1(result.SigningKey, result.Message, result.Signature));
    }

    /// <summary>n shares and PK, seven values per signer, and the signature.</summary>
    private static int Expected(int parties, int signers) => parties + 1 + (7 * signers) + 1;

    private static VectorResult<TPoint> Run<TPoint, TScalar>(FrostCiphersuite<TPoint, TScalar> suite, string source, string file)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText(["frost", source, .. file.Split('/')]));
        var root = document.RootElement;
        var inputs = root.GetProperty("inputs");
        var configName = root.GetProperty("config").GetProperty("name").GetString()!;
        Assert.StartsWith(configName.TrimEnd(')'), suite.Name, StringComparison.Ordinal); // ZF's secp256k1-tr files keep the RFC name
        var compared = 0;

        // Appendix C.1 with the listed coefficients.
        var coefficients = inputs.GetProperty("share_polynomial_coefficients").EnumerateArray().Select(e => ScalarOf<TScalar>(e)).ToArray();
        var listedShares = inputs.GetProperty("participant_shares").EnumerateArray().ToArray();
        var parties = listedShares.Select(e => new PartyId(e.GetProperty("identifier").GetInt32())).ToArray();
        var shares = TrustedDealer.FromPolynomial<TPoint, TScalar>(
            ScalarOf<TScalar>(inputs.GetProperty("group_secret_key")), coefficients, parties, new byte[GroupKey<TPoint, TScalar>.ChainCodeLength])
            .ToDictionary(s => s.Id);
        foreach (var listed in listedShares)
        {
            compared += Same(listed.GetProperty("participant_share"), Encode(shares[new PartyId(listed.GetProperty("identifier").GetInt32())].Secret));
        }

        var groupKey = shares.Values.First().GroupKey;
        var publicKeyField = inputs.TryGetProperty("group_public_key", out var rfcKey) ? rfcKey : inputs.GetProperty("verifying_key_key");
        compared += Same(publicKeyField, Encode<TPoint, TScalar>(groupKey.PublicKey));

        // §5.1 commit, with the listed randomness.
        var message = Convert.FromHexString(inputs.GetProperty("message").GetString()!);
        var roundOne = root.GetProperty("round_one_outputs").GetProperty("outputs").EnumerateArray().ToArray();
        var nonces = new Dictionary<PartyId, SigningNonces<TPoint, TScalar>>();
        foreach (var output in roundOne)
        {
            var share = shares[new PartyId(output.GetProperty("identifier").GetInt32())];
            var hidingRandomness = Hex(output.GetProperty("hiding_nonce_randomness"));
            var bindingRandomness = Hex(output.GetProperty("binding_nonce_randomness"));
            compared += Same(output.GetProperty("hiding_nonce"), Encode(SigningNonces<TPoint, TScalar>.NonceGenerate(suite, hidingRandomness, share.Secret)));
            compared += Same(output.GetProperty("binding_nonce"), Encode(SigningNonces<TPoint, TScalar>.NonceGenerate(suite, bindingRandomness, share.Secret)));
            var pair = SigningNonces<TPoint, TScalar>.FromRandomness(suite, share, hidingRandomness, bindingRandomness);
            compared += Same(output.GetProperty("hiding_nonce_commitment"), Encode<TPoint, TScalar>(pair.Commitment.Hiding));
            compared += Same(output.GetProperty("binding_nonce_commitment"), Encode<TPoint, TScalar>(pair.Commitment.Binding));
            nonces.Add(share.Id, pair);
        }

        Assert.Equal(
            inputs.GetProperty("participant_list").EnumerateArray().Select(e => new PartyId(e.GetInt32())),
            nonces.Keys.Order());

        // §4.4 binding factors, as both signers and the aggregator compute them.
        var package = new SigningPackage<TPoint, TScalar>(message, nonces.Values.Select(n => n.Commitment));
        Assert.True(SigningTranscript<TPoint, TScalar>.TryCompute(suite, suite.SigningKey(groupKey, null), package, out var transcript));
        foreach (var output in roundOne)
        {
            var signer = new PartyId(output.GetProperty("identifier").GetInt32());
            compared += Same(output.GetProperty("binding_factor_input"), transcript.BindingFactorInput(signer).ToArray());
            compared += Same(output.GetProperty("binding_factor"), Encode(transcript.BindingFactor(signer)));
        }

        // §5.2 sign, then §5.3 aggregate (which checks every share, §5.4).
        var signatureShares = new Dictionary<PartyId, TScalar>();
        foreach (var output in root.GetProperty("round_two_outputs").GetProperty("outputs").EnumerateArray())
        {
            var signer = new PartyId(output.GetProperty("identifier").GetInt32());
            var frostSigner = new FrostSigner<TPoint, TScalar>(suite, shares[signer], new InMemoryNonceLedger());
            Assert.True(frostSigner.TrySign(package, nonces[signer], out var share));
            compared += Same(output.GetProperty("sig_share"), Encode(share.Value));
            signatureShares.Add(signer, share.Value);
        }

        Assert.True(new FrostAggregator<TPoint, TScalar>(suite, groupKey).TryAggregate(package, signatureShares, out var signature, out var abort), abort?.ToString());
        compared += Same(root.GetProperty("final_output").GetProperty("sig"), signature);
        return new VectorResult<TPoint>(compared, transcript.SigningKey.PublicKey, message, signature);
    }

    private static int Same(JsonElement expected, byte[] actual)
    {
        Assert.Equal(expected.GetString(), Convert.ToHexStringLower(actual));
        return 1;
    }

    private static byte[] Hex(JsonElement element) => Convert.FromHexString(element.GetString()!);

    private static TScalar ScalarOf<TScalar>(JsonElement element)
        where TScalar : struct, IScalar<TScalar>
    {
        Assert.True(TScalar.TryDecode(Hex(element), out var scalar));
        return scalar;
    }

    private static byte[] Encode<TScalar>(TScalar scalar)
        where TScalar : struct, IScalar<TScalar>
    {
        var encoded = new byte[TScalar.EncodedLength];
        scalar.Encode(encoded);
        return encoded;
    }

    private static byte[] Encode<TPoint, TScalar>(TPoint point)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var encoded = new byte[TPoint.EncodedLength];
        point.Encode(encoded);
        return encoded;
    }

    private sealed record VectorResult<TPoint>(int Compared, TPoint SigningKey, byte[] Message, byte[] Signature);
}
