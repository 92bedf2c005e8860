using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// A <see cref="GroupKey"/> sealed to one member: HPKE base mode (RFC 9180 §6.1) to the member's keystore key,
/// the same construction and outer layout (<see cref="HpkeEnvelope"/>) as a <see cref="DirectEnvelope"/> under
/// labels of its own, carrying <c>len(group id) ‖ group id ‖ u64be(epoch) ‖ key</c> signed by the group admin.
/// The signature binds chain, admin, member, member key version, enc, group id, epoch and key. Whether the admin
/// may administer the group is the access module's question: the caller checks the returned admin account.
/// </summary>
public static class GroupKeyWrap
{
    /// <summary>The shortest wrapped key (a 1-byte group id).</summary>
    public const int MinLength = HpkeEnvelope.HeaderLength + EnvelopeFields.SignedHeaderLength + GroupKey.MinPayloadLength
        + HpkeEnvelope.TagLength;

    /// <summary>The longest wrapped key (a group id of <see cref="GroupKey.MaxGroupIdLength"/> bytes).</summary>
    public const int MaxLength = MinLength - GroupKey.MinPayloadLength + GroupKey.MaxPayloadLength;

    /// <summary>
    /// Wraps <paramref name="groupKey"/> for the member named in <paramref name="context"/>, to
    /// <paramref name="memberKey"/> of version <paramref name="memberKeyVersion"/> (≥ 1), signed by
    /// <paramref name="adminSigningKey"/>. Fails only with <see cref="EnvelopeError.RecipientKeySmallOrder"/>.
    /// </summary>
    public static bool TryWrap(GroupKey groupKey, X25519PublicKey memberKey, uint memberKeyVersion,
        EnvelopeContext context, Ed25519PrivateKey adminSigningKey, RandomNumberGenerator rng,
        [NotNullWhen(true)] out byte[]? wrapped, out EnvelopeError error)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        var payload = groupKey.EncodePayload();
        try
        {
            return SignedHpke.TrySeal(HpkeEnvelopeProfile.WrappedGroupKey, adminSigningKey, memberKey, memberKeyVersion,
                payload, context, rng, out wrapped, out error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }

    /// <summary>Decodes the outer layout without decrypting; the ciphertext must fit a wrapped group key exactly.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, [NotNullWhen(true)] out HpkeEnvelope? envelope,
        out EnvelopeError error) =>
        HpkeEnvelope.TryDecode(input, GroupKey.MinPayloadLength, GroupKey.MaxPayloadLength, out envelope, out error);

    /// <summary>
    /// Opens a wrapped key with the member's private key of its key version: the group key (which the caller
    /// disposes) and the admin account whose signature verified.
    /// </summary>
    public static bool TryUnwrap(X25519PrivateKey memberKey, ReadOnlySpan<byte> input, EnvelopeContext context,
        [NotNullWhen(true)] out GroupKey? groupKey, [NotNullWhen(true)] out byte[]? adminAccount, out EnvelopeError error)
    {
        groupKey = null;
        adminAccount = null;
        if (!SignedHpke.TryOpen(HpkeEnvelopeProfile.WrappedGroupKey, memberKey, input, context, out var admin,
                out var payload, out error))
        {
            return false;
        }

        try
        {
            if (!GroupKey.TryDecodePayload(payload, out groupKey))
            {
                error = EnvelopeError.GroupKeyPayloadMalformed;
                return false;
            }

            adminAccount = admin;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }
}
