using System.Buffers.Binary;
using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Derivation;

/// <summary>
/// BIP32 test vectors 1–5: every valid entry whose last step is non-hardened is derived from its
/// parent's xpub (the previous entry of the same vector) and compared with its own xpub.
/// </summary>
public sealed class Bip32VectorTests
{
    [Fact]
    public void Bip32Vectors_NonHardenedChildren_MatchCkdPub()
    {
        var entries = ValidEntries();
        var checkedEntries = 0;
        for (var k = 1; k < entries.Count; k++)
        {
            var (vector, path, xpub) = entries[k];
            var last = path.Split('/')[^1];
            if (entries[k - 1].Vector != vector || last == "m" || last.EndsWith('\''))
            {
                continue;
            }

            var parent = ExtendedPublicKey.Decode(entries[k - 1].Xpub);
            var child = ExtendedPublicKey.Decode(xpub);
            Assert.True(DerivationPath.TryParse("m/" + last, out var step, out var error), error);
            Assert.Equal(child.ChildNumber, step!.Indices[0]);
            Assert.Equal(parent.Depth + 1, child.Depth);

            var derived = Derive(parent, step);

            Assert.Equal(child.PublicKey, derived.GroupKey.PublicKey);
            Assert.Equal(child.ChainCode, derived.GroupKey.ChainCode.ToArray());
            checkedEntries++;
        }

        // Vector 1: m/0'/1, m/0'/1/2'/2, m/0'/1/2'/2/1000000000; vector 2: m/0, m/0/2147483647'/1,
        // m/0/2147483647'/1/2147483646'/2. Vectors 3 and 4 are all hardened.
        Assert.Equal(6, checkedEntries);
    }

    [Fact]
    public void Bip32Vector1_TwoStepPath_MatchesTheGrandchild()
    {
        var entries = ValidEntries();
        var grandparent = ExtendedPublicKey.Decode(entries.Single(e => e.Vector == 1 && e.Path == "m/0'/1/2'").Xpub);
        var grandchild = ExtendedPublicKey.Decode(entries.Single(e => e.Vector == 1 && e.Path == "m/0'/1/2'/2/1000000000").Xpub);
        Assert.True(DerivationPath.TryParse("m/2/1000000000", out var path, out var error), error);

        var derived = Derive(grandparent, path!);

        Assert.Equal(grandchild.PublicKey, derived.GroupKey.PublicKey);
        Assert.Equal(grandchild.ChainCode, derived.GroupKey.ChainCode.ToArray());
    }

    private static DerivedKey<Secp256k1Point, Secp256k1Scalar> Derive(ExtendedPublicKey parent, DerivationPath path)
    {
        // The xpub as a 1-of-1 group key: the group key's public data is all derivation uses.
        var groupKey = new GroupKey<Secp256k1Point, Secp256k1Scalar>(
            parent.PublicKey, new Dictionary<PartyId, Secp256k1Point> { [new PartyId(1)] = parent.PublicKey }, 1, parent.ChainCode);
        var result = KeyDerivation.Derive(Bip32Secp256k1.Instance, groupKey, path);
        Assert.True(result.Succeeded, result.Message);
        return result.Key!;
    }

    private static List<(int Vector, string Path, string Xpub)> ValidEntries()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("bip32", "bip32-test-vectors.json"));
        var entries = document.RootElement.GetProperty("valid").EnumerateArray()
            .Select(e => (e.GetProperty("vector").GetInt32(), e.GetProperty("path").GetString()!, e.GetProperty("xpub").GetString()!))
            .ToList();
        Assert.Equal(17, entries.Count);
        return entries;
    }

    /// <summary>BIP32 "Serialization format": version ‖ depth ‖ fingerprint ‖ child number ‖ chain code ‖ key (78 bytes).</summary>
    private sealed record ExtendedPublicKey(int Depth, uint ChildNumber, byte[] ChainCode, Secp256k1Point PublicKey)
    {
        public static ExtendedPublicKey Decode(string xpub)
        {
            Assert.True(Base58Check.TryDecode(xpub, out var payload));
            Assert.Equal(78, payload.Length);
            Assert.Equal(0x0488B21Eu, BinaryPrimitives.ReadUInt32BigEndian(payload));
            Assert.True(Secp256k1Point.TryDecode(payload.AsSpan(45, 33), out var key));
            return new ExtendedPublicKey(payload[4], BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(9)), payload[13..45], key);
        }
    }
}
