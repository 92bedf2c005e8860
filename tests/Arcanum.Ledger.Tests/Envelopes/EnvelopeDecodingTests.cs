using Arcanum.Ledger.Envelopes;
using Arcanum.TestKit;

namespace Arcanum.Ledger.Tests.Envelopes;

/// <summary>The strict decoders: every truncation, oversize, wrong version and bad length field, each named.</summary>
public sealed class EnvelopeDecodingTests : IDisposable
{
    private const string Chain = "arcanum-test-1";
    private static readonly byte[] GroupId = "group:decode"u8.ToArray();

    private readonly DeterministicRandom _rng = new(3);
    private readonly Party _alice;
    private readonly Party _bob;
    private readonly GroupKey _groupKey;

    public EnvelopeDecodingTests()
    {
        _alice = new Party(_rng);
        _bob = new Party(_rng);
        _groupKey = GroupKey.Generate(GroupId, 5, _rng);
    }

    [Fact]
    public void DirectTryDecode_EveryTruncation_NamesTheField()
    {
        var envelope = SealDirect([]);
        var counts = new Dictionary<EnvelopeError, int>();

        for (var length = 0; length < envelope.Length; length++)
        {
            Assert.False(DirectEnvelope.TryDecode(envelope.AsSpan(0, length), out var decoded, out var error));
            Assert.Null(decoded);
            counts[error] = counts.GetValueOrDefault(error) + 1;
        }

        Assert.Equal(1, counts[EnvelopeError.VersionMissing]);
        Assert.Equal(4, counts[EnvelopeError.KeyVersionTruncated]);
        Assert.Equal(32, counts[EnvelopeError.EncapsulatedKeyTruncated]);
        Assert.Equal(96 + 16, counts[EnvelopeError.CiphertextTooShort]);
        Assert.Equal(4, counts.Count);
    }

