using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Curves;

public sealed class X25519Tests
{
    // RFC 7748 §6.1: Alice's and Bob's key pairs and their shared secret.
    private const string AlicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private const string AlicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private const string BobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private const string BobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private const string SharedSecret = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    [Fact]
    public void PublicKey_Rfc7748Section6_1_MatchesPublishedKeys()
    {
        using var alice = X25519PrivateKey.FromBytes(Convert.FromHexString(AlicePrivate));
        using var bob = X25519PrivateKey.FromBytes(Convert.FromHexString(BobPrivate));

        Assert.Equal(AlicePublic, alice.PublicKey.ToString());
        Assert.Equal(BobPublic, bob.PublicKey.ToString());
    }

    [Fact]
    public void TryAgree_Rfc7748Section6_1_BothSidesGetPublishedSecret()
    {
        using var alice = X25519PrivateKey.FromBytes(Convert.FromHexString(AlicePrivate));
        using var bob = X25519PrivateKey.FromBytes(Convert.FromHexString(BobPrivate));
        var aliceShared = new byte[32];
        var bobShared = new byte[32];

        Assert.True(X25519.TryAgree(alice, bob.PublicKey, aliceShared));
        Assert.True(X25519.TryAgree(bob, alice.PublicKey, bobShared));

        Assert.Equal(Convert.FromHexString(SharedSecret), aliceShared);
        Assert.Equal(aliceShared, bobShared);
    }

    /// <summary>
    /// Every case of Wycheproof's x25519_test.json. The file has "valid" and "acceptable" cases (no
    /// "invalid" ones). Our policy (documented on <see cref="X25519"/>): a public key whose shared secret
    /// would be all zeros — small order, whether on the curve or the twist, canonical or not — is
    /// refused, although Wycheproof marks those cases "acceptable"; for them we assert the refusal.
    /// Every other case, valid or acceptable (twist points, non-canonical encodings), must yield exactly
    /// the expected shared secret. A hypothetical "invalid" case must be refused.
    /// </summary>
    [Fact]
    public void TryAgree_WycheproofX25519_EveryCaseFollowsPolicy()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("wycheproof", "x25519_test.json"));
        var root = document.RootElement;
        var failures = new List<string>();
        var executed = 0;

        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                executed++;
                var id = test.GetProperty("tcId").GetInt32();
                var outcome = test.GetProperty("result").GetString();
                var expected = Convert.FromHexString(test.GetProperty("shared").GetString()!);
                using var privateKey = X25519PrivateKey.FromBytes(Convert.FromHexString(test.GetProperty("private").GetString()!));
                var publicKey = X25519PublicKey.FromBytes(Convert.FromHexString(test.GetProperty("public").GetString()!));
                var shared = new byte[32];

                var agreed = X25519.TryAgree(privateKey, publicKey, shared);

                var mustRefuse = outcome == "invalid" || expected.All(b => b == 0);
                if (mustRefuse && agreed)
                {
                    failures.Add($"tcId {id}: accepted a key the policy refuses ({outcome}, all-zero secret = {expected.All(b => b == 0)})");
                }
                else if (mustRefuse && shared.Any(b => b != 0))
                {
                    failures.Add($"tcId {id}: refused but left the output non-zero");
                }
                else if (!mustRefuse && !agreed)
                {
                    failures.Add($"tcId {id}: refused a {outcome} key");
                }
                else if (!mustRefuse && !expected.AsSpan().SequenceEqual(shared))
                {
                    failures.Add($"tcId {id}: shared secret {Convert.ToHexStringLower(shared)} differs from the expected one");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), executed);
    }

    [Fact]
    public void TryAgree_GeneratedKeys_BothSidesAgree()
    {
        using var rng = RandomNumberGenerator.Create();
        using var first = X25519PrivateKey.Generate(rng);
        using var second = X25519PrivateKey.Generate(rng);
        var firstShared = new byte[32];
        var secondShared = new byte[32];

        Assert.True(X25519.TryAgree(first, second.PublicKey, firstShared));
        Assert.True(X25519.TryAgree(second, first.PublicKey, secondShared));

        Assert.Equal(firstShared, secondShared);
        Assert.NotEqual(first.PublicKey, second.PublicKey);
    }

    [Fact]
    public void TryAgree_AllZeroPublicKey_IsRefused()
    {
        using var rng = RandomNumberGenerator.Create();
        using var key = X25519PrivateKey.Generate(rng);
        var shared = new byte[32];

        Assert.False(X25519.TryAgree(key, X25519PublicKey.FromBytes(new byte[32]), shared));
    }

    [Fact]
    public void PrivateKey_AfterDispose_ThrowsAndPrintsRedacted()
    {
        var key = X25519PrivateKey.FromBytes(Convert.FromHexString(AlicePrivate));

        key.Dispose();

        Assert.Equal("[redacted]", key.ToString());
        Assert.Throws<ObjectDisposedException>(() => key.PublicKey);
        Assert.Throws<ObjectDisposedException>(() => X25519.TryAgree(key, X25519PublicKey.FromBytes(Convert.FromHexString(BobPublic)), new byte[32]));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void FromBytes_WrongLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => X25519PrivateKey.FromBytes(new byte[length]));
        Assert.Throws<ArgumentException>(() => X25519PublicKey.FromBytes(new byte[length]));
    }

    [Fact]
    public void PublicKeyEquals_SameBytes_AreEqual()
    {
        var first = X25519PublicKey.FromBytes(Convert.FromHexString(AlicePublic));
        var second = X25519PublicKey.FromBytes(Convert.FromHexString(AlicePublic));

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, X25519PublicKey.FromBytes(Convert.FromHexString(BobPublic)));
    }
}
