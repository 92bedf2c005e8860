using System.Text.Json;
using Arcanum.Crypto.Encoding;
using Arcanum.TestKit;

namespace Arcanum.Chains.Tests.Cosmos;

/// <summary>The cosmjs SIGN_MODE_DIRECT vector file (vectors/cosmos/cosmjs-sign-mode-direct.json).</summary>
internal sealed record CosmosVectors(string ChainId, byte[] PrivateKey, byte[] PublicKey, string Address, IReadOnlyList<CosmosVector> Vectors)
{
    public static CosmosVectors Load()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("cosmos", "cosmjs-sign-mode-direct.json"));
        var root = document.RootElement;
        return new CosmosVectors(
            root.GetProperty("chainId").GetString()!,
            Hex.Decode(root.GetProperty("privateKeyHex_derivedHere").GetString()),
            Hex.Decode(root.GetProperty("pubkeyCompressedHex").GetString()),
            root.GetProperty("address").GetString()!,
            [.. root.GetProperty("vectors").EnumerateArray().Select(v => new CosmosVector(
                v.GetProperty("accountNumber").GetUInt64(),
                Hex.Decode(v.GetProperty("bodyBytes").GetString()),
                Hex.Decode(v.GetProperty("authInfoBytes").GetString()),
                Hex.Decode(v.GetProperty("signBytes").GetString()),
                Hex.Decode(v.GetProperty("signature").GetString()),
                Hex.Decode(v.GetProperty("signedTxBytes").GetString())))]);
    }
}

internal sealed record CosmosVector(ulong AccountNumber, byte[] BodyBytes, byte[] AuthInfoBytes, byte[] SignBytes, byte[] Signature, byte[] SignedTxBytes);
