using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hpke;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Envelopes;
using Arcanum.TestKit;

namespace Arcanum.Ledger.Tests.Envelopes;

/// <summary>Direct envelopes: round trip, the wrong reader, tampering, re-addressing (forwarding), key rotation.</summary>
public sealed class DirectEnvelopeTests : IDisposable
{
    private const string Chain = "arcanum-test-1";
    private static readonly byte[] Message = "Bob, the meeting moved to Thursday."u8.ToArray();

    private readonly DeterministicRandom _rng = new(1);
    private readonly Party _alice;
    private readonly Party _bob;
    private readonly Party _carol;

    public DirectEnvelopeTests()
    {
        _alice = new Party(_rng);
        _bob = new Party(_rng);
        _carol = new Party(_rng);
    }

    [Fact]
    public void TryOpen_AliceToBob_ReturnsAliceAndThePlaintext()
    {
        var envelope = SealToBob(Message);

        Assert.True(DirectEnvelope.TryOpen(_bob.Encryption, envelope, ToBob(), out var opened, out var error), error.ToString());
        Assert.Equal(_alice.Account, opened.SenderAccount);
        Assert.Equal(Message, opened.Plaintext);
        Assert.Equal(DirectEnvelope.MinLength + Message.Length, envelope.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(DirectEnvelope.MaxPlaintextLength)]
    public void TryOpen_PlaintextLengthsUpToTheBound_RoundTrip(int length)
    {
        var plaintext = new byte[length];
        _rng.GetBytes(plaintext);

        var envelope = SealToBob(plaintext);

        Assert.True(DirectEnvelope.TryOpen(_bob.Encryption, envelope, ToBob(), out var opened, out var error), error.ToString());
        Assert.Equal(plaintext, opened.Plaintext);
    }

    [Fact]
    public void TrySeal_PlaintextOverTheBound_FailsWithPlaintextTooLong()
    {
        var sealedOk = DirectEnvelope.TrySeal(_alice.Signing, _bob.Encryption.PublicKey, 1,
            new byte[DirectEnvelope.MaxPlaintextLength + 1], ToBob(), _rng, out var envelope, out var error);

        Assert.False(sealedOk);
        Assert.Null(envelope);
        Assert.Equal(EnvelopeError.PlaintextTooLong, error);
    }

    [Fact]
    public void TrySeal_SmallOrderRecipientKey_FailsWithRecipientKeySmallOrder()
    {
        var zeroKey = X25519PublicKey.FromBytes(new byte[32]);

        Assert.False(DirectEnvelope.TrySeal(_alice.Signing, zeroKey, 1, Message, ToBob(), _rng, out _, out var error));
        Assert.Equal(EnvelopeError.RecipientKeySmallOrder, error);
    }

    [Fact]
    public void TrySeal_KeyVersionZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            DirectEnvelope.TrySeal(_alice.Signing, _bob.Encryption.PublicKey, 0, Message, ToBob(), _rng, out _, out _));

    [Fact]
    public void EnvelopeContext_BadFields_Throw()
    {
        Assert.Throws<ArgumentException>(() => new EnvelopeContext("", _bob.Account));
        Assert.Throws<ArgumentException>(() => new EnvelopeContext(new string('c', EnvelopeFields.MaxChainIdLength + 1), _bob.Account));
        Assert.Throws<ArgumentException>(() => new EnvelopeContext(Chain, new byte[31]));
        Assert.Equal(Chain, new EnvelopeContext(Chain, _bob.Account).ChainId);
    }

    [Fact]
    public void TrySeal_SameRandomness_SameBytes_OtherRandomness_OtherBytes()
    {
        byte[] Seal(ulong seed)
        {
            Assert.True(DirectEnvelope.TrySeal(_alice.Signing, _bob.Encryption.PublicKey, 1, Message, ToBob(),
                new DeterministicRandom(seed), out var envelope, out _));
            return envelope;
        }

        Assert.Equal(Seal(42), Seal(42));
        Assert.NotEqual(Seal(42), Seal(43));
    }

    [Fact]
    public void TryOpen_CarolsKey_FailsWithDecryptionFailed()
    {
        var envelope = SealToBob(Message);

        Assert.False(DirectEnvelope.TryOpen(_carol.Encryption, envelope, ToCarol(), out var opened, out var error));
        Assert.Null(opened);
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
        Assert.False(DirectEnvelope.TryOpen(_carol.Encryption, envelope, ToBob(), out _, out error));
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
    }

