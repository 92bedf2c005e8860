using System.Net;
using System.Net.WebSockets;
using System.Text;
using Arcanum.Client.Contracts;

namespace Arcanum.Cluster.Tests;

/// <summary>Strangers and garbage against a live cluster: refused, no server error, nothing changes, nothing crashes.</summary>
[Collection(FiveNodeCollection.Name)]
public sealed class AdversarialTests(FiveNodeCluster fixture)
{
    [Fact]
    public async Task NodeWithUnknownStaticKey_IsRefused_AndLogged()
    {
        var cluster = fixture.Cluster;
        var directory = Path.Combine(cluster.DataDirectory, "impostor");
        Directory.CreateDirectory(directory);
        using (var init = DevClusterProcess.StartArcanum(["node", "init", "--out", Path.Combine(directory, "identity.json"), "--id", "1"]))
        {
            await init.WaitForExitAsync();
            Assert.Equal(0, init.ExitCode);
        }

        // Node 1's configuration with a freshly generated identity: right id, wrong keys.
        var config = File.ReadAllText(cluster.NodeConfig(1));
        File.WriteAllText(Path.Combine(directory, "node.json"), config);
        File.Copy(Path.Combine(cluster.NodeDirectory(1), "master.key"), Path.Combine(directory, "master.key"));
        using var impostor = DevClusterProcess.StartArcanum(["serve", "node", "--config", Path.Combine(directory, "node.json")],
            new Dictionary<string, string> { ["ARCANUM_LIFELINE"] = "stdin" });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!cluster.Output.Contains("is not a cluster member", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        impostor.Kill();
        await impostor.WaitForExitAsync();
        Assert.Contains("is not a cluster member", cluster.Output, StringComparison.Ordinal);
        var nodes = await cluster.Client.ListNodesAsync();
        Assert.Equal(5, nodes.Count(n => n.Connected));
    }

    [Fact]
    public async Task NodePinningAWrongCoordinatorKey_RefusesTheLink_AndKeepsRetrying()
    {
        var cluster = fixture.Cluster;
        var directory = Path.Combine(cluster.DataDirectory, "misconfigured");
        Directory.CreateDirectory(directory);
        foreach (var file in new[] { "identity.json", "master.key" })
        {
            File.Copy(Path.Combine(cluster.NodeDirectory(2), file), Path.Combine(directory, file));
        }

        // Node 2's files, but the coordinator's static key in its config is someone else's.
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(cluster.NodeConfig(2)))!;
        config["coordinator"]!["staticKey"] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(Path.Combine(directory, "node.json"), config.ToJsonString());
        using var node = DevClusterProcess.StartArcanum(["serve", "node", "--config", Path.Combine(directory, "node.json")],
            new Dictionary<string, string> { ["ARCANUM_LIFELINE"] = "stdin" });
        var output = new System.Text.StringBuilder();
        node.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        node.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        int attempts;
        do
        {
            await Task.Delay(200);
            lock (output)
            {
                attempts = output.ToString().Split("Cannot reach the coordinator").Length - 1;
            }
        }
        while (attempts < 2 && DateTime.UtcNow < deadline);

        Assert.False(node.HasExited, "the node exited instead of retrying");
        Assert.True(attempts >= 2, $"expected repeated refused handshakes:\n{output}");
        node.Kill();
        await node.WaitForExitAsync();
        Assert.Equal(5, (await cluster.Client.ListNodesAsync()).Count(n => n.Connected));
    }

    [Fact]
    public async Task NodeWhoseMasterKeyCannotUnsealItsVault_RefusesToJoin()
    {
        var cluster = fixture.Cluster;
        var directory = Path.Combine(cluster.DataDirectory, "wrong-master-key");
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(cluster.NodeDirectory(3), "identity.json"), Path.Combine(directory, "identity.json"));
        CopyDirectory(Path.Combine(cluster.NodeDirectory(3), "vault"), Path.Combine(directory, "vault"));
        using (var rng = new Arcanum.Crypto.SodiumRandomNumberGenerator())
        {
            Arcanum.Node.Vault.MasterKey.CreateKeyFile(Path.Combine(directory, "master.key"), rng).Dispose();
        }

