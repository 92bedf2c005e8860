using Arcanum.Crypto.Hashing;

namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// One use of <see cref="SignedHpke"/>: its name (which enters every label, so a direct message can never be
/// taken for a wrapped group key or the reverse) and the payload sizes it carries. The labels follow
/// ARCHITECTURE §3 "Domain separation": every input is <see cref="DomainSeparation.Encode"/>(label, fields).
/// </summary>
internal sealed class HpkeEnvelopeProfile
{
    private readonly string _infoLabel;
    private readonly string _aadLabel;
    private readonly string _statementLabel;

    private HpkeEnvelopeProfile(string name, int minPayloadLength, int maxPayloadLength)
    {
        _infoLabel = $"arcanum/messages/{name}/hpke-info/v1";
        _aadLabel = $"arcanum/messages/{name}/hpke-aad/v1";
        _statementLabel = $"arcanum/messages/{name}/signed/v1";
        MinPayloadLength = minPayloadLength;
        MaxPayloadLength = maxPayloadLength;
    }

    /// <summary>Direct messages: a plaintext of 0 to 64 KiB.</summary>
    public static HpkeEnvelopeProfile Direct { get; } = new("direct", 0, EnvelopeFields.MaxPlaintextLength);

    /// <summary>Wrapped group keys: the payload of <see cref="GroupKey.EncodePayload"/>.</summary>
    public static HpkeEnvelopeProfile WrappedGroupKey { get; } =
        new("group-key", GroupKey.MinPayloadLength, GroupKey.MaxPayloadLength);

    public int MinPayloadLength { get; }

    public int MaxPayloadLength { get; }

    /// <summary>HPKE info (RFC 9180 §5.1): the protocol, its version and the chain id.</summary>
    public byte[] Info(EnvelopeContext context) => DomainSeparation.Encode(_infoLabel, context.ChainIdBytes);

    /// <summary>HPKE aad (RFC 9180 §5.2): the recipient's account id and key version.</summary>
    public byte[] Aad(EnvelopeContext context, uint keyVersion) =>
        DomainSeparation.Encode(_aadLabel, context.RecipientAccountMemory, EnvelopeFields.UInt32BigEndian(keyVersion));

    /// <summary>
    /// What the sender signs: chain id, sender, recipient, recipient key version, enc and payload. Binding enc ties
    /// the signature to this one HPKE encryption; binding the recipient and key version makes a re-sealed copy
    /// (the "forwarding" attack) fail at its new recipient.
    /// </summary>
    public byte[] Statement(EnvelopeContext context, byte[] senderAccount, uint keyVersion, byte[] encapsulatedKey,
        byte[] payload) =>
        DomainSeparation.Encode(_statementLabel, context.ChainIdBytes, senderAccount, context.RecipientAccountMemory,
            EnvelopeFields.UInt32BigEndian(keyVersion), encapsulatedKey, payload);
}