    [Fact]
    public void TryOpen_BobsKeyButWrongContext_Fails()
    {
        var envelope = SealToBob(Message);

        Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, envelope, new EnvelopeContext("arcanum-other", _bob.Account), out _, out var error));
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
        Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, envelope, ToCarol(), out _, out error));
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
    }

    [Fact]
    public void TryOpen_EveryByteFlipped_Fails()
    {
        var envelope = SealToBob(Message);
        var refused = 0;

        for (var i = 0; i < envelope.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80 })
            {
                var tampered = (byte[])envelope.Clone();
                tampered[i] ^= mask;
                Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, tampered, ToBob(), out var opened, out var error),
                    $"byte {i} ^ {mask:x2} was accepted");
                Assert.Null(opened);
                Assert.NotEqual(EnvelopeError.None, error);
                refused++;
            }
        }

        Assert.Equal(2 * (DirectEnvelope.MinLength + Message.Length), refused);
    }

    [Fact]
    public void Layout_MatchesTheDocumentedFormat_OpenedWithoutTheEnvelopeCode()
    {
        var envelope = SealToBob(Message);

        Assert.Equal(1, envelope[0]);
        Assert.Equal(DocumentedLayout.U32(1), envelope[1..5]);
        var enc = envelope[5..37];
        Assert.True(HpkeEncryption.TryOpenBase(HpkeSuite.X25519Sha256Aes256Gcm, enc, _bob.Encryption,
            DocumentedLayout.DirectInfo(Chain), DocumentedLayout.DirectAad(_bob.Account, 1), envelope[37..],
            out var inner, out var hpkeError), hpkeError.ToString());
        Assert.Equal(_alice.Account, inner[..32]);
        Assert.Equal(Message, inner[96..]);
        var statement = DocumentedLayout.DirectStatement(Chain, _alice.Account, _bob.Account, 1, enc, Message);
        Assert.True(_alice.Signing.PublicKey.Verify(statement, inner[32..96]));
    }

    /// <summary>
    /// The forwarding attack: Bob decrypts Alice's envelope and seals the very same inner bytes (Alice's account,
    /// her valid signature, her plaintext) to Carol, with a perfectly valid HPKE encryption. Carol must not believe
    /// Alice wrote to her: the statement Alice signed names Bob, his key version and the original enc.
    /// </summary>
    [Fact]
    public void TryOpen_InnerResealedByBobToCarol_FailsWithSignatureInvalid()
    {
        var inner = BobDecryptsInner(SealToBob(Message));

        var forwarded = Reseal(inner, _carol.Encryption.PublicKey, Chain, _carol.Account, keyVersion: 1);

        Assert.False(DirectEnvelope.TryOpen(_carol.Encryption, forwarded, ToCarol(), out var opened, out var error));
        Assert.Null(opened);
        Assert.Equal(EnvelopeError.SignatureInvalid, error);
    }

    [Fact]
    public void TryOpen_InnerResealedToAnotherChainOrKeyVersion_FailsWithSignatureInvalid()
    {
        var inner = BobDecryptsInner(SealToBob(Message));

        var otherChain = Reseal(inner, _bob.Encryption.PublicKey, "arcanum-other", _bob.Account, keyVersion: 1);
        var otherVersion = Reseal(inner, _bob.Encryption.PublicKey, Chain, _bob.Account, keyVersion: 2);

        Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, otherChain, new EnvelopeContext("arcanum-other", _bob.Account), out _, out var error));
        Assert.Equal(EnvelopeError.SignatureInvalid, error);
        Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, otherVersion, ToBob(), out _, out error));
        Assert.Equal(EnvelopeError.SignatureInvalid, error);
    }

    /// <summary>
    /// Control for the two tests above: they fail only because of what Alice signed. Built the same way but with a
    /// statement Bob signs himself, the re-sealed message opens at Carol, attributed to Bob, not Alice.
    /// </summary>
    [Fact]
    public void TryOpen_InnerSignedByTheResealer_OpensAsTheResealer()
    {
        var inner = BobDecryptsInner(SealToBob(Message));
        Assert.True(HpkeEncryption.TrySetupBaseS(HpkeSuite.X25519Sha256Aes256Gcm, _carol.Encryption.PublicKey,
            DocumentedLayout.DirectInfo(Chain), _rng, out var hpke, out _));
        using (hpke)
        {
            var enc = hpke.EncapsulatedKey;
            var statement = DocumentedLayout.DirectStatement(Chain, _bob.Account, _carol.Account, 1, enc, inner[96..]);
            byte[] resigned = [.. _bob.Account, .. _bob.Signing.Sign(statement), .. inner[96..]];
            var envelope = DocumentedLayout.HpkeEnvelope(1, enc, hpke.Seal(DocumentedLayout.DirectAad(_carol.Account, 1), resigned));

            Assert.True(DirectEnvelope.TryOpen(_carol.Encryption, envelope, ToCarol(), out var opened, out var error), error.ToString());
            Assert.Equal(_bob.Account, opened.SenderAccount);
        }
    }

    [Fact]
    public void TryOpen_AfterBobRotates_NewUseVersion2AndOldStillOpenWithTheOldKey()
    {
        var beforeRotation = SealToBob(Message);
        using var bobV2 = X25519PrivateKey.Generate(_rng);
        var second = "after rotation"u8.ToArray();

        Assert.True(DirectEnvelope.TrySeal(_alice.Signing, bobV2.PublicKey, 2, second, ToBob(), _rng, out var afterRotation, out _));

        Assert.True(DirectEnvelope.TryDecode(beforeRotation, out var oldHeader, out _));
        Assert.True(DirectEnvelope.TryDecode(afterRotation, out var newHeader, out _));
        Assert.Equal(1u, oldHeader.KeyVersion);
        Assert.Equal(2u, newHeader.KeyVersion);
        Assert.True(DirectEnvelope.TryOpen(_bob.Encryption, beforeRotation, ToBob(), out var oldOpened, out _));
        Assert.Equal(Message, oldOpened.Plaintext);
        Assert.True(DirectEnvelope.TryOpen(bobV2, afterRotation, ToBob(), out var newOpened, out _));
        Assert.Equal(second, newOpened.Plaintext);
        Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, afterRotation, ToBob(), out _, out var error));
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
        Assert.False(DirectEnvelope.TryOpen(bobV2, beforeRotation, ToBob(), out _, out error));
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
    }

    [Fact]
    public void TryOpen_KeyVersionRewrittenInTheHeader_FailsWithDecryptionFailed()
    {
        var envelope = SealToBob(Message);
        envelope[4] = 2;

        Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, envelope, ToBob(), out _, out var error));
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
    }

    [Fact]
    public void TryOpen_SmallOrderEncapsulatedKey_FailsWithEncapsulatedKeySmallOrder()
    {
        var envelope = SealToBob(Message);
        Array.Clear(envelope, 5, 32);

        Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, envelope, ToBob(), out _, out var error));
        Assert.Equal(EnvelopeError.EncapsulatedKeySmallOrder, error);
    }

    [Fact]
    public void TryOpen_SignatureFromAnotherKeyThanTheNamedSender_FailsWithSignatureInvalid()
    {
        Assert.True(HpkeEncryption.TrySetupBaseS(HpkeSuite.X25519Sha256Aes256Gcm, _bob.Encryption.PublicKey,
            DocumentedLayout.DirectInfo(Chain), _rng, out var hpke, out _));
        using (hpke)
        {
            var enc = hpke.EncapsulatedKey;
            var statement = DocumentedLayout.DirectStatement(Chain, _alice.Account, _bob.Account, 1, enc, Message);
            byte[] impersonating = [.. _alice.Account, .. _carol.Signing.Sign(statement), .. Message];
            var envelope = DocumentedLayout.HpkeEnvelope(1, enc, hpke.Seal(DocumentedLayout.DirectAad(_bob.Account, 1), impersonating));

            Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, envelope, ToBob(), out _, out var error));
            Assert.Equal(EnvelopeError.SignatureInvalid, error);
        }
    }

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
        _carol.Dispose();
        _rng.Dispose();
    }

    private EnvelopeContext ToBob() => new(Chain, _bob.Account);

    private EnvelopeContext ToCarol() => new(Chain, _carol.Account);

    private byte[] SealToBob(byte[] plaintext)
    {
        Assert.True(DirectEnvelope.TrySeal(_alice.Signing, _bob.Encryption.PublicKey, 1, plaintext, ToBob(), _rng,
            out var envelope, out var error), error.ToString());
        return envelope;
    }

    private byte[] BobDecryptsInner(byte[] envelope)
    {
        Assert.True(HpkeEncryption.TryOpenBase(HpkeSuite.X25519Sha256Aes256Gcm, envelope[5..37], _bob.Encryption,
            DocumentedLayout.DirectInfo(Chain), DocumentedLayout.DirectAad(_bob.Account, 1), envelope[37..], out var inner, out _));
        return inner;
    }

    private byte[] Reseal(byte[] inner, X25519PublicKey to, string chainId, byte[] account, uint keyVersion)
    {
        Assert.True(HpkeEncryption.TrySealBase(HpkeSuite.X25519Sha256Aes256Gcm, to, DocumentedLayout.DirectInfo(chainId),
            DocumentedLayout.DirectAad(account, keyVersion), inner, _rng, out var sealedMessage, out _));
        return DocumentedLayout.HpkeEnvelope(keyVersion, sealedMessage.EncapsulatedKey, sealedMessage.Ciphertext);
    }
}
