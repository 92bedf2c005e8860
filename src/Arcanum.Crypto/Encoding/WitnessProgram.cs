namespace Arcanum.Crypto.Encoding;

/// <summary>A segwit output's witness version and program (BIP141 "Witness program").</summary>
/// <param name="Version">The witness version, 0 to 16.</param>
/// <param name="Program">The witness program, 2 to 40 bytes (20 or 32 for version 0).</param>
public sealed record WitnessProgram(int Version, ReadOnlyMemory<byte> Program);
