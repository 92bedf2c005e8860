namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// Where an HPKE-sealed envelope is addressed: the ledger's chain id and the recipient's account id (its 32-byte
/// Ed25519 public key). The sender seals with it and the recipient opens with its own, so an envelope re-sent to
/// another account or replayed on another chain no longer opens (docs/messaging.md, "What is bound").
/// </summary>
public sealed class EnvelopeContext
{
    private readonly byte[] _recipientAccount;

    /// <summary>
    /// Validates and copies the fields. Throws <see cref="ArgumentException"/> when <paramref name="chainId"/> is
    /// empty or over <see cref="EnvelopeFields.MaxChainIdLength"/> UTF-8 bytes, or the account id is not 32 bytes.
    /// </summary>
    public EnvelopeContext(string chainId, ReadOnlySpan<byte> recipientAccount)
    {
        ChainIdBytes = EnvelopeFields.EncodeChainId(chainId);
        ChainId = chainId;
        EnvelopeFields.RequireAccountId(recipientAccount, nameof(recipientAccount));
        _recipientAccount = recipientAccount.ToArray();
    }

    /// <summary>The chain id, as in every transaction of the ledger.</summary>
    public string ChainId { get; }

    /// <summary>The recipient's account id (32 bytes).</summary>
    public ReadOnlySpan<byte> RecipientAccount => _recipientAccount;

    /// <summary>The chain id in UTF-8, as it enters HPKE info and signed statements.</summary>
    internal byte[] ChainIdBytes { get; }

    internal ReadOnlyMemory<byte> RecipientAccountMemory => _recipientAccount;
}
