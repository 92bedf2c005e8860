using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Crypto.Encoding;

/// <summary>
/// Native segwit addresses: Bech32 of (hrp, [witness version] ‖ convertbits(program, 8, 5)) as BIP173
/// defines them, with BIP350's rule that version 0 uses Bech32 and versions 1–16 use Bech32m
/// (Taproot outputs are version 1 with a 32-byte x-only key). Program lengths follow BIP141: 2–40
/// bytes, and exactly 20 (P2WPKH) or 32 (P2WSH) for version 0.
/// </summary>
public static class SegwitAddress
{
    /// <summary>The highest witness version: 16.</summary>
    public const int MaxWitnessVersion = 16;

    private const int MinProgramLength = 2;

    private const int MaxProgramLength = 40;

    /// <summary>
    /// The address of <paramref name="program"/> at <paramref name="witnessVersion"/> for the network
    /// <paramref name="hrp"/> ("bc", "tb", "bcrt"). Throws <see cref="ArgumentException"/> for a version
    /// above 16 or a program length BIP141 does not allow.
    /// </summary>
    public static string Encode(string hrp, int witnessVersion, ReadOnlySpan<byte> program)
    {
        if (witnessVersion is < 0 or > MaxWitnessVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(witnessVersion), witnessVersion, $"Witness versions are 0 to {MaxWitnessVersion}.");
        }

        if (!IsValidProgramLength(witnessVersion, program.Length))
        {
            throw new ArgumentException(
                $"A version {witnessVersion} witness program cannot be {program.Length} bytes (BIP141: 2–40, and 20 or 32 for version 0).",
                nameof(program));
        }

        byte[] data = [(byte)witnessVersion, .. Bech32.ToFiveBitGroups(program)];
        return Bech32.Encode(hrp, data, VariantFor(witnessVersion));
    }

    /// <summary>
    /// Decodes <paramref name="address"/>, which must belong to the network <paramref name="expectedHrp"/>
    /// (lower case); false with the reason in <paramref name="error"/> otherwise.
    /// </summary>
    public static bool TryDecode(string expectedHrp, ReadOnlySpan<char> address,
        [NotNullWhen(true)] out WitnessProgram? program, out Bech32Error error)
    {
        ArgumentNullException.ThrowIfNull(expectedHrp);
        program = null;
        error = Check(expectedHrp, address, out var version, out var bytes);
        if (error != Bech32Error.None)
        {
            return false;
        }

        program = new WitnessProgram(version, bytes);
        return true;
    }

    private static Bech32Error Check(string expectedHrp, ReadOnlySpan<char> address, out int version, out byte[] program)
    {
        version = 0;
        program = [];
        if (!Bech32.TryDecode(address, out var decoded, out var error))
        {
            return error;
        }

        if (!string.Equals(decoded.Hrp, expectedHrp, StringComparison.Ordinal))
        {
            return Bech32Error.HrpMismatch;
        }

        var data = decoded.Data.Span;
        if (data.IsEmpty)
        {
            return Bech32Error.EmptyData;
        }

        version = data[0];
        if (version > MaxWitnessVersion)
        {
            return Bech32Error.InvalidWitnessVersion;
        }

        if (!Bech32.TryFromFiveBitGroups(data[1..], out var bytes))
        {
            return Bech32Error.InvalidPadding;
        }

        if (!IsValidProgramLength(version, bytes.Length))
        {
            return Bech32Error.InvalidProgramLength;
        }

        if (decoded.Variant != VariantFor(version))
        {
            return Bech32Error.WrongChecksumVariant;
        }

        program = bytes;
        return Bech32Error.None;
    }

    private static bool IsValidProgramLength(int version, int length) =>
        version == 0 ? length is 20 or 32 : length is >= MinProgramLength and <= MaxProgramLength;

    private static Bech32Variant VariantFor(int witnessVersion) =>
        witnessVersion == 0 ? Bech32Variant.Bech32 : Bech32Variant.Bech32m;
}
