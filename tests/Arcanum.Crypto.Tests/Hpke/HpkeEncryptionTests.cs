using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hpke;

namespace Arcanum.Crypto.Tests.Hpke;

/// <summary>Round trips in every mode and suite, and what the API refuses: tampering, wrong keys, bad inputs.</summary>
public sealed class HpkeEncryptionTests : IDisposable
{
    private static readonly byte[] Info = "arcanum/test/hpke"u8.ToArray();
    private static readonly byte[] Aad = "header"u8.ToArray();
    private static readonly byte[] Plaintext = "a message for the recipient only"u8.ToArray();
    private static readonly byte[] Psk = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] PskId = "psk-1"u8.ToArray();

    /// <summary>u = 0 and u = 1: points of small order on Curve25519 (RFC 7748 §5), whose DH output is all zeros.</summary>
    public static TheoryData<string> SmallOrderKeys => [new string('0', 64), "01" + new string('0', 62)];

    public static TheoryData<HpkeAead, HpkeMode> SuitesAndModes
    {
        get
        {
            var data = new TheoryData<HpkeAead, HpkeMode>();
            foreach (var aead in Enum.GetValues<HpkeAead>())
            {
                foreach (var mode in Enum.GetValues<HpkeMode>())
                {
                    data.Add(aead, mode);
                }
            }

            return data;
        }
    }

    private readonly X25519PrivateKey _recipient = X25519PrivateKey.Generate(RandomNumberGenerator.Create());
    private readonly X25519PrivateKey _sender = X25519PrivateKey.Generate(RandomNumberGenerator.Create());
    private readonly X25519PrivateKey _stranger = X25519PrivateKey.Generate(RandomNumberGenerator.Create());

    [Theory]
    [MemberData(nameof(SuitesAndModes))]
    public void SealOpen_EverySuiteAndMode_RoundTripsInOrderAndExportsAgree(HpkeAead aead, HpkeMode mode)
    {
        var suite = HpkeSuite.X25519Sha256(aead);
        using var sender = SetupSender(suite, mode, _recipient.PublicKey);
        using var recipient = SetupRecipient(suite, mode, sender.EncapsulatedKey, _recipient, _sender.PublicKey, Psk, PskId);
        Assert.NotNull(recipient);

        for (var i = 0; i < 3; i++)
        {
            var ciphertext = sender.Seal(Aad, Plaintext);
            Assert.Equal(Plaintext.Length + 16, ciphertext.Length);
            Assert.True(recipient.TryOpen(Aad, ciphertext, out var opened, out var error), error.ToString());
            Assert.Equal(Plaintext, opened);
        }

        Assert.Equal(sender.Export("ctx"u8, 64), recipient.Export("ctx"u8, 64));
        Assert.NotEqual(sender.Export("ctx"u8, 32), sender.Export("other"u8, 32));
    }

    [Fact]
    public void Seal_SameMessageTwice_GivesDifferentCiphertexts()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);

        Assert.NotEqual(sender.Seal(Aad, Plaintext), sender.Seal(Aad, Plaintext));
    }

    [Fact]
    public void TrySetupBaseS_TwoCalls_DrawFreshEphemeralKeys()
    {
        using var first = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        using var second = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);

        Assert.NotEqual(first.EncapsulatedKey, second.EncapsulatedKey);
    }

    [Fact]
    public void TrySetupBaseS_ScriptedRandomness_EncIsPublicKeyOfDrawnBytes()
    {
        var ephemeral = Enumerable.Repeat((byte)0x42, 32).ToArray();
        var rng = new ScriptedRandomNumberGenerator(ephemeral);
        using var expected = X25519PrivateKey.FromBytes(ephemeral);

        Assert.True(HpkeEncryption.TrySetupBaseS(HpkeSuite.X25519Sha256Aes256Gcm, _recipient.PublicKey, Info, rng,
            out var sender, out _));
        using (sender)
        {
            Assert.Equal(1, rng.Calls);
            Assert.Equal(expected.PublicKey.ToArray(), sender.EncapsulatedKey);
        }
    }

    [Fact]
    public void TryOpen_EveryFlippedCiphertextBit_FailsAndKeepsSequence()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        using var recipient = SetupRecipient(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, sender.EncapsulatedKey, _recipient);
        var ciphertext = sender.Seal(Aad, Plaintext);

        for (var bit = 0; bit < ciphertext.Length * 8; bit++)
        {
            var tampered = (byte[])ciphertext.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.False(recipient.TryOpen(Aad, tampered, out var opened, out var error));
            Assert.Null(opened);
            Assert.Equal(HpkeError.DecryptionFailed, error);
        }

        Assert.Equal(UInt128.Zero, recipient.SequenceNumber);
        Assert.True(recipient.TryOpen(Aad, ciphertext, out var genuine, out _));
        Assert.Equal(Plaintext, genuine);
    }

    [Fact]
    public void TryOpen_TamperedAad_Fails()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        using var recipient = SetupRecipient(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, sender.EncapsulatedKey, _recipient);
        var ciphertext = sender.Seal(Aad, Plaintext);

        Assert.False(recipient.TryOpen("headeR"u8, ciphertext, out _, out var error));
        Assert.Equal(HpkeError.DecryptionFailed, error);
        Assert.False(recipient.TryOpen([], ciphertext, out _, out _));
    }

    [Fact]
    public void TryOpen_CiphertextShorterThanTag_ReportsTooShort()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        using var recipient = SetupRecipient(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, sender.EncapsulatedKey, _recipient);

        Assert.False(recipient.TryOpen(Aad, new byte[15], out _, out var error));
        Assert.Equal(HpkeError.CiphertextTooShort, error);
    }

    [Fact]
    public void TryOpen_EmptyPlaintextTagOnly_RoundTrips()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        using var recipient = SetupRecipient(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, sender.EncapsulatedKey, _recipient);

        Assert.True(recipient.TryOpen(Aad, sender.Seal(Aad, []), out var opened, out _));
        Assert.Empty(opened);
    }

    [Fact]
    public void TryOpen_ReplayedOrReordered_Fails()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        using var recipient = SetupRecipient(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, sender.EncapsulatedKey, _recipient);
        var first = sender.Seal(Aad, Plaintext);
        var second = sender.Seal(Aad, Plaintext);

        Assert.False(recipient.TryOpen(Aad, second, out _, out _));
        Assert.True(recipient.TryOpen(Aad, first, out _, out _));
        Assert.False(recipient.TryOpen(Aad, first, out _, out var replay));
        Assert.Equal(HpkeError.DecryptionFailed, replay);
        Assert.True(recipient.TryOpen(Aad, second, out _, out _));
    }

    [Fact]
    public void TrySetupBaseR_TamperedEnc_OpensNothing()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        var ciphertext = sender.Seal(Aad, Plaintext);
        var enc = sender.EncapsulatedKey;
        enc[0] ^= 0x01;
        using var recipient = SetupRecipient(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, enc, _recipient);

        Assert.False(recipient.TryOpen(Aad, ciphertext, out _, out var error));
        Assert.Equal(HpkeError.DecryptionFailed, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void TrySetupBaseR_EncOfWrongLength_ReportsLength(int length)
    {
        Assert.False(HpkeEncryption.TrySetupBaseR(HpkeSuite.X25519Sha256Aes256Gcm, new byte[length], _recipient, Info,
            out var context, out var error));
        Assert.Null(context);
        Assert.Equal(HpkeError.InvalidEncapsulatedKeyLength, error);
    }

    [Theory]
    [MemberData(nameof(SmallOrderKeys))]
    public void TrySetupBaseR_SmallOrderEnc_ReportsSmallOrder(string enc)
    {
        Assert.False(HpkeEncryption.TrySetupBaseR(HpkeSuite.X25519Sha256Aes256Gcm, Convert.FromHexString(enc), _recipient,
            Info, out var context, out var error));
        Assert.Null(context);
        Assert.Equal(HpkeError.SmallOrderPublicKey, error);
    }

    [Theory]
    [MemberData(nameof(SmallOrderKeys))]
    public void TrySetupBaseS_SmallOrderRecipientKey_ReportsSmallOrder(string key)
    {
        Assert.False(HpkeEncryption.TrySetupBaseS(HpkeSuite.X25519Sha256Aes256Gcm, X25519PublicKey.FromBytes(Convert.FromHexString(key)),
            Info, RandomNumberGenerator.Create(), out var context, out var error));
        Assert.Null(context);
        Assert.Equal(HpkeError.SmallOrderPublicKey, error);
    }

    [Theory]
    [MemberData(nameof(SmallOrderKeys))]
    public void TrySetupAuthR_SmallOrderSenderKey_ReportsSmallOrder(string key)
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Auth, _recipient.PublicKey);

        Assert.False(HpkeEncryption.TrySetupAuthR(HpkeSuite.X25519Sha256Aes256Gcm, sender.EncapsulatedKey, _recipient, Info,
            X25519PublicKey.FromBytes(Convert.FromHexString(key)), out var context, out var error));
        Assert.Null(context);
        Assert.Equal(HpkeError.SmallOrderPublicKey, error);
    }

    [Theory]
    [MemberData(nameof(SuitesAndModes))]
    public void TryOpen_WrongRecipientKey_Fails(HpkeAead aead, HpkeMode mode)
    {
        var suite = HpkeSuite.X25519Sha256(aead);
        using var sender = SetupSender(suite, mode, _recipient.PublicKey);
        using var recipient = SetupRecipient(suite, mode, sender.EncapsulatedKey, _stranger, _sender.PublicKey, Psk, PskId);

        Assert.False(recipient.TryOpen(Aad, sender.Seal(Aad, Plaintext), out _, out var error));
        Assert.Equal(HpkeError.DecryptionFailed, error);
        Assert.NotEqual(sender.Export([], 32), recipient.Export([], 32));
    }

    [Theory]
    [InlineData(HpkeMode.Psk, true)]
    [InlineData(HpkeMode.Psk, false)]
    [InlineData(HpkeMode.AuthPsk, true)]
    [InlineData(HpkeMode.AuthPsk, false)]
    public void TryOpen_WrongPskOrPskId_Fails(HpkeMode mode, bool wrongPsk)
    {
        var suite = HpkeSuite.X25519Sha256Aes256Gcm;
        using var sender = SetupSender(suite, mode, _recipient.PublicKey);
        var psk = (byte[])Psk.Clone();
        var pskId = (byte[])PskId.Clone();
        (wrongPsk ? psk : pskId)[0] ^= 0x80;
        using var recipient = SetupRecipient(suite, mode, sender.EncapsulatedKey, _recipient, _sender.PublicKey, psk, pskId);

        Assert.False(recipient.TryOpen(Aad, sender.Seal(Aad, Plaintext), out _, out var error));
        Assert.Equal(HpkeError.DecryptionFailed, error);
    }

    [Theory]
    [InlineData(HpkeMode.Auth)]
    [InlineData(HpkeMode.AuthPsk)]
    public void TryOpen_AuthWithWrongSenderKey_Fails(HpkeMode mode)
    {
        var suite = HpkeSuite.X25519Sha256Aes256Gcm;
        using var sender = SetupSender(suite, mode, _recipient.PublicKey);
        using var recipient = SetupRecipient(suite, mode, sender.EncapsulatedKey, _recipient, _stranger.PublicKey, Psk, PskId);

        Assert.False(recipient.TryOpen(Aad, sender.Seal(Aad, Plaintext), out _, out var error));
        Assert.Equal(HpkeError.DecryptionFailed, error);
    }

    [Fact]
    public void TryOpen_SealedInAuthModeOpenedInBaseMode_Fails()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Auth, _recipient.PublicKey);
        using var recipient = SetupRecipient(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, sender.EncapsulatedKey, _recipient);

        Assert.False(recipient.TryOpen(Aad, sender.Seal(Aad, Plaintext), out _, out _));
    }

    [Fact]
    public void TryOpen_OtherSuiteSameKeys_Fails()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        using var recipient = SetupRecipient(HpkeSuite.X25519Sha256ChaCha20Poly1305, HpkeMode.Base, sender.EncapsulatedKey, _recipient);

        Assert.False(recipient.TryOpen(Aad, sender.Seal(Aad, Plaintext), out _, out _));
    }

    [Theory]
    [InlineData(32, 5, true)]
    [InlineData(64, 1, true)]
    [InlineData(0, 5, false)]
    [InlineData(32, 0, false)]
    [InlineData(31, 5, false)]
    public void TrySetupPskS_PskInputs_AcceptedOnlyWhenComplete(int pskLength, int pskIdLength, bool accepted)
    {
        var ok = HpkeEncryption.TrySetupPskS(HpkeSuite.X25519Sha256Aes256Gcm, _recipient.PublicKey, Info,
            new byte[pskLength], new byte[pskIdLength], RandomNumberGenerator.Create(), out var context, out var error);
        context?.Dispose();

        Assert.Equal(accepted, ok);
        Assert.Equal(accepted ? HpkeError.None : HpkeError.InvalidPskInputs, error);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(31, 5)]
    [InlineData(32, 0)]
    public void TrySetupAuthPskR_IncompletePskInputs_ReportsPskInputs(int pskLength, int pskIdLength)
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.AuthPsk, _recipient.PublicKey);

        Assert.False(HpkeEncryption.TrySetupAuthPskR(HpkeSuite.X25519Sha256Aes256Gcm, sender.EncapsulatedKey, _recipient,
            Info, new byte[pskLength], new byte[pskIdLength], _sender.PublicKey, out _, out var error));
        Assert.Equal(HpkeError.InvalidPskInputs, error);
    }

    /// <summary>RFC 9180 §5.1 VerifyPSKInputs over every mode and every presence of psk and psk_id.</summary>
    [Theory]
    [InlineData(HpkeMode.Base, false, false, true)]
    [InlineData(HpkeMode.Base, true, true, false)]
    [InlineData(HpkeMode.Base, true, false, false)]
    [InlineData(HpkeMode.Base, false, true, false)]
    [InlineData(HpkeMode.Auth, false, false, true)]
    [InlineData(HpkeMode.Auth, true, true, false)]
    [InlineData(HpkeMode.Psk, true, true, true)]
    [InlineData(HpkeMode.Psk, false, false, false)]
    [InlineData(HpkeMode.Psk, true, false, false)]
    [InlineData(HpkeMode.Psk, false, true, false)]
    [InlineData(HpkeMode.AuthPsk, true, true, true)]
    [InlineData(HpkeMode.AuthPsk, false, false, false)]
    public void VerifyPskInputs_ModeAndPresence_FollowsRfc(HpkeMode mode, bool hasPsk, bool hasPskId, bool valid) =>
        Assert.Equal(valid, HpkeKeySchedule.VerifyPskInputs(mode, hasPsk ? Psk : [], hasPskId ? PskId : []));

    [Fact]
    public void Seal_AtMessageLimit_ThrowsAndLastNonceIsNeverUsed()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        using var recipient = SetupRecipient(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, sender.EncapsulatedKey, _recipient);
        var last = HpkeContext.MaxSequenceNumber - 1;
        sender.SequenceNumber = last;
        recipient.SequenceNumber = last;

        var ciphertext = sender.Seal(Aad, Plaintext);
        Assert.True(recipient.TryOpen(Aad, ciphertext, out var opened, out _));
        Assert.Equal(Plaintext, opened);

        Assert.Equal((UInt128.One << 96) - 1, sender.SequenceNumber);
        Assert.Throws<InvalidOperationException>(() => sender.Seal(Aad, Plaintext));
        Assert.False(recipient.TryOpen(Aad, ciphertext, out _, out var error));
        Assert.Equal(HpkeError.MessageLimitReached, error);
    }

    [Fact]
    public void ComputeNonce_HighSequenceNumber_XorsAllTwelveBytes()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        var baseNonce = new byte[12];
        var nonce = new byte[12];
        sender.ComputeNonce(UInt128.Zero, baseNonce);

        sender.ComputeNonce(HpkeContext.MaxSequenceNumber, nonce);

        Assert.Equal(baseNonce.Select(b => (byte)~b), nonce);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(255 * 32 + 1)]
    public void Export_LengthOutOfRange_Throws(int length)
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);

        Assert.Throws<ArgumentOutOfRangeException>(() => sender.Export([], length));
    }

    [Fact]
    public void Export_LongestLength_ExtendsShorterExport()
    {
        using var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);

        var longest = sender.Export("x"u8, 255 * 32);

        Assert.Equal(255 * 32, longest.Length);
        Assert.NotEqual(sender.Export("x"u8, 32), longest[..32]);
    }

    [Fact]
    public void Dispose_Context_LaterUseThrowsAndPrintsRedacted()
    {
        var sender = SetupSender(HpkeSuite.X25519Sha256Aes256Gcm, HpkeMode.Base, _recipient.PublicKey);
        Assert.Equal("[redacted]", sender.ToString());

        sender.Dispose();

        Assert.Throws<ObjectDisposedException>(() => sender.Seal(Aad, Plaintext));
        Assert.Throws<ObjectDisposedException>(() => sender.Export([], 32));
    }

    [Fact]
    public void TrySealBaseTryOpenBase_ProductSuite_RoundTripsAndRefusesTampering()
    {
        var suite = HpkeSuite.X25519Sha256Aes256Gcm;
        Assert.True(HpkeEncryption.TrySealBase(suite, _recipient.PublicKey, Info, Aad, Plaintext, RandomNumberGenerator.Create(),
            out var message, out _));

        Assert.True(HpkeEncryption.TryOpenBase(suite, message.EncapsulatedKey, _recipient, Info, Aad, message.Ciphertext,
            out var opened, out _));
        Assert.Equal(Plaintext, opened);

        Assert.False(HpkeEncryption.TryOpenBase(suite, message.EncapsulatedKey, _recipient, "other info"u8, Aad,
            message.Ciphertext, out _, out var wrongInfo));
        Assert.Equal(HpkeError.DecryptionFailed, wrongInfo);
        Assert.False(HpkeEncryption.TryOpenBase(suite, message.EncapsulatedKey, _stranger, Info, Aad, message.Ciphertext,
            out _, out _));
        Assert.False(HpkeEncryption.TryOpenBase(suite, message.EncapsulatedKey[..31], _recipient, Info, Aad,
            message.Ciphertext, out _, out var shortEnc));
        Assert.Equal(HpkeError.InvalidEncapsulatedKeyLength, shortEnc);
    }

    [Fact]
    public void HpkeSuite_ProductSuite_IsX25519Sha256Aes256Gcm()
    {
        Assert.Same(HpkeSuite.X25519Sha256Aes256Gcm, HpkeSuite.X25519Sha256(HpkeAead.Aes256Gcm));
        Assert.Equal("DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM", HpkeSuite.X25519Sha256Aes256Gcm.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => HpkeSuite.X25519Sha256((HpkeAead)0xFFFF));
    }

    [Fact]
    public void DeriveKeyPair_SameIkm_SameKey_ShortIkmRefused()
    {
        var ikm = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        using var first = DhKemX25519Sha256.DeriveKeyPair(ikm);
        using var second = DhKemX25519Sha256.DeriveKeyPair(ikm);

        Assert.Equal(first.PublicKey, second.PublicKey);
        Assert.Throws<ArgumentException>(() => DhKemX25519Sha256.DeriveKeyPair(ikm.AsSpan(0, 31)));
    }

    /// <summary>An independent computation of LabeledExtract and LabeledExpand from HMAC-SHA256 (RFC 5869 §2.2, §2.3).</summary>
    [Fact]
    public void LabeledHkdf_AgainstHmacSha256_Agrees()
    {
        byte[] suiteId = [.. "HPKE"u8, 0x00, 0x20, 0x00, 0x01, 0x00, 0x02];
        var kdf = HpkeSuite.X25519Sha256Aes256Gcm.Kdf;
        var ikm = "input"u8.ToArray();

        var prk = kdf.Extract([], "label"u8, ikm);
        var output = kdf.Expand(prk, "exp"u8, "info"u8, 40);

        byte[] labeledIkm = [.. "HPKE-v1"u8, .. suiteId, .. "label"u8, .. ikm];
        var expectedPrk = HMACSHA256.HashData(new byte[32], labeledIkm);
        byte[] labeledInfo = [0x00, 40, .. "HPKE-v1"u8, .. suiteId, .. "exp"u8, .. "info"u8];
        byte[] block1 = [.. labeledInfo, 0x01];
        var t1 = HMACSHA256.HashData(expectedPrk, block1);
        byte[] block2 = [.. t1, .. labeledInfo, 0x02];
        var t2 = HMACSHA256.HashData(expectedPrk, block2);
        Assert.Equal(expectedPrk, prk);
        Assert.Equal([.. t1, .. t2[..8]], output);
    }

    public void Dispose()
    {
        _recipient.Dispose();
        _sender.Dispose();
        _stranger.Dispose();
    }

    private HpkeSenderContext SetupSender(HpkeSuite suite, HpkeMode mode, X25519PublicKey recipientKey)
    {
        var rng = RandomNumberGenerator.Create();
        HpkeSenderContext? context;
        HpkeError error;
        var ok = mode switch
        {
            HpkeMode.Base => HpkeEncryption.TrySetupBaseS(suite, recipientKey, Info, rng, out context, out error),
            HpkeMode.Psk => HpkeEncryption.TrySetupPskS(suite, recipientKey, Info, Psk, PskId, rng, out context, out error),
            HpkeMode.Auth => HpkeEncryption.TrySetupAuthS(suite, recipientKey, Info, _sender, rng, out context, out error),
            _ => HpkeEncryption.TrySetupAuthPskS(suite, recipientKey, Info, Psk, PskId, _sender, rng, out context, out error),
        };
        Assert.True(ok, error.ToString());
        return context!;
    }

    private static HpkeRecipientContext SetupRecipient(HpkeSuite suite, HpkeMode mode, byte[] enc,
        X25519PrivateKey recipientKey, X25519PublicKey? senderKey = null, byte[]? psk = null, byte[]? pskId = null)
    {
        HpkeRecipientContext? context;
        HpkeError error;
        var ok = mode switch
        {
            HpkeMode.Base => HpkeEncryption.TrySetupBaseR(suite, enc, recipientKey, Info, out context, out error),
            HpkeMode.Psk => HpkeEncryption.TrySetupPskR(suite, enc, recipientKey, Info, psk, pskId, out context, out error),
            HpkeMode.Auth => HpkeEncryption.TrySetupAuthR(suite, enc, recipientKey, Info, senderKey!, out context, out error),
            _ => HpkeEncryption.TrySetupAuthPskR(suite, enc, recipientKey, Info, psk, pskId, senderKey!, out context, out error),
        };
        Assert.True(ok, error.ToString());
        return context!;
    }
}
