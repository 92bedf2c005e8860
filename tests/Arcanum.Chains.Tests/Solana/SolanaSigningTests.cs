using Arcanum.Chains.Solana;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Solana;

public sealed class SolanaSigningTests
{
    private static SolanaSigning Create(SolanaTransaction transaction, Arcanum.Crypto.Signatures.Ed25519PublicKey key) =>
        SolanaSigning.TryCreate(new SolanaSignRequest(Convert.ToBase64String(transaction.Serialize())), key, out var signing, out var error)
            ? signing
            : throw new InvalidOperationException(error);

    [Fact]
    public void TryComplete_LegacyFeePayer_SignatureInSlotZeroVerifies()
    {
        using var key = SolanaFixtures.Key(1);
        var unsigned = SolanaFixtures.Legacy(key.PublicKey.Bytes.ToArray());
        var signing = Create(unsigned, key.PublicKey);
        Assert.Equal(SignatureKind.Ed25519, signing.Item.Kind);
        Assert.Equal(unsigned.Message.Serialize(), signing.Item.Payload.ToArray());
        Assert.True(signing.IsFeePayer);

        var signature = key.Sign(signing.Item.Payload.Span);
        Assert.True(signing.TryComplete(signature, out var signed, out var error), error);

        var wire = Convert.FromBase64String(signed.SignedTransaction);
        Assert.True(SolanaTransaction.TryParse(wire, out var parsed, out _));
        Assert.Equal(signature, parsed.Signatures[0].ToArray());
        Assert.True(key.PublicKey.Verify(parsed.Message.Serialize(), parsed.Signatures[0].Span));
        Assert.True(Base58.TryDecode(signed.Signature, out var signatureFromBase58));
        Assert.Equal(signature, signatureFromBase58);
        Assert.Equal(unsigned.Serialize()[65..], wire[65..]);
    }

    [Fact]
    public void TryComplete_V0SecondSigner_FillsItsSlotAndKeepsTheOther()
    {
        using var payer = SolanaFixtures.Key(1);
        using var key = SolanaFixtures.Key(2);
        var unsigned = SolanaFixtures.Versioned(payer.PublicKey.Bytes.ToArray(), key.PublicKey.Bytes.ToArray());
        var signing = Create(unsigned, key.PublicKey);
        Assert.Equal(1, signing.SignerIndex);
        Assert.False(signing.IsFeePayer);

        var signature = key.Sign(signing.Item.Payload.Span);
        Assert.True(signing.TryComplete(signature, out var signed, out _));

        Assert.True(SolanaTransaction.TryParse(Convert.FromBase64String(signed.SignedTransaction), out var parsed, out _));
        Assert.Equal(unsigned.Signatures[0].ToArray(), parsed.Signatures[0].ToArray());
        Assert.Equal(signature, parsed.Signatures[1].ToArray());
        Assert.True(key.PublicKey.Verify(unsigned.Message.Serialize(), parsed.Signatures[1].Span));
    }

    [Fact]
    public void TryCreate_KeyNotASigner_RejectedNamingTheKey()
    {
        using var key = SolanaFixtures.Key(3);
        var unsigned = SolanaFixtures.Legacy(SolanaFixtures.Filled(0x11));

        Assert.False(SolanaSigning.TryCreate(new SolanaSignRequest(Convert.ToBase64String(unsigned.Serialize())), key.PublicKey, out var signing, out var error));

        Assert.Null(signing);
        Assert.Contains(SolanaAddress.Encode(key.PublicKey.Bytes), error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_KeyPresentButNotRequiredToSign_Rejected()
    {
        using var key = SolanaFixtures.Key(4);
        var unsigned = SolanaFixtures.Legacy(SolanaFixtures.Filled(0x11));
        var keyAsRecipient = unsigned with { Message = unsigned.Message with { AccountKeys = [unsigned.Message.AccountKeys[0], key.PublicKey.Bytes.ToArray(), SolanaFixtures.SystemProgram] } };

        Assert.False(SolanaSigning.TryCreate(new SolanaSignRequest(Convert.ToBase64String(keyAsRecipient.Serialize())), key.PublicKey, out _, out var error));
        Assert.Contains("not among the transaction's 1 required signers", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "serialized is missing")]
    [InlineData("AQ", "canonical Base64")]
    [InlineData("AQ==\n", "canonical Base64")]
    [InlineData("AQ==", "runs past the end")]
    public void TryCreate_MalformedInput_RejectedNamingIt(string? serialized, string expected)
    {
        using var key = SolanaFixtures.Key(1);

        Assert.False(SolanaSigning.TryCreate(new SolanaSignRequest(serialized), key.PublicKey, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryComplete_WrongKeyTamperedOrShortSignature_Rejected()
    {
        using var key = SolanaFixtures.Key(1);
        using var other = SolanaFixtures.Key(2);
        var signing = Create(SolanaFixtures.Legacy(key.PublicKey.Bytes.ToArray()), key.PublicKey);
        var good = key.Sign(signing.Item.Payload.Span);
        var tampered = (byte[])good.Clone();
        tampered[3] ^= 0x40;

        Assert.False(signing.TryComplete(other.Sign(signing.Item.Payload.Span), out _, out _));
        Assert.False(signing.TryComplete(tampered, out _, out _));
        Assert.False(signing.TryComplete(good.AsSpan(0, 63), out _, out var error));
        Assert.Contains("64", error, StringComparison.Ordinal);
        Assert.True(signing.TryComplete(good, out _, out _));
    }
}
