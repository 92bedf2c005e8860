using System.IO.Compression;
using System.Text.Json;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>Reads the Ethereum vector files and signs digests with a single key, as the fixtures' authors did.</summary>
internal static class EthereumVectors
{
    public static JsonElement ReadGzipJson(params string[] path)
    {
        using var file = File.OpenRead(VectorFiles.Path(["ethereum", .. path]));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return document.RootElement.Clone();
    }

    public static JsonElement ReadJson(params string[] path)
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText(["ethereum", .. path]));
        return document.RootElement.Clone();
    }

    public static byte[] HexBytes(string prefixed) => Hex.Decode(prefixed.AsSpan(2));

    /// <summary>RFC 6979 ECDSA with low s, as ethers signs: returns r ‖ s and the recovery id.</summary>
    public static (byte[] Signature, int RecoveryId) Sign(string privateKeyHex, ReadOnlySpan<byte> digest)
    {
        using var key = Secp256k1PrivateKey.Import(HexBytes(privateKeyHex));
        var signature = new byte[64];
        var recoveryId = key.SignEcdsa(digest, signature);
        return (signature, recoveryId);
    }

    public static Secp256k1PrivateKey Key(string privateKeyHex) => Secp256k1PrivateKey.Import(HexBytes(privateKeyHex));
}
