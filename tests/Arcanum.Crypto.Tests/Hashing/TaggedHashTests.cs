using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Crypto.Hashing;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Hashing;

public sealed class TaggedHashTests
{
    /// <summary>bip-0341/wallet-test-vectors.json: 7 scriptPubKey entries and 1 key-path spending transaction.</summary>
    private const int Bip341ScriptPubKeyCount = 7;

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(1000)]
    public void Hash_Message_FollowsTheBip340Definition(int length)
    {
        var message = new byte[length];
        new Random(length).NextBytes(message);
        var tagHash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("Arcanum/test"));
        var expected = SHA256.HashData([.. tagHash, .. tagHash, .. message]);

        var actual = new TaggedHash("Arcanum/test").Hash(message);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Hash_MessageInParts_EqualsHashOfTheConcatenation()
    {
        var tagged = TaggedHash.Bip340Challenge;
        var r = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var p = Enumerable.Range(32, 32).Select(i => (byte)i).ToArray();
        var m = new byte[600];
        var threeParts = new byte[32];
        var twoParts = new byte[32];

        tagged.Hash(r, p, m, threeParts);
        tagged.Hash(r, [.. p, .. m], twoParts);

        Assert.Equal(tagged.Hash([.. r, .. p, .. m]), threeParts);
        Assert.Equal(threeParts, twoParts);
    }

    [Fact]
    public void SharedInstances_Tags_AreTheBip340AndBip341Names()
    {
        Assert.Equal(
            ["BIP0340/challenge", "BIP0340/aux", "BIP0340/nonce", "TapTweak", "TapLeaf", "TapBranch", "TapSighash"],
            new[]
            {
                TaggedHash.Bip340Challenge, TaggedHash.Bip340Aux, TaggedHash.Bip340Nonce, TaggedHash.TapTweak,
                TaggedHash.TapLeaf, TaggedHash.TapBranch, TaggedHash.TapSighash,
            }.Select(t => t.Tag));
    }

    /// <summary>
    /// BIP341 wallet vectors, scriptPubKey section: every leaf hash (TapLeaf), Merkle root (TapBranch)
    /// and tweak (TapTweak) in the file is recomputed from the given internal key and script tree.
    /// </summary>
    [Fact]
    public void TaprootHashes_Bip341ScriptPubKeyVectors_MatchIntermediaryValues()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("bip341", "wallet-test-vectors.json"));
        var failures = new List<string>();
        var executed = 0;
        foreach (var vector in document.RootElement.GetProperty("scriptPubKey").EnumerateArray())
        {
            executed++;
            var given = vector.GetProperty("given");
            var intermediary = vector.GetProperty("intermediary");
            var leafHashes = new List<string>();
            byte[] merkleRoot = given.GetProperty("scriptTree").ValueKind == JsonValueKind.Null
                ? []
                : TreeHash(given.GetProperty("scriptTree"), leafHashes);

            if (intermediary.TryGetProperty("leafHashes", out var expectedLeaves))
            {
                var expected = expectedLeaves.EnumerateArray().Select(e => e.GetString()).ToList();
                if (!expected.SequenceEqual(leafHashes))
                {
                    failures.Add($"#{executed}: leaf hashes {string.Join(",", leafHashes)}");
                }
            }

            if (Hex(merkleRoot) != (intermediary.GetProperty("merkleRoot").GetString() ?? string.Empty))
            {
                failures.Add($"#{executed}: merkle root {Hex(merkleRoot)}");
            }

            var tweak = new byte[32];
            TaggedHash.TapTweak.Hash(Convert.FromHexString(given.GetProperty("internalPubkey").GetString()!), merkleRoot, tweak);
            if (Hex(tweak) != intermediary.GetProperty("tweak").GetString())
            {
                failures.Add($"#{executed}: tweak {Hex(tweak)}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(Bip341ScriptPubKeyCount, executed);
    }

    /// <summary>
    /// BIP341 wallet vectors, key-path spending: sigHash = hash_TapSighash(0x00 ‖ SigMsg) for every
    /// input. The file's "sigMsg" already begins with the epoch byte 0x00 (then hash_type), so it is
    /// hashed as it is.
    /// </summary>
    [Fact]
    public void TapSighash_Bip341KeyPathSpendingVectors_MatchSigHash()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("bip341", "wallet-test-vectors.json"));
        var failures = new List<string>();
        var executed = 0;
        var expectedCount = 0;
        foreach (var transaction in document.RootElement.GetProperty("keyPathSpending").EnumerateArray())
        {
            foreach (var input in transaction.GetProperty("inputSpending").EnumerateArray())
            {
                expectedCount++;
                var intermediary = input.GetProperty("intermediary");
                var sigMsg = Convert.FromHexString(intermediary.GetProperty("sigMsg").GetString()!);
                var sigHash = new byte[32];
                Assert.Equal(0x00, sigMsg[0]);
                TaggedHash.TapSighash.Hash(sigMsg, sigHash);
                executed++;
                if (Hex(sigHash) != intermediary.GetProperty("sigHash").GetString())
                {
                    failures.Add($"input {input.GetProperty("given").GetProperty("txinIndex").GetInt32()}: {Hex(sigHash)}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(expectedCount > 0);
        Assert.Equal(expectedCount, executed);
    }

    /// <summary>BIP341 "Constructing and spending Taproot outputs": a leaf or a pair of subtrees, children sorted.</summary>
    private static byte[] TreeHash(JsonElement node, List<string> leafHashes)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            var left = TreeHash(node[0], leafHashes);
            var right = TreeHash(node[1], leafHashes);
            var (first, second) = left.AsSpan().SequenceCompareTo(right) <= 0 ? (left, right) : (right, left);
            var branch = new byte[32];
            TaggedHash.TapBranch.Hash(first, second, branch);
            return branch;
        }

        var script = Convert.FromHexString(node.GetProperty("script").GetString()!);
        Assert.True(script.Length < 0xfd, "the vectors' scripts are short enough for a one-byte compact size");
        var leaf = new byte[32];
        TaggedHash.TapLeaf.Hash([(byte)node.GetProperty("leafVersion").GetInt32(), (byte)script.Length], script, leaf);
        leafHashes.Add(Hex(leaf));
        return leaf;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
