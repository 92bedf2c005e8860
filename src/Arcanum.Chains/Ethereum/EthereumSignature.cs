namespace Arcanum.Chains.Ethereum;

/// <summary>The 65-byte r ‖ s ‖ v signature of personal_sign and eth_signTypedData_v4, with v = 27 + recovery id.</summary>
public static class EthereumSignature
{
    /// <summary>The encoded length.</summary>
    public const int Length = 65;

    /// <summary>Encodes r ‖ s (64 bytes, low s) and a recovery id of 0 or 1 as r ‖ s ‖ (27 + recovery id).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> rs64, int recoveryId)
    {
        if (rs64.Length != 64)
        {
            throw new ArgumentException("The signature must be 64 bytes r ‖ s.", nameof(rs64));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(recoveryId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recoveryId, 1);
        return [.. rs64, (byte)(27 + recoveryId)];
    }
}
