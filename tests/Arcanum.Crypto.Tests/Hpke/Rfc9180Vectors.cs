using System.Globalization;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Hpke;

/// <summary>One Appendix A section of RFC 9180: the setup values, the encryptions and the exported values.</summary>
internal sealed record Rfc9180Vector(
    string Section,
    IReadOnlyDictionary<string, string> Setup,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Encryptions,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Exports)
{
    public byte[] Bytes(string field) => Convert.FromHexString(Setup[field]);

    public byte[] OptionalBytes(string field) => Setup.TryGetValue(field, out var hex) ? Convert.FromHexString(hex) : [];

    public int Number(string field) => int.Parse(Setup[field], NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads <c>Vectors/rfc9180-x25519-sha256.txt</c>, the RFC 9180 Appendix A.1 and A.2 values transcribed from
/// the RFC text in its own layout: "## A.n.m" opens a section's setup values, "### A.n.m.1" its encryptions
/// (each starting at "sequence number"), "### A.n.m.2" its exported values (each starting at
/// "exporter_context"); a line without a colon continues the hex value above it.
/// </summary>
internal static class Rfc9180Vectors
{
    public static IReadOnlyList<Rfc9180Vector> Load()
    {
        var path = Path.Combine(Checkout.Root, "tests", "Arcanum.Crypto.Tests", "Hpke", "Vectors", "rfc9180-x25519-sha256.txt");
        var vectors = new List<Rfc9180Vector>();
        Dictionary<string, string>? setup = null;
        List<IReadOnlyDictionary<string, string>> encryptions = [];
        List<IReadOnlyDictionary<string, string>> exports = [];
        List<IReadOnlyDictionary<string, string>>? records = null;
        Dictionary<string, string>? current = null;
        string? section = null;
        string? lastKey = null;

        void Close()
        {
            if (section is not null)
            {
                vectors.Add(new Rfc9180Vector(section, setup!, encryptions, exports));
            }
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || (line.StartsWith("# ", StringComparison.Ordinal)))
            {
                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Close();
                section = line.Split(' ')[1];
                current = setup = [];
                encryptions = [];
                exports = [];
                records = null;
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                records = line.EndsWith("Encryptions", StringComparison.Ordinal) ? encryptions
                    : line.EndsWith("Exported Values", StringComparison.Ordinal) ? exports
                    : throw new FormatException($"Unknown subsection: {line}");
                current = null;
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
            {
                lastKey = line[..colon];
                if (records is not null && lastKey is "sequence number" or "exporter_context")
                {
                    current = [];
                    records.Add(current);
                }

                current![lastKey] = line[(colon + 1)..].Trim();
            }
            else
            {
                current![lastKey!] += line.Trim();
            }
        }

        Close();
        return vectors;
    }
}
