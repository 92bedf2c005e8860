namespace Arcanum.Crypto.Encoding;

/// <summary>A segwit output's witness version and program (BIP141 "Witness program").</summary>
/// <param name="version">The witness version, 0 to 16.</param>
/// <param name="program">The witness program, 2 to 40 bytes (20 or 32 for version 0).</param>
public sealed class WitnessProgram(int version, ReadOnlyMemory<byte> program)
{
    /// <summary>The witness version, 0 to 16.</summary>
    public int Version { get; } = version;

    /// <summary>The witness program, 2 to 40 bytes (20 or 32 for version 0).</summary>
    public ReadOnlyMemory<byte> Program { get; } = program;
}
