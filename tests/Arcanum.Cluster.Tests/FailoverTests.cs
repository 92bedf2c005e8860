using System.Diagnostics;
using System.Security.Cryptography;
using Arcanum.Client;
using Arcanum.Client.Contracts;

namespace Arcanum.Cluster.Tests;

/// <summary>Crashed nodes (SIGKILL) during and between sessions, and a crashed node coming back.</summary>
public sealed class FailoverTests
{
    [Fact]
    public async Task KilledNode_TwoOfThree_SigningSucceeds_AndRestartedNodeStillSignsWithItsShares()
    {
        await using var cluster = await DevClusterProcess.StartAsync(nodes: 3);
        var client = cluster.Client;
        var ed = await client.CreateKeyAsync(new CreateKeyRequest("ed", KeySchemes.FrostEd25519, 2, 3));
        var ecdsa = await client.CreateKeyAsync(new CreateKeyRequest("ecdsa", KeySchemes.EcdsaSecp256k1, 2, 3));

        cluster.KillNode(3);
        await cluster.WaitForConnectedAsync(2);
        for (var i = 0; i < 4; i++)
        {
            await SignAndVerifyAsync(client, ed);
            await SignAndVerifyAsync(client, ecdsa);
        }

        // Node 3 comes back (its vault and ledger on disk); with node 1 down, every signature needs node 3's shares.
        using var restarted = DevClusterProcess.StartArcanum(["serve", "node", "--config", cluster.NodeConfig(3)], new Dictionary<string, string> { ["ARCANUM_LIFELINE"] = "stdin" });
        await cluster.WaitForConnectedAsync(3);
        cluster.KillNode(1);
        await cluster.WaitForConnectedAsync(2);
        foreach (var key in new[] { ed, ecdsa })
        {
            var signed = await SignAndVerifyAsync(client, key);
            var session = await client.GetSessionAsync(signed.Session);
            Assert.Equal([2, 3], session.Parties);
        }

        restarted.Kill();
        await restarted.WaitForExitAsync();
    }

    [Fact]
    public async Task NodeKilledMidSessions_EachSessionCompletesOnAnotherSubsetOrEndsNamingIt()
    {
        await using var cluster = await DevClusterProcess.StartAsync(nodes: 3);
        var client = cluster.Client;
        var key = await client.CreateKeyAsync(new CreateKeyRequest("busy", KeySchemes.EcdsaSecp256k1, 2, 3));
        // 16 requests always in flight; node 2 is killed once 20 have completed, so some sessions
        // that include it are mid-protocol when it dies.
        var completed = 0;
        using var inFlight = new SemaphoreSlim(16);
        var kill = Task.Run(async () =>
        {
            while (Volatile.Read(ref completed) < 20)
            {
                await Task.Delay(1);
            }

            cluster.KillNode(2);
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, 120).Select(async _ =>
        {
            await inFlight.WaitAsync();
            try
            {
                return await SignAndVerifyAsync(client, key);
            }
            finally
            {
                Interlocked.Increment(ref completed);
                inFlight.Release();
            }
        }));
        await kill;

        var retried = 0;
        foreach (var response in responses)
        {
            var session = await client.GetSessionAsync(response.Session);
            Assert.Equal("completed", session.Status);
            if (session.RetryOf is { } first)
            {
                retried++;
                var failed = await client.GetSessionAsync(first);
                Assert.Contains(failed.Status, new[] { "timed_out", "aborted" });
                Assert.Equal([2], failed.Status == "timed_out" ? failed.Missing : failed.Culprits);
                Assert.DoesNotContain(2, session.Parties);
            }
        }

        Assert.True(retried > 0, "no signing session was in flight with node 2 when it was killed");
    }

    internal static async Task<SignResponse> SignAndVerifyAsync(ArcanumClient client, KeyInfo key)
    {
        var payload = RandomNumberGenerator.GetBytes(32);
        var request = KeySchemes.SignsDigest(key.Scheme)
            ? new SignRequest(Digest: Convert.ToHexStringLower(payload))
            : new SignRequest(Message: Convert.ToHexStringLower(payload));
        var signed = await client.SignAsync(key.Id, request);
        IndependentVerifier.AssertValid(key.Scheme, payload, signed);
        Assert.Equal(key.PublicKey, signed.PublicKey);
        return signed;
    }
}
