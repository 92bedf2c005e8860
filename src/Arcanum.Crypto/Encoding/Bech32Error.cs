namespace Arcanum.Crypto.Encoding;

/// <summary>Why a Bech32 string or a segwit address was rejected (BIP173 "Decoding", BIP350).</summary>
public enum Bech32Error
{
    /// <summary>Nothing: the input was accepted.</summary>
    None = 0,

    /// <summary>Longer than the 90 characters BIP173 allows.</summary>
    TooLong,

    /// <summary>A character outside US-ASCII 33–126.</summary>
    CharacterOutOfRange,

    /// <summary>Both upper-case and lower-case letters.</summary>
    MixedCase,

    /// <summary>No '1' separating the human-readable part from the data.</summary>
    MissingSeparator,

    /// <summary>The last '1' is the first character: the human-readable part is empty.</summary>
    EmptyHrp,

    /// <summary>Fewer than six characters after the separator.</summary>
    ChecksumTooShort,

    /// <summary>A character after the separator that is not in the Bech32 character set.</summary>
    InvalidDataCharacter,

    /// <summary>The checksum matches neither Bech32 nor Bech32m.</summary>
    InvalidChecksum,

    /// <summary>Segwit: the human-readable part is not the one expected (e.g. "tb" where "bc" was asked for).</summary>
    HrpMismatch,

    /// <summary>Segwit: no data before the checksum, so no witness version.</summary>
    EmptyData,

    /// <summary>Segwit: a witness version above 16.</summary>
    InvalidWitnessVersion,

    /// <summary>Segwit: the 5-to-8-bit conversion left more than 4 bits, or non-zero padding bits.</summary>
    InvalidPadding,

    /// <summary>Segwit: a program outside 2–40 bytes, or a version 0 program that is neither 20 nor 32 bytes (BIP141).</summary>
    InvalidProgramLength,

    /// <summary>Segwit: Bech32 used for a version 1+ program, or Bech32m for version 0 (BIP350).</summary>
    WrongChecksumVariant,
}
