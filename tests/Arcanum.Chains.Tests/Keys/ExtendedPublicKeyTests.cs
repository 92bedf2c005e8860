using System.Text.Json;
using Arcanum.Chains.Keys;
using Arcanum.Crypto.Encoding;
using Arcanum.TestKit;

namespace Arcanum.Chains.Tests.Keys;

public sealed class ExtendedPublicKeyTests
{
    private const string Vector1Master =
        "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";

    private static JsonElement Vectors()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("bip32", "bip32-test-vectors.json"));
        return document.RootElement.Clone();
    }

    private static ExtendedPublicKey Parse(string text) =>
        ExtendedPublicKey.TryParse(text, out var key, out var error) ? key : throw new InvalidOperationException(error);

    /// <summary>BIP32 test vectors 1–4: every xpub parses and re-serializes to the same text.</summary>
    [Fact]
    public void TryParse_Bip32ValidXpubs_RoundTripExactly()
    {
        var count = 0;
        foreach (var entry in Vectors().GetProperty("valid").EnumerateArray())
        {
            var text = entry.GetProperty("xpub").GetString()!;
            Assert.True(ExtendedPublicKey.TryParse(text, out var key, out var error), $"{entry.GetProperty("path")}: {error}");
            Assert.Equal(text, key.ToString());
            Assert.Equal(Bip32Network.Mainnet, key.Network);
            Assert.Equal(Depth(entry.GetProperty("path").GetString()!), key.Depth);
            count++;
        }

        Assert.Equal(17, count);
    }

    /// <summary>
    /// BIP32 test vectors: each entry reached from an earlier entry of the same vector by non-hardened steps only
    /// is re-derived with CKDpub from that entry's xpub (7 pairs: one of them two steps deep).
    /// </summary>
    [Fact]
    public void TryDerive_Bip32NonHardenedDescendants_MatchVectors()
    {
        var entries = Vectors().GetProperty("valid").EnumerateArray()
            .Select(e => (Vector: e.GetProperty("vector").GetInt32(), Path: e.GetProperty("path").GetString()!, Xpub: e.GetProperty("xpub").GetString()!))
            .ToList();
        var checkedPairs = 0;
        foreach (var child in entries)
        {
            foreach (var parent in entries.Where(p => p.Vector == child.Vector && child.Path.StartsWith(p.Path + "/", StringComparison.Ordinal)))
            {
                var remaining = "m" + child.Path[parent.Path.Length..];
                if (remaining.Contains('\'', StringComparison.Ordinal))
                {
                    continue;
                }

                Assert.True(Bip32Path.TryParse(remaining, out var path, out var pathError), pathError);
                Assert.True(Parse(parent.Xpub).TryDerive(path, out var derived, out var error), error);
                Assert.Equal(child.Xpub, derived.ToString());
                checkedPairs++;
            }
        }

        Assert.Equal(7, checkedPairs);
    }

    /// <summary>
    /// BIP32 test vector 5: all 16 invalid keys are refused, each for its stated reason. The xprv-specific ones
    /// (private key 0 or n, "invalid prvkey prefix", the xprv zero-depth cases, "prvkey version / pubkey mismatch")
    /// carry the private version 0x0488ADE4, which an xpub parser refuses before reading the key; "pubkey version /
    /// prvkey mismatch" is an xpub version over private key data (prefix 00), refused as not a compressed point.
    /// </summary>
    [Fact]
    public void TryParse_Bip32InvalidKeys_RejectedForTheirReason()
    {
        var count = 0;
        foreach (var entry in Vectors().GetProperty("invalid").EnumerateArray())
        {
            var text = entry.GetProperty("key").GetString()!;
            var reason = entry.GetProperty("reason").GetString()!;
            Assert.False(ExtendedPublicKey.TryParse(text, out _, out var error), reason);
            Assert.Contains(ExpectedError(text, reason), error, StringComparison.Ordinal);
            count++;
        }

        Assert.Equal(16, count);
    }

    [Fact]
    public void TryDecode_EveryTruncation_RejectedNamingLength()
    {
        var bytes = Parse(Vector1Master).Serialize();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(ExtendedPublicKey.TryDecode(bytes.AsSpan(0, length), out _, out var error));
            Assert.Contains("78 bytes", error, StringComparison.Ordinal);
        }

        Assert.False(ExtendedPublicKey.TryDecode([.. bytes, 0], out _, out _));
    }

    /// <summary>
    /// Every single-byte change of the 78 bytes is refused or decodes to a key that serializes back to exactly
    /// the changed bytes (02 ↔ 03 is the same x with the other y, so still a key); changes to the version are always refused.
    /// </summary>
    [Fact]
    public void TryDecode_EverySingleByteMutation_RefusedOrCanonical()
    {
        var bytes = Parse(Vector1Master).Serialize();
        for (var position = 0; position < bytes.Length; position++)
        {
            var mutated = (byte[])bytes.Clone();
            mutated[position] ^= 0x01;
            var accepted = ExtendedPublicKey.TryDecode(mutated, out var key, out _);
            if (accepted)
            {
                Assert.Equal(mutated, key!.Serialize());
            }

            if (position < 4)
            {
                Assert.False(accepted, $"position {position}");
            }
        }
    }

    [Fact]
    public void TryParse_EverySingleCharacterChange_Rejected()
    {
        const string alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        for (var position = 0; position < Vector1Master.Length; position++)
        {
            var replacement = alphabet[(alphabet.IndexOf(Vector1Master[position], StringComparison.Ordinal) + 1) % alphabet.Length];
            var mutated = string.Concat(Vector1Master.AsSpan(0, position), [replacement], Vector1Master.AsSpan(position + 1));
            Assert.False(ExtendedPublicKey.TryParse(mutated, out _, out _), $"position {position}");
        }
    }

    [Fact]
    public void Create_Testnet_SerializesAsTpubAndParsesBack()
    {
        var main = Parse(Vector1Master);
        var testnet = ExtendedPublicKey.Create(Bip32Network.Testnet, 0, 0, 0, main.ChainCode, main.PublicKey);

        var text = testnet.ToString();

        Assert.StartsWith("tpub", text, StringComparison.Ordinal);
        Assert.True(Base58Check.TryDecode(text, out var payload));
        Assert.Equal([0x04, 0x35, 0x87, 0xCF], payload[..4]);
        Assert.True(ExtendedPublicKey.TryParse(text, out var parsed, out _));
        Assert.Equal(Bip32Network.Testnet, parsed.Network);
        Assert.Equal(main.PublicKey, parsed.PublicKey);
    }

    [Fact]
    public void TryDeriveChild_HardenedIndex_RefusedWithExplanation()
    {
        Assert.False(Parse(Vector1Master).TryDeriveChild(ExtendedPublicKey.HardenedOffset, out var child, out var error));
        Assert.Null(child);
        Assert.Contains("hardened", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeriveChild_Child_RecordsParentFingerprintAndIndex()
    {
        var parent = Parse(Vector1Master);

        Assert.True(parent.TryDeriveChild(7, out var child, out _));

        Assert.Equal(parent.Fingerprint, child.ParentFingerprint);
        Assert.Equal(7u, child.ChildNumber);
        Assert.Equal(1, child.Depth);
        Assert.NotEqual(parent.PublicKey, child.PublicKey);
    }

    private static int Depth(string path) => path.Count(c => c == '/');

    private static string ExpectedError(string key, string reason) => reason switch
    {
        "invalid checksum" => "Base58Check",
        _ when key.StartsWith("xprv", StringComparison.Ordinal) => "private extended key",
        "pubkey version / prvkey mismatch" => "starts with 0x00",
        "invalid pubkey prefix 04" => "starts with 0x04",
        "invalid pubkey prefix 01" => "starts with 0x01",
        "zero depth with non-zero parent fingerprint" => "parent fingerprint",
        "zero depth with non-zero index" => "child number",
        "unknown extended key version" => "not an extended public key version",
        _ when reason.StartsWith("invalid pubkey 02", StringComparison.Ordinal) => "not a point",
        _ => throw new InvalidOperationException($"No expectation for '{reason}'."),
    };
}
