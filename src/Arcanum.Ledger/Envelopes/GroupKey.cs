using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Aead;
using Arcanum.Crypto.Kdf;

namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// The symmetric key of one group resource in one epoch: 32 random bytes, the group's resource id and the epoch.
/// Each epoch's key is drawn fresh from a <see cref="RandomNumberGenerator"/> (<see cref="Rotate"/>), never derived
/// from the previous one, so a member revoked before an epoch learns nothing about that epoch's messages from the
/// keys it kept. The secret lives in a pinned array zeroed on <see cref="Dispose"/>; it prints as [redacted].
/// </summary>
public sealed class GroupKey : IDisposable
{
    /// <summary>The secret's length in bytes.</summary>
    public const int KeyLength = 32;

    /// <summary>The longest group resource id, in bytes.</summary>
    public const int MaxGroupIdLength = 64;

    /// <summary>The shortest encoded payload: group id length ‖ 1-byte group id ‖ epoch ‖ key.</summary>
    internal const int MinPayloadLength = 1 + 1 + sizeof(ulong) + KeyLength;

    /// <summary>The longest encoded payload (a group id of <see cref="MaxGroupIdLength"/> bytes).</summary>
    internal const int MaxPayloadLength = MinPayloadLength - 1 + MaxGroupIdLength;

    private const string MessageKeyLabel = "arcanum/messages/group/message-key/v1";

    private readonly byte[] _secret = GC.AllocateArray<byte>(KeyLength, pinned: true);
    private readonly byte[] _groupId;
    private bool _disposed;

    private GroupKey(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> groupId, ulong epoch)
    {
        if (groupId.Length is 0 or > MaxGroupIdLength)
        {
            throw new ArgumentException($"A group id is 1 to {MaxGroupIdLength} bytes.", nameof(groupId));
        }

        secret.CopyTo(_secret);
        _groupId = groupId.ToArray();
        Epoch = epoch;
    }

    /// <summary>The group's resource id (as registered with the access module).</summary>
    public ReadOnlySpan<byte> GroupId => _groupId;

    /// <summary>The epoch: incremented on every rotation.</summary>
    public ulong Epoch { get; }

    internal ReadOnlyMemory<byte> GroupIdMemory => _groupId;

    /// <summary>A fresh key for <paramref name="groupId"/> (1 to 64 bytes) in <paramref name="epoch"/>.</summary>
    public static GroupKey Generate(ReadOnlySpan<byte> groupId, ulong epoch, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<byte> secret = stackalloc byte[KeyLength];
        try
        {
            rng.GetBytes(secret);
            return new GroupKey(secret, groupId, epoch);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The key whose secret is <paramref name="secret"/> (copied; the caller zeroes its own copy), e.g. one restored from a client's store.</summary>
    public static GroupKey FromBytes(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> groupId, ulong epoch) =>
        secret.Length == KeyLength
            ? new GroupKey(secret, groupId, epoch)
            : throw new ArgumentException($"A group key is exactly {KeyLength} bytes.", nameof(secret));

    /// <summary>The next epoch's key: same group, epoch + 1, a new random secret independent of this one.</summary>
    public GroupKey Rotate(RandomNumberGenerator rng)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Generate(_groupId, checked(Epoch + 1), rng);
    }

    /// <summary>Copies the 32-byte secret out, for a client's own encrypted store; the caller owns and must zero the copy.</summary>
    public void ExportSecret(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length != KeyLength)
        {
            throw new ArgumentException($"A group key is exactly {KeyLength} bytes.", nameof(destination));
        }

        _secret.CopyTo(destination);
    }

    /// <summary>Zeroes the secret; every member that needs it throws <see cref="ObjectDisposedException"/> afterwards.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        _disposed = true;
    }

    public override string ToString() => "[redacted]";

    /// <summary>
    /// The AES-256-GCM cipher for this group and epoch: key = HKDF-SHA256(salt = empty, ikm = secret,
    /// info = DomainSeparation("arcanum/messages/group/message-key/v1", group id, u64be(epoch))) (RFC 5869).
    /// </summary>
    internal Aes256GcmAead CreateMessageCipher()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> key = stackalloc byte[KeyLength];
        try
        {
            Hkdf.DeriveKey(MessageKeyLabel, _secret, [], key, _groupId, EnvelopeFields.UInt64BigEndian(Epoch));
            return new Aes256GcmAead(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The wrapped form: <c>len(group id) (1 byte) ‖ group id ‖ u64be(epoch) ‖ secret (32)</c>; the caller zeroes it.</summary>
    internal byte[] EncodePayload()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var payload = new byte[1 + _groupId.Length + sizeof(ulong) + KeyLength];
        payload[0] = (byte)_groupId.Length;
        _groupId.CopyTo(payload, 1);
        BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(1 + _groupId.Length), Epoch);
        _secret.CopyTo(payload, 1 + _groupId.Length + sizeof(ulong));
        return payload;
    }

    /// <summary>Reads <see cref="EncodePayload"/>'s layout strictly: the length byte must account for every byte.</summary>
    internal static bool TryDecodePayload(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out GroupKey? key)
    {
        key = null;
        if (payload.IsEmpty || payload[0] is 0 or > MaxGroupIdLength
            || payload.Length != 1 + payload[0] + sizeof(ulong) + KeyLength)
        {
            return false;
        }

        var groupId = payload.Slice(1, payload[0]);
        var epoch = BinaryPrimitives.ReadUInt64BigEndian(payload[(1 + groupId.Length)..]);
        key = new GroupKey(payload[^KeyLength..], groupId, epoch);
        return true;
    }
}
