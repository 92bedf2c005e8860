using System.Security.Cryptography;
using Arcanum.Crypto.Hpke;
using Arcanum.Ledger.Envelopes;
using Arcanum.TestKit;

namespace Arcanum.Ledger.Tests.Envelopes;

/// <summary>
/// Group messaging end to end: the admin (Alice) wraps the epoch key to each member, members seal and open,
/// non-members cannot, and after Carol is revoked the key rotates so that she cannot read the new epoch.
/// </summary>
public sealed class GroupEnvelopeTests : IDisposable
{
    private const string Chain = "arcanum-test-1";
    private static readonly byte[] GroupId = "group:research"u8.ToArray();
    private static readonly byte[] Message = "to everyone in research"u8.ToArray();

    private readonly DeterministicRandom _rng = new(2);
    private readonly Party _alice;
    private readonly Party _bob;
    private readonly Party _carol;
    private readonly Party _dave;
    private readonly GroupKey _epoch1;

    public GroupEnvelopeTests()
    {
        _alice = new Party(_rng);
        _bob = new Party(_rng);
        _carol = new Party(_rng);
        _dave = new Party(_rng);
        _epoch1 = GroupKey.Generate(GroupId, 1, _rng);
    }

    [Fact]
    public void TryUnwrap_EachMember_GetsTheSameKeyAndTheAdmin()
    {
        using var bobsKey = WrapAndUnwrap(_epoch1, _bob);
        using var carolsKey = WrapAndUnwrap(_epoch1, _carol);

        Assert.Equal(Secret(_epoch1), Secret(bobsKey));
        Assert.Equal(Secret(_epoch1), Secret(carolsKey));
        Assert.Equal(GroupId, bobsKey.GroupId.ToArray());
        Assert.Equal(1ul, carolsKey.Epoch);
    }

    [Fact]
    public void TryOpen_MembersOpenEachOthersMessages()
    {
        using var bobsKey = WrapAndUnwrap(_epoch1, _bob);
        using var carolsKey = WrapAndUnwrap(_epoch1, _carol);

        var envelope = Seal(bobsKey, _bob, Message);

        Assert.True(GroupEnvelope.TryOpen(carolsKey, envelope, Chain, out var opened, out var error), error.ToString());
        Assert.Equal(_bob.Account, opened.SenderAccount);
        Assert.Equal(Message, opened.Plaintext);
        Assert.True(GroupEnvelope.TryOpen(_epoch1, envelope, Chain, out opened, out _));
        Assert.Equal(Message, opened.Plaintext);
    }

    [Fact]
    public void NonMember_CannotUnwrapAMembersKeyNorOpenWithAGuessedKey()
    {
        var wrappedForBob = Wrap(_epoch1, _bob, 1);
        var envelope = Seal(_epoch1, _bob, Message);

        Assert.False(GroupKeyWrap.TryUnwrap(_dave.Encryption, wrappedForBob, new EnvelopeContext(Chain, _dave.Account),
            out var key, out _, out var error));
        Assert.Null(key);
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
        using var guessed = GroupKey.Generate(GroupId, 1, _rng);
        Assert.False(GroupEnvelope.TryOpen(guessed, envelope, Chain, out var opened, out error));
        Assert.Null(opened);
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
    }

    /// <summary>
    /// Carol is revoked: Alice rotates to epoch 2 and wraps the new key to Bob only. Carol kept her epoch-1 key:
    /// she still reads epoch-1 messages, but not epoch-2 ones — not as they are (the epoch does not match) and
    /// not by relabelling her old secret as epoch 2, because the new key is random, not derived from the old one.
    /// </summary>
    [Fact]
    public void RevokedMember_CannotOpenTheNewEpoch_ButStillOpensTheOld()
    {
        using var carolsOldKey = WrapAndUnwrap(_epoch1, _carol);
        var oldMessage = Seal(_epoch1, _bob, Message);

        using var epoch2 = _epoch1.Rotate(_rng);
        using var bobsNewKey = WrapAndUnwrap(epoch2, _bob);
        var newMessage = Seal(bobsNewKey, _bob, "after Carol left"u8.ToArray());

        Assert.Equal(2ul, epoch2.Epoch);
        Assert.NotEqual(Secret(_epoch1), Secret(epoch2));
        Assert.True(GroupEnvelope.TryDecode(newMessage, out var header, out _));
        Assert.Equal(2ul, header.Epoch);

        Assert.False(GroupEnvelope.TryOpen(carolsOldKey, newMessage, Chain, out _, out var error));
        Assert.Equal(EnvelopeError.EpochMismatch, error);
        using var relabelled = GroupKey.FromBytes(Secret(carolsOldKey), GroupId, 2);
        Assert.False(GroupEnvelope.TryOpen(relabelled, newMessage, Chain, out var opened, out error));
        Assert.Null(opened);
        Assert.Equal(EnvelopeError.DecryptionFailed, error);

        Assert.True(GroupEnvelope.TryOpen(carolsOldKey, oldMessage, Chain, out opened, out error), error.ToString());
        Assert.Equal(Message, opened.Plaintext);
        Assert.True(GroupEnvelope.TryOpen(bobsNewKey, newMessage, Chain, out opened, out _));
        Assert.Equal("after Carol left"u8.ToArray(), opened.Plaintext);
    }