    /// <summary>Cutting bytes off a longer message leaves a decodable length; the tag then refuses it.</summary>
    [Fact]
    public void DirectTryOpen_TailTruncated_FailsWithDecryptionFailed()
    {
        var envelope = SealDirect(new byte[3]);

        for (var cut = 1; cut <= 3; cut++)
        {
            Assert.True(DirectEnvelope.TryDecode(envelope.AsSpan(0, envelope.Length - cut), out _, out _));
            Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, envelope.AsSpan(0, envelope.Length - cut),
                new EnvelopeContext(Chain, _bob.Account), out _, out var error));
            Assert.Equal(EnvelopeError.DecryptionFailed, error);
        }
    }

    [Fact]
    public void DirectTryDecode_ValidInput_ReencodesToTheSameBytes()
    {
        var envelope = SealDirect("hello"u8.ToArray());

        Assert.True(DirectEnvelope.TryDecode(envelope, out var decoded, out var error), error.ToString());
        Assert.Equal(1u, decoded.KeyVersion);
        Assert.Equal(envelope[5..37], decoded.EncapsulatedKey.ToArray());
        Assert.Equal(envelope[37..], decoded.Ciphertext.ToArray());
        Assert.Equal(envelope, decoded.Encode());
    }

    [Fact]
    public void DirectTryDecode_LargestAccepted_OneMoreByteIsCiphertextTooLong()
    {
        var largest = SealDirect(new byte[DirectEnvelope.MaxPlaintextLength]);
        Assert.Equal(DirectEnvelope.MaxLength, largest.Length);
        Assert.True(DirectEnvelope.TryDecode(largest, out _, out _));

        Assert.False(DirectEnvelope.TryDecode([.. largest, 0], out _, out var error));
        Assert.Equal(EnvelopeError.CiphertextTooLong, error);
        Assert.False(DirectEnvelope.TryOpen(_bob.Encryption, [.. largest, 0], new EnvelopeContext(Chain, _bob.Account), out _, out error));
        Assert.Equal(EnvelopeError.CiphertextTooLong, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void DirectTryDecode_WrongVersion_FailsWithVersionUnsupported(byte version)
    {
        var envelope = SealDirect([]);
        envelope[0] = version;

        Assert.False(DirectEnvelope.TryDecode(envelope, out _, out var error));
        Assert.Equal(EnvelopeError.VersionUnsupported, error);
        Assert.False(DirectEnvelope.TryDecode([version], out _, out error));
        Assert.Equal(EnvelopeError.VersionUnsupported, error);
    }

    [Fact]
    public void DirectTryDecode_KeyVersionZero_FailsWithKeyVersionZero()
    {
        var envelope = SealDirect([]);
        envelope[4] = 0;

        Assert.False(DirectEnvelope.TryDecode(envelope, out _, out var error));
        Assert.Equal(EnvelopeError.KeyVersionZero, error);
    }

    [Fact]
    public void WrapTryDecode_BoundsAreTheGroupKeyPayload()
    {
        Assert.True(GroupKeyWrap.TryWrap(_groupKey, _bob.Encryption.PublicKey, 3, new EnvelopeContext(Chain, _bob.Account),
            _alice.Signing, _rng, out var wrapped, out _));

        Assert.True(GroupKeyWrap.TryDecode(wrapped, out var decoded, out _));
        Assert.Equal(3u, decoded.KeyVersion);
        Assert.Equal(wrapped, decoded.Encode());
        Assert.False(GroupKeyWrap.TryDecode(wrapped.AsSpan(0, GroupKeyWrap.MinLength - 1), out _, out var error));
        Assert.Equal(EnvelopeError.CiphertextTooShort, error);
        Assert.False(GroupKeyWrap.TryDecode(new byte[GroupKeyWrap.MaxLength + 1].With(0, 1).With(4, 1), out _, out error));
        Assert.Equal(EnvelopeError.CiphertextTooLong, error);
        Assert.True(GroupKeyWrap.TryDecode(new byte[GroupKeyWrap.MaxLength].With(0, 1).With(4, 1), out _, out _));
        Assert.False(GroupKeyWrap.TryDecode(SealDirect([]), out _, out error));
        Assert.Equal(EnvelopeError.CiphertextTooShort, error);
    }

    [Fact]
    public void GroupTryDecode_EveryTruncation_NamesTheField()
    {
        var envelope = SealGroup([]);
        var counts = new Dictionary<EnvelopeError, int>();

        for (var length = 0; length < envelope.Length; length++)
        {
            Assert.False(GroupEnvelope.TryDecode(envelope.AsSpan(0, length), out var decoded, out var error));
            Assert.Null(decoded);
            counts[error] = counts.GetValueOrDefault(error) + 1;
        }

        Assert.Equal(1, counts[EnvelopeError.VersionMissing]);
        Assert.Equal(1, counts[EnvelopeError.GroupIdLengthMissing]);
        Assert.Equal(GroupId.Length, counts[EnvelopeError.GroupIdTruncated]);
        Assert.Equal(8, counts[EnvelopeError.EpochTruncated]);
        Assert.Equal(12, counts[EnvelopeError.NonceTruncated]);
        Assert.Equal(96 + 16, counts[EnvelopeError.CiphertextTooShort]);
        Assert.Equal(6, counts.Count);
    }

    [Fact]
    public void GroupTryDecode_ValidInput_ReencodesToTheSameBytes()
    {
        var envelope = SealGroup("hi"u8.ToArray());

        Assert.True(GroupEnvelope.TryDecode(envelope, out var decoded, out var error), error.ToString());
        Assert.Equal(GroupId, decoded.GroupId.ToArray());
        Assert.Equal(5ul, decoded.Epoch);
        Assert.Equal(12, decoded.Nonce.Length);
        Assert.Equal(96 + 2 + 16, decoded.Ciphertext.Length);
        Assert.Equal(envelope, decoded.Encode());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(GroupKey.MaxGroupIdLength + 1)]
    [InlineData(255)]
    public void GroupTryDecode_GroupIdLengthOutOfRange_FailsWithGroupIdLengthInvalid(byte length)
    {
        var envelope = SealGroup([]);
        envelope[1] = length;

        Assert.False(GroupEnvelope.TryDecode(envelope, out _, out var error));
        Assert.Equal(EnvelopeError.GroupIdLengthInvalid, error);
    }

    [Fact]
    public void GroupTryDecode_WrongVersionAndOversize_AreRefused()
    {
        var envelope = SealGroup([]);
        envelope[0] = 2;
        Assert.False(GroupEnvelope.TryDecode(envelope, out _, out var error));
        Assert.Equal(EnvelopeError.VersionUnsupported, error);

        var largest = SealGroup(new byte[GroupEnvelope.MaxPlaintextLength]);
        Assert.True(GroupEnvelope.TryDecode(largest, out _, out _));
        Assert.False(GroupEnvelope.TryDecode([.. largest, 0], out _, out error));
        Assert.Equal(EnvelopeError.CiphertextTooLong, error);
        Assert.False(GroupEnvelope.TryOpen(_groupKey, [.. largest, 0], Chain, out _, out error));
        Assert.Equal(EnvelopeError.CiphertextTooLong, error);
    }

    public void Dispose()
    {
        _groupKey.Dispose();
        _alice.Dispose();
        _bob.Dispose();
        _rng.Dispose();
    }

    private byte[] SealDirect(byte[] plaintext)
    {
        Assert.True(DirectEnvelope.TrySeal(_alice.Signing, _bob.Encryption.PublicKey, 1, plaintext,
            new EnvelopeContext(Chain, _bob.Account), _rng, out var envelope, out _));
        return envelope;
    }

    private byte[] SealGroup(byte[] plaintext)
    {
        Assert.True(GroupEnvelope.TrySeal(_groupKey, _alice.Signing, plaintext, Chain, _rng, out var envelope, out _));
        return envelope;
    }
}

/// <summary>Small helper for building headers in place.</summary>
internal static class ByteArrayExtensions
{
    public static byte[] With(this byte[] bytes, int index, byte value)
    {
        bytes[index] = value;
        return bytes;
    }
}
