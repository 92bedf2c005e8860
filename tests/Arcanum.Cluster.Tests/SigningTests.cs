using System.Security.Cryptography;
using Arcanum.Client.Contracts;

namespace Arcanum.Cluster.Tests;

/// <summary>Every scheme through the real API and real node processes, each signature checked by an independent implementation.</summary>
[Collection(FiveNodeCollection.Name)]
public sealed class SigningTests(FiveNodeCluster fixture)
{
    public static TheoryData<string, int, int> SchemesAndShapes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var scheme in KeySchemes.All)
        {
            data.Add(scheme, 2, 3);
            data.Add(scheme, 3, 5);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SchemesAndShapes))]
    public async Task CreateKey_ThenSign_WithAndWithoutPath_SignaturesVerifyIndependently(string scheme, int threshold, int parties)
    {
        var client = fixture.Cluster.Client;
        var key = await client.CreateKeyAsync(new CreateKeyRequest($"{scheme}-{threshold}of{parties}", scheme, threshold, parties));

        Assert.Equal(scheme, key.Scheme);
        Assert.Equal(threshold, key.Threshold);
        Assert.Equal(parties, key.Parties.Count);
        Assert.Equal(scheme is KeySchemes.FrostEd25519 or KeySchemes.FrostTaproot ? 64 : 66, key.PublicKey.Length);
        Assert.Equal(1, key.Epoch);
        KeyAssert.Same(key, await client.GetKeyAsync(key.Id));

        foreach (var path in new string?[] { null, "m/0/1", "m/7" })
        {
            for (var i = 0; i < 3; i++)
            {
                var payload = RandomNumberGenerator.GetBytes(32);
                var request = KeySchemes.SignsDigest(scheme)
                    ? new SignRequest(Digest: Convert.ToHexStringLower(payload), Path: path)
                    : new SignRequest(Message: Convert.ToHexStringLower(payload), Path: path);
                var signed = await client.SignAsync(key.Id, request);

                IndependentVerifier.AssertValid(scheme, payload, signed);
                if (path is null)
                {
                    Assert.Equal(key.PublicKey, signed.PublicKey);
                }
                else if (scheme != KeySchemes.FrostTaproot)
                {
                    Assert.Equal(IndependentVerifier.ChildPublicKey(key, path), signed.PublicKey);
                }
                else
                {
                    Assert.NotEqual(key.PublicKey, signed.PublicKey);
                }

                var session = await client.GetSessionAsync(signed.Session);
                Assert.Equal("completed", session.Status);
                Assert.Equal(threshold, session.Parties.Count);
                Assert.All(session.Parties, p => Assert.Contains(p, key.Parties));
            }
        }
    }
}