    [Fact]
    public void Rotate_FromTheSameRandomness_IsIndependentOfTheOldSecret()
    {
        using var other = GroupKey.FromBytes(new byte[GroupKey.KeyLength], GroupId, 1);

        using var fromEpoch1 = _epoch1.Rotate(new DeterministicRandom(9));
        using var fromOther = other.Rotate(new DeterministicRandom(9));

        Assert.Equal(Secret(fromEpoch1), Secret(fromOther));
    }

    [Fact]
    public void TryOpen_WrongChainOrGroup_Fails()
    {
        var envelope = Seal(_epoch1, _bob, Message);
        using var otherGroup = GroupKey.FromBytes(Secret(_epoch1), "group:other"u8, 1);

        Assert.False(GroupEnvelope.TryOpen(_epoch1, envelope, "arcanum-other", out _, out var error));
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
        Assert.False(GroupEnvelope.TryOpen(otherGroup, envelope, Chain, out _, out error));
        Assert.Equal(EnvelopeError.GroupMismatch, error);
    }

    [Fact]
    public void TryOpen_EveryByteFlipped_Fails()
    {
        var envelope = Seal(_epoch1, _bob, Message);
        var refused = 0;

        for (var i = 0; i < envelope.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80 })
            {
                var tampered = (byte[])envelope.Clone();
                tampered[i] ^= mask;
                Assert.False(GroupEnvelope.TryOpen(_epoch1, tampered, Chain, out var opened, out var error), $"byte {i} ^ {mask:x2}");
                Assert.Null(opened);
                Assert.NotEqual(EnvelopeError.None, error);
                refused++;
            }
        }

        Assert.Equal(2 * (1 + 1 + GroupId.Length + 8 + 12 + 96 + Message.Length + 16), refused);
    }

    [Fact]
    public void Layout_MatchesTheDocumentedFormat_OpenedWithoutTheEnvelopeCode()
    {
        var envelope = Seal(_epoch1, _bob, Message);

        var at = 2 + GroupId.Length;
        Assert.Equal([1, (byte)GroupId.Length, .. GroupId], envelope[..at]);
        Assert.Equal(DocumentedLayout.U64(1), envelope[at..(at + 8)]);
        var nonce = envelope[(at + 8)..(at + 20)];
        var sealedBody = envelope[(at + 20)..];
        var inner = new byte[sealedBody.Length - 16];
        using (var aes = new AesGcm(DocumentedLayout.GroupMessageKey(Secret(_epoch1), GroupId, 1), 16))
        {
            aes.Decrypt(nonce, sealedBody[..inner.Length], sealedBody[inner.Length..], inner,
                DocumentedLayout.GroupAad(Chain, GroupId, 1));
        }

        Assert.Equal(_bob.Account, inner[..32]);
        Assert.Equal(Message, inner[96..]);
        var statement = DocumentedLayout.GroupStatement(Chain, GroupId, 1, _bob.Account, nonce, Message);
        Assert.True(_bob.Signing.PublicKey.Verify(statement, inner[32..96]));
    }

    /// <summary>
    /// Bob belongs to two groups. He takes Carol's signed inner message from one group and re-encrypts it, validly,
    /// under the other group's key: readers of the other group must not believe Carol wrote to them.
    /// </summary>
    [Fact]
    public void TryOpen_InnerResealedIntoAnotherGroup_FailsWithSignatureInvalid()
    {
        var carolsMessage = Seal(_epoch1, _carol, Message);
        var at = 2 + GroupId.Length + 8;
        var nonce = carolsMessage[at..(at + 12)];
        var sealedBody = carolsMessage[(at + 12)..];
        var inner = new byte[sealedBody.Length - 16];
        using (var aes = new AesGcm(DocumentedLayout.GroupMessageKey(Secret(_epoch1), GroupId, 1), 16))
        {
            aes.Decrypt(nonce, sealedBody[..inner.Length], sealedBody[inner.Length..], inner,
                DocumentedLayout.GroupAad(Chain, GroupId, 1));
        }

        var otherGroupId = "group:other"u8.ToArray();
        using var otherGroup = GroupKey.Generate(otherGroupId, 1, _rng);
        var resealed = new byte[inner.Length + 16];
        using (var aes = new AesGcm(DocumentedLayout.GroupMessageKey(Secret(otherGroup), otherGroupId, 1), 16))
        {
            aes.Encrypt(nonce, inner, resealed.AsSpan(0, inner.Length), resealed.AsSpan(inner.Length),
                DocumentedLayout.GroupAad(Chain, otherGroupId, 1));
        }

        var forwarded = DocumentedLayout.GroupEnvelope(otherGroupId, 1, nonce, resealed);

        Assert.False(GroupEnvelope.TryOpen(otherGroup, forwarded, Chain, out var opened, out var error));
        Assert.Null(opened);
        Assert.Equal(EnvelopeError.SignatureInvalid, error);
    }

    [Fact]
    public void TrySeal_PlaintextBounds()
    {
        Assert.True(GroupEnvelope.TrySeal(_epoch1, _bob.Signing, new byte[GroupEnvelope.MaxPlaintextLength], Chain, _rng,
            out var largest, out _));
        Assert.True(GroupEnvelope.TryOpen(_epoch1, largest, Chain, out var opened, out _));
        Assert.Equal(GroupEnvelope.MaxPlaintextLength, opened.Plaintext.Length);

        Assert.False(GroupEnvelope.TrySeal(_epoch1, _bob.Signing, new byte[GroupEnvelope.MaxPlaintextLength + 1], Chain,
            _rng, out var envelope, out var error));
        Assert.Null(envelope);
        Assert.Equal(EnvelopeError.PlaintextTooLong, error);
    }

    [Fact]
    public void TrySeal_RandomNonce_TwoSealsOfOneMessageDiffer()
    {
        var first = Seal(_epoch1, _bob, Message);
        var second = Seal(_epoch1, _bob, Message);

        Assert.True(GroupEnvelope.TryDecode(first, out var a, out _));
        Assert.True(GroupEnvelope.TryDecode(second, out var b, out _));
        Assert.NotEqual(a.Nonce.ToArray(), b.Nonce.ToArray());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void TryUnwrap_ResealedByBobToDave_FailsWithSignatureInvalid()
    {
        var wrapped = Wrap(_epoch1, _bob, 1);
        Assert.True(HpkeEncryption.TryOpenBase(HpkeSuite.X25519Sha256Aes256Gcm, wrapped[5..37], _bob.Encryption,
            DocumentedLayout.WrapInfo(Chain), DocumentedLayout.WrapAad(_bob.Account, 1), wrapped[37..], out var inner, out _));

        Assert.True(HpkeEncryption.TrySealBase(HpkeSuite.X25519Sha256Aes256Gcm, _dave.Encryption.PublicKey,
            DocumentedLayout.WrapInfo(Chain), DocumentedLayout.WrapAad(_dave.Account, 1), inner, _rng, out var resealed, out _));
        var forwarded = DocumentedLayout.HpkeEnvelope(1, resealed.EncapsulatedKey, resealed.Ciphertext);

        Assert.False(GroupKeyWrap.TryUnwrap(_dave.Encryption, forwarded, new EnvelopeContext(Chain, _dave.Account),
            out var key, out var admin, out var error));
        Assert.Null(key);
        Assert.Null(admin);
        Assert.Equal(EnvelopeError.SignatureInvalid, error);
    }

    [Fact]
    public void TryUnwrap_DirectEnvelopeToTheMember_IsNotTakenForAWrappedKey()
    {
        var context = new EnvelopeContext(Chain, _bob.Account);
        var payloadSized = new byte[1 + GroupId.Length + 8 + 32];
        Assert.True(DirectEnvelope.TrySeal(_alice.Signing, _bob.Encryption.PublicKey, 1, payloadSized, context, _rng,
            out var direct, out _));

        Assert.False(GroupKeyWrap.TryUnwrap(_bob.Encryption, direct, context, out _, out _, out var error));
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
    }

    [Fact]
    public void TryUnwrap_EveryByteFlipped_Fails()
    {
        var wrapped = Wrap(_epoch1, _bob, 1);
        var context = new EnvelopeContext(Chain, _bob.Account);

        for (var i = 0; i < wrapped.Length; i++)
        {
            var tampered = (byte[])wrapped.Clone();
            tampered[i] ^= 0x01;
            Assert.False(GroupKeyWrap.TryUnwrap(_bob.Encryption, tampered, context, out var key, out _, out _), $"byte {i}");
            Assert.Null(key);
        }

        Assert.Equal(GroupKeyWrap.MinLength - 1 + GroupId.Length, wrapped.Length);
    }

    [Fact]
    public void TryUnwrap_AfterMemberRotates_UsesTheVersionInTheHeader()
    {
        using var bobV2 = Crypto.Curves.X25519PrivateKey.Generate(_rng);
        var context = new EnvelopeContext(Chain, _bob.Account);
        Assert.True(GroupKeyWrap.TryWrap(_epoch1, bobV2.PublicKey, 2, context, _alice.Signing, _rng, out var wrapped, out _));

        Assert.True(GroupKeyWrap.TryDecode(wrapped, out var header, out _));
        Assert.Equal(2u, header.KeyVersion);
        Assert.False(GroupKeyWrap.TryUnwrap(_bob.Encryption, wrapped, context, out _, out _, out var error));
        Assert.Equal(EnvelopeError.DecryptionFailed, error);
        Assert.True(GroupKeyWrap.TryUnwrap(bobV2, wrapped, context, out var key, out _, out _));
        using (key)
        {
            Assert.Equal(Secret(_epoch1), Secret(key));
        }
    }

    /// <summary>A wrap whose signed payload is not a group key (an admin's bug): refused with its own error.</summary>
    [Fact]
    public void TryUnwrap_SignedButMalformedPayload_FailsWithGroupKeyPayloadMalformed()
    {
        byte[] payload = [(byte)(GroupId.Length + 1), .. GroupId, .. DocumentedLayout.U64(1), .. new byte[32]];
        Assert.True(HpkeEncryption.TrySetupBaseS(HpkeSuite.X25519Sha256Aes256Gcm, _bob.Encryption.PublicKey,
            DocumentedLayout.WrapInfo(Chain), _rng, out var hpke, out _));
        using (hpke)
        {
            var enc = hpke.EncapsulatedKey;
            var statement = Crypto.Hashing.DomainSeparation.Encode("arcanum/messages/group-key/signed/v1",
                System.Text.Encoding.UTF8.GetBytes(Chain), _alice.Account, _bob.Account, DocumentedLayout.U32(1), enc, payload);
            byte[] inner = [.. _alice.Account, .. _alice.Signing.Sign(statement), .. payload];
            var wrapped = DocumentedLayout.HpkeEnvelope(1, enc, hpke.Seal(DocumentedLayout.WrapAad(_bob.Account, 1), inner));

            Assert.False(GroupKeyWrap.TryUnwrap(_bob.Encryption, wrapped, new EnvelopeContext(Chain, _bob.Account),
                out var key, out _, out var error));
            Assert.Null(key);
            Assert.Equal(EnvelopeError.GroupKeyPayloadMalformed, error);
        }
    }

    [Fact]
    public void GroupKey_SecretHandling()
    {
        var key = GroupKey.Generate(GroupId, 7, _rng);
        Assert.Equal("[redacted]", key.ToString());
        Assert.Throws<ArgumentException>(() => GroupKey.Generate([], 1, _rng));
        Assert.Throws<ArgumentException>(() => GroupKey.Generate(new byte[GroupKey.MaxGroupIdLength + 1], 1, _rng));
        Assert.Throws<ArgumentException>(() => GroupKey.FromBytes(new byte[31], GroupId, 1));
        Assert.Throws<OverflowException>(() => GroupKey.FromBytes(new byte[32], GroupId, ulong.MaxValue).Rotate(_rng));

        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.ExportSecret(new byte[GroupKey.KeyLength]));
        Assert.Throws<ObjectDisposedException>(() => key.Rotate(_rng));
        Assert.Throws<ObjectDisposedException>(() => GroupEnvelope.TrySeal(key, _bob.Signing, Message, Chain, _rng, out _, out _));
    }

    public void Dispose()
    {
        _epoch1.Dispose();
        _alice.Dispose();
        _bob.Dispose();
        _carol.Dispose();
        _dave.Dispose();
        _rng.Dispose();
    }

    private static byte[] Secret(GroupKey key)
    {
        var secret = new byte[GroupKey.KeyLength];
        key.ExportSecret(secret);
        return secret;
    }

    private byte[] Wrap(GroupKey key, Party member, uint keyVersion)
    {
        Assert.True(GroupKeyWrap.TryWrap(key, member.Encryption.PublicKey, keyVersion, new EnvelopeContext(Chain, member.Account),
            _alice.Signing, _rng, out var wrapped, out var error), error.ToString());
        return wrapped;
    }

    private GroupKey WrapAndUnwrap(GroupKey key, Party member)
    {
        var wrapped = Wrap(key, member, 1);
        Assert.True(GroupKeyWrap.TryUnwrap(member.Encryption, wrapped, new EnvelopeContext(Chain, member.Account),
            out var unwrapped, out var admin, out var error), error.ToString());
        Assert.Equal(_alice.Account, admin);
        return unwrapped;
    }

    private byte[] Seal(GroupKey key, Party sender, byte[] plaintext)
    {
        Assert.True(GroupEnvelope.TrySeal(key, sender.Signing, plaintext, Chain, _rng, out var envelope, out var error),
            error.ToString());
        return envelope;
    }
}
