namespace Arcanum.Node.Ledger;

/// <summary>
/// What <see cref="LedgerReplica.PrepareAsync"/> decided: the header's signing bytes to sign, or the refusal (with
/// the height to catch up from when the node is behind).
/// </summary>
public sealed record LedgerPreparation
{
    private LedgerPreparation(byte[]? signingBytes, string? refusal, long? behindFrom)
    {
        SigningBytes = signingBytes;
        Refusal = refusal;
        BehindFrom = behindFrom;
    }

    /// <summary>What the node signs (<c>BlockHeader.SigningBytes(chainId)</c>); null when it refuses.</summary>
    public byte[]? SigningBytes { get; }

    /// <summary>Why the node does not sign; null when it signs.</summary>
    public string? Refusal { get; }

    /// <summary>When the refusal is "behind": the first height this node lacks.</summary>
    public long? BehindFrom { get; }

    internal static LedgerPreparation Sign(byte[] signingBytes) => new(signingBytes, null, null);

    internal static LedgerPreparation Refuse(string refusal) => new(null, refusal, null);

    internal static LedgerPreparation Behind(string refusal, long fromHeight) => new(null, refusal, fromHeight);
}

/// <summary>A proposal showed that this copy of the ledger lacks the finalized blocks from <see cref="FromHeight"/> on.</summary>
public sealed class LedgerBehindEventArgs(long fromHeight) : EventArgs
{
    /// <summary>The first height this copy lacks (its head + 1).</summary>
    public long FromHeight { get; } = fromHeight;
}