        File.Copy(cluster.NodeConfig(3), Path.Combine(directory, "node.json"));
        using var node = DevClusterProcess.StartArcanum(["serve", "node", "--config", Path.Combine(directory, "node.json")]);
        var output = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, node.ExitCode);
        Assert.Contains("cannot unseal its vault", await output, StringComparison.Ordinal);
        Assert.Equal(5, (await cluster.Client.ListNodesAsync()).Count(n => n.Connected));
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }

    [Fact]
    public async Task GarbageOnTheNodeLink_IsRefused_AndTheClusterKeepsServing()
    {
        var cluster = fixture.Cluster;
        var random = new Random(5);
        for (var i = 0; i < 50; i++)
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{cluster.Port}/v1/cluster"), CancellationToken.None);
            var garbage = new byte[random.Next(0, 200)];
            random.NextBytes(garbage);
            await socket.SendAsync(garbage, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            var buffer = new byte[1024];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var reply = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Close, reply.MessageType);
        }

        var health = await cluster.Client.GetHealthAsync();
        Assert.Equal(5, health.Nodes.Connected);
    }

    [Fact]
    public async Task ThousandsOfMalformedRequests_NoServerError_NoStateChange()
    {
        var cluster = fixture.Cluster;
        var key = await cluster.Client.CreateKeyAsync(new CreateKeyRequest("fuzz-target", KeySchemes.FrostEd25519, 2, 3));
        var keysBefore = await cluster.Client.ListKeysAsync();
        using var http = new HttpClient { BaseAddress = cluster.Address };
        var random = new Random(42);
        string[] paths = ["/v1/keys", $"/v1/keys/{key.Id}", $"/v1/keys/{key.Id}/sign", $"/v1/keys/{key.Id}/reshare", "/v1/keys/nope/sign",
            "/v1/sessions/zz", "/v1/nodes", "/v1/sys/health", "/v1/keys/%2e%2e", "/v1/" + new string('a', 300)];
        string[] bodies = ["", "{", "null", "[]", "{\"name\":1}", "{\"scheme\":\"rsa\",\"name\":\"x\",\"threshold\":2}",
            "{\"name\":\"x\",\"scheme\":\"frost-ed25519\",\"threshold\":9,\"parties\":3}", "{\"message\":\"zz\"}", "{\"digest\":\"00\"}",
            "{\"message\":\"00\",\"path\":\"m/0'\"}", "{\"threshold\":99999999999999999999}", "{\"message\":\"0\"}", new string('{', 10_000),
            "{\"name\":\"" + new string('x', 100_000) + "\"}"];
        HttpMethod[] methods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch];
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3000; i++)
        {
            var method = methods[random.Next(methods.Length)];
            if (method == HttpMethod.Delete)
            {
                method = HttpMethod.Patch;
            }

            using var request = new HttpRequestMessage(method, paths[random.Next(paths.Length)]);
            if (random.Next(4) != 0)
            {
                request.Headers.Authorization = new("Bearer", random.Next(3) == 0 ? "wrong-token" : DevClusterProcess.Token);
            }

            if (method != HttpMethod.Get)
            {
                var body = random.Next(5) == 0 ? RandomText(random) : bodies[random.Next(bodies.Length)];
                request.Content = new StringContent(body, Encoding.UTF8, random.Next(6) == 0 ? "text/plain" : "application/json");
            }

            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
            Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"{method} {request.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if ((int)response.StatusCode >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"{method} {request.RequestUri} → {(int)response.StatusCode} without a problem body");
            }
        }

        Assert.Contains(statuses, s => s == HttpStatusCode.BadRequest);
        Assert.Contains(statuses, s => s == HttpStatusCode.Unauthorized);
        Assert.Equal(keysBefore.Select(k => k.Id).Order(), (await cluster.Client.ListKeysAsync()).Select(k => k.Id).Order());
        Assert.False(cluster.HasExited);
        Assert.Equal(5, (await cluster.Client.GetHealthAsync()).Nodes.Connected);
    }

    private static string RandomText(Random random)
    {
        var chars = new char[random.Next(0, 400)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(1, 0x7f);
        }

        return new string(chars);
    }
}
