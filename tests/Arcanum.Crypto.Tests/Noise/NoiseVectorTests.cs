using System.Text.Json;
using System.Text.RegularExpressions;
using Arcanum.Crypto.Noise;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Noise;

public sealed partial class NoiseVectorTests
{
    /// <summary>
    /// The 7 vectors of Noise_IK*_25519_ChaChaPoly_BLAKE2s gathered from cacophony and snow: IK and IK1
    /// from both, IKpsk1 and IKpsk2 from cacophony, IKpsk0+psk2 from snow.
    /// </summary>
    [Fact]
    public void Handshake_IkFamilyVectors_EveryMessageMatchesByteForByte()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("noise", "noise-ik-25519-chachapoly-blake2s.json"));
        var vectors = document.RootElement.GetProperty("vectors").EnumerateArray().ToList();
        var failures = new List<string>();
        var executed = 0;

        foreach (var vector in vectors)
        {
            executed++;
            failures.AddRange(NoiseVectorRunner.Run(vector).Select(f => $"{Describe(vector)}: {f}"));
        }

        Assert.Empty(failures);
        Assert.Equal(7, executed);
        Assert.Equal(vectors.Count, executed);
    }

    /// <summary>
    /// The full cacophony and snow files: every vector whose protocol is in the IK family over 25519,
    /// ChaChaPoly and BLAKE2s is run (they repeat the subset above); every other protocol name must be
    /// refused by <see cref="NoiseProtocol.Parse"/>, which checks that the supported set is exactly that family.
    /// </summary>
    [Theory]
    [InlineData("cacophony.txt", 4)]
    [InlineData("snow.txt", 3)]
    public void Handshake_FullVectorFile_RunsIkFamilyAndRefusesTheRest(string file, int expectedSupported)
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("noise", file));
        var vectors = document.RootElement.GetProperty("vectors").EnumerateArray().ToList();
        var failures = new List<string>();
        var executed = 0;
        var refused = 0;

        foreach (var vector in vectors)
        {
            var name = vector.GetProperty("protocol_name").GetString()!;
            if (IkFamily().IsMatch(name))
            {
                executed++;
                failures.AddRange(NoiseVectorRunner.Run(vector).Select(f => $"{Describe(vector)}: {f}"));
            }
            else
            {
                refused++;
                try
                {
                    NoiseProtocol.Parse(name);
                    failures.Add($"{name}: accepted, but it is not in the IK family");
                }
                catch (NotSupportedException)
                {
                    // The documented refusal.
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(expectedSupported, executed);
        Assert.Equal(vectors.Count, executed + refused);
    }

    private static string Describe(JsonElement vector) =>
        $"{vector.GetProperty("protocol_name").GetString()} ({(vector.TryGetProperty("source_file", out var source) ? source.GetString() : "full file")})";

    [GeneratedRegex(@"^Noise_IK1?(psk[0-2](\+psk[0-2])*)?_25519_ChaChaPoly_BLAKE2s$")]
    private static partial Regex IkFamily();
}
