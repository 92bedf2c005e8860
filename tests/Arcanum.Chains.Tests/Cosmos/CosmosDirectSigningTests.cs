using System.Globalization;
using Arcanum.Chains.Cosmos;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Tests.Cosmos;

public sealed class CosmosDirectSigningTests
{
    private static readonly CosmosVectors File = CosmosVectors.Load();

    private static Secp256k1Point FaucetKey =>
        Secp256k1Point.TryDecode(File.PublicKey, out var point) ? point : throw new InvalidOperationException("bad vector key");

    private static CosmosSignRequest Request(CosmosVector vector) => new(
        Convert.ToBase64String(vector.BodyBytes),
        Convert.ToBase64String(vector.AuthInfoBytes),
        File.ChainId,
        vector.AccountNumber.ToString(CultureInfo.InvariantCulture));

    private static CosmosDirectSigning Create(CosmosSignRequest request) =>
        CosmosDirectSigning.TryCreate(request, FaucetKey, out var signing, out var error) ? signing : throw new InvalidOperationException(error);

    /// <summary>
    /// cosmjs SIGN_MODE_DIRECT vectors: for all 3, the SignDoc bytes match, signing SHA-256(SignDoc) with the
    /// faucet key (RFC 6979, low-S) reproduces the signature, and TxRaw matches byte for byte.
    /// </summary>
    [Fact]
    public void TryCreate_CosmjsVectors_SignBytesSignatureAndTxRawMatch()
    {
        using var key = Secp256k1PrivateKey.Import(File.PrivateKey);
        Assert.Equal(FaucetKey, key.PublicKey);
        var count = 0;
        foreach (var vector in File.Vectors)
        {
            var signing = Create(Request(vector));
            Assert.Equal(vector.SignBytes, signing.SignBytes.ToArray());
            Assert.Equal(SignatureKind.EcdsaSecp256k1, signing.Item.Kind);

            var signature = new byte[64];
            key.SignEcdsa(signing.Item.Payload.Span, signature);
            Assert.Equal(vector.Signature, signature);

            Assert.True(signing.TryComplete(signature, out var signed, out var error), error);
            Assert.Equal(Convert.ToBase64String(vector.Signature), signed.Signature);
            Assert.Equal(Convert.ToBase64String(vector.SignedTxBytes), signed.TxRaw);
            count++;
        }

        Assert.Equal(3, count);
    }

    [Fact]
    public void Encode_AccountNumberZero_OmitsField4()
    {
        var vector = File.Vectors[0];
        var withOne = new CosmosSignDoc(vector.BodyBytes, vector.AuthInfoBytes, File.ChainId, 1).Encode();
        var withZero = new CosmosSignDoc(vector.BodyBytes, vector.AuthInfoBytes, File.ChainId, 0).Encode();

        Assert.Equal(withOne[..^2], withZero);
        Assert.Equal([0x20, 0x01], withOne[^2..]);
    }

    [Fact]
    public void TryCreate_EveryTruncatedBody_Rejected()
    {
        var vector = File.Vectors[0];
        for (var length = 0; length < vector.BodyBytes.Length; length++)
        {
            var request = Request(vector) with { BodyBytes = Convert.ToBase64String(vector.BodyBytes.AsSpan(0, length)) };
            Assert.False(CosmosDirectSigning.TryCreate(request, FaucetKey, out _, out var error), $"length {length}");
            Assert.Contains("bodyBytes", error, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// AuthInfo holds two records (signer_infos, fee): cut inside either, it is refused; cut exactly after the
    /// first it is still well-formed protobuf (a fee-less AuthInfo), which the wire check cannot tell apart.
    /// </summary>
    [Fact]
    public void TryCreate_AuthInfoCutInsideARecord_Rejected()
    {
        var vector = File.Vectors[0];
        var firstRecordEnd = 2 + vector.AuthInfoBytes[1];
        for (var length = 0; length < vector.AuthInfoBytes.Length; length++)
        {
            var request = Request(vector) with { AuthInfoBytes = Convert.ToBase64String(vector.AuthInfoBytes.AsSpan(0, length)) };
            var accepted = CosmosDirectSigning.TryCreate(request, FaucetKey, out _, out var error);
            Assert.Equal(length == firstRecordEnd, accepted);
            Assert.True(accepted || error.Contains("authInfoBytes", StringComparison.Ordinal), error);
        }
    }

    [Theory]
    [InlineData("bodyBytes", "CgQ=\n", "bodyBytes")]
    [InlineData("bodyBytes", "CgQ", "bodyBytes")]
    [InlineData("bodyBytes", "CgR=", "bodyBytes")]
    [InlineData("bodyBytes", "//8=", "bodyBytes")]
    [InlineData("bodyBytes", null, "bodyBytes")]
    [InlineData("authInfoBytes", "!!!!", "authInfoBytes")]
    [InlineData("chainId", "", "chainId")]
    [InlineData("chainId", "simd testing", "chainId")]
    [InlineData("chainId", "012345678901234567890123456789012345678901234567890", "chainId")]
    [InlineData("accountNumber", "01", "accountNumber")]
    [InlineData("accountNumber", "-1", "accountNumber")]
    [InlineData("accountNumber", "+1", "accountNumber")]
    [InlineData("accountNumber", " 1", "accountNumber")]
    [InlineData("accountNumber", "1.0", "accountNumber")]
    [InlineData("accountNumber", "18446744073709551616", "accountNumber")]
    [InlineData("accountNumber", "", "accountNumber")]
    public void TryCreate_MalformedField_RejectedNamingIt(string field, string? value, string expected)
    {
        var request = Request(File.Vectors[0]);
        request = field switch
        {
            "bodyBytes" => request with { BodyBytes = value },
            "authInfoBytes" => request with { AuthInfoBytes = value },
            "chainId" => request with { ChainId = value },
            _ => request with { AccountNumber = value },
        };

        Assert.False(CosmosDirectSigning.TryCreate(request, FaucetKey, out var signing, out var error));
        Assert.Null(signing);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_MaxAccountNumber_Accepted()
    {
        var request = Request(File.Vectors[0]) with { AccountNumber = "18446744073709551615" };

        Assert.Equal(ulong.MaxValue, Create(request).SignDoc.AccountNumber);
    }

    [Fact]
    public void TryComplete_TamperedHighSOrShortSignature_Rejected()
    {
        var vector = File.Vectors[0];
        var signing = Create(Request(vector));
        var tampered = (byte[])vector.Signature.Clone();
        tampered[10] ^= 1;
        var highS = HighS(vector.Signature);
        var otherVectorSignature = File.Vectors[1].Signature;

        Assert.False(signing.TryComplete(tampered, out _, out _));
        Assert.False(signing.TryComplete(highS, out _, out _));
        Assert.False(signing.TryComplete(otherVectorSignature, out _, out _));
        Assert.False(signing.TryComplete(vector.Signature.AsSpan(0, 63), out _, out var error));
        Assert.Contains("64 bytes", error, StringComparison.Ordinal);
        Assert.True(signing.TryComplete(vector.Signature, out _, out _));
    }

    /// <summary>The same signature with s replaced by n − s: valid ECDSA, but not low-S.</summary>
    private static byte[] HighS(byte[] signature)
    {
        Assert.True(Secp256k1Scalar.TryDecode(signature.AsSpan(32), out var s));
        var result = (byte[])signature.Clone();
        (-s).Encode(result.AsSpan(32));
        return result;
    }
}
