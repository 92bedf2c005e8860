using System.Text.Json;
using Arcanum.Crypto.Encoding;
using Arcanum.TestKit;

namespace Arcanum.Chains.Tests.Bitcoin;

/// <summary>The official vector files these tests read (never copied into the repository), and small helpers.</summary>
internal static class BitcoinVectors
{
    private static readonly Lazy<JsonElement> BitcoinJs = new(() => Load("bip143", "bitcoinjs-transaction.json"));
    private static readonly Lazy<JsonElement> Bip341 = new(() => Load("bip341", "wallet-test-vectors.json"));

    /// <summary>bitcoinjs-lib test/fixtures/transaction.json.</summary>
    public static JsonElement Transactions => BitcoinJs.Value;

    /// <summary>bitcoin/bips bip-0341/wallet-test-vectors.json.</summary>
    public static JsonElement Taproot => Bip341.Value;

    public static TheoryData<int> Indices(JsonElement array)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < array.GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static byte[] HexOf(JsonElement element) => Hex.Decode(element.GetString()!);

    private static JsonElement Load(params string[] path)
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText(path));
        return document.RootElement.Clone();
    }
}

/// <summary>
/// Compiles the script notation of the bitcoinjs fixtures (opcode names and hex pushes) for the
/// opcodes they use; an unknown opcode fails the test rather than being skipped.
/// </summary>
internal static class ScriptAsm
{
    private static readonly Dictionary<string, byte> Opcodes = new(StringComparer.Ordinal)
    {
        ["OP_0"] = 0x00, ["OP_DUP"] = 0x76, ["OP_HASH160"] = 0xA9, ["OP_EQUALVERIFY"] = 0x88,
        ["OP_CHECKSIG"] = 0xAC, ["OP_CHECKMULTISIG"] = 0xAE,
    };

    public static byte[] Compile(string asm)
    {
        var script = new List<byte>();
        foreach (var token in asm.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Opcodes.TryGetValue(token, out var opcode))
            {
                script.Add(opcode);
            }
            else if (token.StartsWith("OP_", StringComparison.Ordinal) && int.TryParse(token[3..], out var small) && small is >= 1 and <= 16)
            {
                script.Add((byte)(0x50 + small));
            }
            else
            {
                var push = Hex.Decode(token);
                Assert.InRange(push.Length, 1, 75);
                script.Add((byte)push.Length);
                script.AddRange(push);
            }
        }

        return [.. script];
    }
}
