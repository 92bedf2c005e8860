using System.Security.Cryptography;
using Arcanum.Chains.Tron;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Tests.Tron;

public sealed class TronSigningTests
{
    /// <summary>
    /// A raw_data in TRON's protobuf layout: ref_block_bytes (1), ref_block_hash (4), expiration (8), a
    /// TransferContract (11, type 1) and timestamp (14).
    /// </summary>
    internal const string RawDataHex =
        "0a0202a22208e7f7e0e1a3ef1c2840f8d2c1b4ca315a66080112620a2d747970652e676f6f676c65617069732e636f6d2f70726f746f636f6c2e" +
        "5472616e73666572436f6e747261637412310a1541d1e7a6bc354106cb410e65ff8b181c600ff142921215417e5f4552091a69125d5dfcb7b8c2659029395bdf18e807" +
        "70a08ebeb4ca31";

    private static readonly byte[] PrivateKey = Hex.Decode("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");

    private static TronSigning Create(Secp256k1Point publicKey) =>
        TronSigning.TryCreate(new TronSignRequest(RawDataHex), publicKey, out var signing, out var error)
            ? signing
            : throw new InvalidOperationException(error);

    [Fact]
    public void TryCreate_RawData_ItemIsSha256OfRawData()
    {
        using var key = Secp256k1PrivateKey.Import(PrivateKey);

        var signing = Create(key.PublicKey);

        var expected = SHA256.HashData(Hex.Decode(RawDataHex));
        Assert.Equal(expected, signing.TxId.ToArray());
        Assert.Equal(expected, signing.Item.Payload.ToArray());
        Assert.Equal(SignatureKind.EcdsaSecp256k1, signing.Item.Kind);
    }

    [Fact]
    public void TryComplete_SignedWithKey_SixtyFiveBytesThatRecoverTheKey()
    {
        using var key = Secp256k1PrivateKey.Import(PrivateKey);
        var signing = Create(key.PublicKey);
        var signature = new byte[64];
        var recoveryId = key.SignEcdsa(signing.Item.Payload.Span, signature);

        Assert.True(signing.TryComplete(signature, recoveryId, out var signed, out var error), error);

        var bytes = Hex.Decode(signed.Signature);
        Assert.Equal(65, bytes.Length);
        Assert.Equal(recoveryId, bytes[64]);
        Assert.Equal(signature, bytes[..64]);
        Assert.Equal(Hex.Encode(signing.TxId.Span), signed.TxId);
        Assert.True(Secp256k1Ecdsa.TryRecover(Hex.Decode(signed.TxId), bytes.AsSpan(0, 64), bytes[64], out var recovered));
        Assert.Equal(key.PublicKey, recovered);
    }

    [Fact]
    public void TryComplete_WrongRecoveryIdOtherKeyOrShortSignature_Rejected()
    {
        using var key = Secp256k1PrivateKey.Import(PrivateKey);
        using var other = Secp256k1PrivateKey.Import(Hex.Decode("0000000000000000000000000000000000000000000000000000000000000001"));
        var signing = Create(key.PublicKey);
        var signature = new byte[64];
        var recoveryId = key.SignEcdsa(signing.Item.Payload.Span, signature);
        var otherSignature = new byte[64];
        var otherRecoveryId = other.SignEcdsa(signing.Item.Payload.Span, otherSignature);

        Assert.False(signing.TryComplete(signature, 1 - recoveryId, out _, out _));
        Assert.False(signing.TryComplete(signature, 27 + recoveryId, out _, out var vError));
        Assert.Contains("Recovery id", vError, StringComparison.Ordinal);
        Assert.False(signing.TryComplete(otherSignature, otherRecoveryId, out _, out _));
        Assert.False(signing.TryComplete(signature.AsSpan(0, 63), recoveryId, out _, out var lengthError));
        Assert.Contains("64 bytes", lengthError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0x0a0202a2")]
    [InlineData("0a0202a")]
    [InlineData("0a0202 a2")]
    [InlineData("0a0502a2")]
    [InlineData("07")]
    [InlineData("0a0202a22208e7f7")]
    public void TryCreate_MalformedRawData_RejectedNamingTheField(string? rawDataHex)
    {
        Assert.False(TronSigning.TryCreate(new TronSignRequest(rawDataHex), Secp256k1Point.Generator, out var signing, out var error));
        Assert.Null(signing);
        Assert.Contains("rawDataHex", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_EveryTruncationInsideTheContract_Rejected()
    {
        // The contract record (field 11) runs from byte 21 to byte 125, where the timestamp starts.
        const int contractStart = 21;
        const int timestampStart = 125;
        var raw = Hex.Decode(RawDataHex);
        Assert.Equal(0x5a, raw[contractStart]);
        Assert.Equal(0x70, raw[timestampStart]);
        for (var length = contractStart + 1; length < timestampStart; length++)
        {
            Assert.False(TronSigning.TryCreate(new TronSignRequest(Hex.Encode(raw.AsSpan(0, length))), Secp256k1Point.Generator, out _, out _), $"length {length}");
        }
    }
}
