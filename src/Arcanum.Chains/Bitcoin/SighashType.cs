namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// Sighash type bytes (Bitcoin's SIGHASH_* flags; BIP341 "Signature validation rules" adds 0x00
/// SIGHASH_DEFAULT for taproot).
/// </summary>
public static class SighashType
{
    /// <summary>BIP341 SIGHASH_DEFAULT: like ALL, and the signature stays 64 bytes.</summary>
    public const byte Default = 0x00;

    /// <summary>SIGHASH_ALL: commits to every input and output.</summary>
    public const byte All = 0x01;

    /// <summary>SIGHASH_NONE: commits to no output.</summary>
    public const byte None = 0x02;

    /// <summary>SIGHASH_SINGLE: commits to the output at the input's index only.</summary>
    public const byte Single = 0x03;

    /// <summary>SIGHASH_ANYONECANPAY flag: commits to this input only.</summary>
    public const byte AnyoneCanPay = 0x80;

    internal static bool IsAnyoneCanPay(uint type) => (type & AnyoneCanPay) != 0;

    internal static uint OutputMode(uint type) => type & 0x03;
}
