using System.Text.Json;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests;

/// <summary>
/// One Wycheproof v1 test-vector file (C2SP/wycheproof <c>testvectors_v1/</c>): its declared
/// <c>numberOfTests</c> and every test case with the group it belongs to.
/// </summary>
internal sealed class WycheproofFile
{
    private WycheproofFile(int numberOfTests, IReadOnlyList<WycheproofCase> cases)
    {
        NumberOfTests = numberOfTests;
        Cases = cases;
    }

    public int NumberOfTests { get; }

    public IReadOnlyList<WycheproofCase> Cases { get; }

    public static WycheproofFile Load(string name)
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("wycheproof", name));
        var root = document.RootElement;
        var cases = new List<WycheproofCase>();
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                cases.Add(new WycheproofCase(group.Clone(), test.Clone()));
            }
        }

        return new WycheproofFile(root.GetProperty("numberOfTests").GetInt32(), cases);
    }
}

/// <summary>A Wycheproof test case and its group's parameters.</summary>
internal sealed record WycheproofCase(JsonElement Group, JsonElement Test)
{
    public int TcId => Test.GetProperty("tcId").GetInt32();

    /// <summary>"valid", "invalid" or "acceptable".</summary>
    public string Result => Test.GetProperty("result").GetString()!;

    public byte[] Bytes(string name) => Convert.FromHexString(Test.GetProperty(name).GetString()!);

    public int Int(string name) => Test.GetProperty(name).GetInt32();

    public int GroupInt(string name) => Group.GetProperty(name).GetInt32();
}
