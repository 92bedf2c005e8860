using System.CommandLine;
using Arcanum.Cli.Commands;
using Arcanum.Client;

namespace Arcanum.Cli.Tests;

/// <summary>The client commands as parsed and invoked by the real command tree, against the API test double.</summary>
public sealed class ClientCommandTests : IAsyncLifetime
{
    private FakeCoordinator _server = null!;

    public async Task InitializeAsync() => _server = await FakeCoordinator.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task KeyCreate_Text_PostsRequestAndPrintsKey()
    {
        _server.Serve("POST", "/v1/keys", 201, Samples.Key);

        var run = await RunAsync("key", "create", "--name", "treasury", "--scheme", "ecdsa-secp256k1", "--threshold", "2", "--parties", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"name":"treasury","scheme":"ecdsa-secp256k1","threshold":2,"parties":3}""", Assert.Single(_server.Requests).Body);
        Assert.Contains($"id          {Samples.KeyId}", run.Output, StringComparison.Ordinal);
        Assert.Contains("threshold   2 of 3", run.Output, StringComparison.Ordinal);
        Assert.Contains($"public key  {Samples.PublicKey}", run.Output, StringComparison.Ordinal);
        Assert.Contains("created     2025-01-02 03:04:05Z", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyCreate_Json_PrintsExactlyTheApiJson()
    {
        _server.Serve("POST", "/v1/keys", 201, Samples.Key);

        var run = await RunAsync("key", "create", "--name", "treasury", "--scheme", "frost-ed25519", "--threshold", "2", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"name":"treasury","scheme":"frost-ed25519","threshold":2}""", Assert.Single(_server.Requests).Body);
        Assert.Equal(Samples.Key, NormalizeTime(run.Output.Trim()));
    }

    [Fact]
    public async Task KeyCreate_UnknownScheme_IsUsageErrorWithoutRequest()
    {
        var run = await RunAsync("key", "create", "--name", "k", "--scheme", "rsa", "--threshold", "2");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("rsa", run.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task KeyCreate_MissingRequiredOption_IsUsageError()
    {
        var run = await RunAsync("key", "create", "--name", "k", "--scheme", "frost-ed25519");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--threshold", run.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task KeyCreate_ApiRefuses_PrintsTitleDetailFieldAndExitsOne()
    {
        _server.Serve("POST", "/v1/keys", 400, Samples.ProblemWithField, "application/problem+json");

        var run = await RunAsync("key", "create", "--name", "k", "--scheme", "frost-ed25519", "--threshold", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Invalid request (HTTP 400)", run.Error, StringComparison.Ordinal);
        Assert.Contains("threshold must be at least 2", run.Error, StringComparison.Ordinal);
        Assert.Contains("Field: threshold", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task KeyCreate_ApiRefusesWithJson_PrintsTheProblemJson()
    {
        _server.Serve("POST", "/v1/keys", 400, Samples.ProblemWithField, "application/problem+json");

        var run = await RunAsync("key", "create", "--name", "k", "--scheme", "frost-ed25519", "--threshold", "2", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(Samples.ProblemWithField, run.Error.Trim());
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task KeyList_Text_PrintsTableRow()
    {
        _server.Serve("GET", "/v1/keys", 200, Samples.Keys);

        var run = await RunAsync("key", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($@"{Samples.KeyId}\s*│\s*treasury\s*│\s*ecdsa-secp256k1\s*│\s*2 of 3\s*│\s*4\s*│", run.Output);
    }

    [Fact]
    public async Task KeyList_Empty_SaysSo()
    {
        _server.Serve("GET", "/v1/keys", 200, "[]");

        var text = await RunAsync("key", "list");
        var json = await RunAsync("key", "list", "--json");

        Assert.Equal("No keys.", text.Output.Trim());
        Assert.Equal("[]", json.Output.Trim());
    }

    [Fact]
    public async Task KeyList_Json_PrintsTheArray()
    {
        _server.Serve("GET", "/v1/keys", 200, Samples.Keys);

        var run = await RunAsync("key", "list", "--json");

        Assert.Equal(Samples.Keys, NormalizeTime(run.Output.Trim()));
    }

    [Fact]
    public async Task KeyShow_Text_GetsTheKey()
    {
        _server.Serve("GET", $"/v1/keys/{Samples.KeyId}", 200, Samples.Key);

        var run = await RunAsync("key", "show", Samples.KeyId);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"chain code  {Samples.ChainCode}", run.Output, StringComparison.Ordinal);
        Assert.Contains("parties     1, 2, 3", run.Output, StringComparison.Ordinal);
        Assert.Contains("epoch       4", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyShow_UnknownKey_ExitsOne()
    {
        var run = await RunAsync("key", "show", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Not found (HTTP 404)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRefresh_Json_PostsAndPrintsKey()
    {
        _server.Serve("POST", $"/v1/keys/{Samples.KeyId}/refresh", 200, Samples.Key);

        var run = await RunAsync("key", "refresh", Samples.KeyId, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Samples.Key, NormalizeTime(run.Output.Trim()));
        Assert.Equal("POST", Assert.Single(_server.Requests).Method);
    }

    [Fact]
    public async Task KeyReshare_Text_SendsThresholdAndParties()
    {
        _server.Serve("POST", $"/v1/keys/{Samples.KeyId}/reshare", 200, Samples.Key);

        var run = await RunAsync("key", "reshare", Samples.KeyId, "--threshold", "3", "--parties", "4");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"threshold":3,"parties":4}""", Assert.Single(_server.Requests).Body);
        Assert.Contains("name        treasury", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyDestroy_Yes_DeletesWithoutAsking()
    {
        _server.Serve("DELETE", $"/v1/keys/{Samples.KeyId}", 204, "");

        var run = await RunAsync("key", "destroy", Samples.KeyId, "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("DELETE", Assert.Single(_server.Requests).Method);
        Assert.Equal($"Destroyed key {Samples.KeyId}.", run.Output.Trim());
        Assert.DoesNotContain("[y/N]", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyDestroy_ConfirmedAtPrompt_Deletes()
    {
        _server.Serve("DELETE", $"/v1/keys/{Samples.KeyId}", 204, "");

        var run = await RunWithInputAsync("yes\n", "key", "destroy", Samples.KeyId, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[y/N]", run.Error, StringComparison.Ordinal);
        Assert.Equal("DELETE", Assert.Single(_server.Requests).Method);
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData("n\n")]
    [InlineData("")]
    [InlineData("sure\n")]
    public async Task KeyDestroy_NotConfirmed_SendsNothingAndExitsOne(string input)
    {
        var run = await RunWithInputAsync(input, "key", "destroy", Samples.KeyId);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("was not destroyed", run.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Sign_Digest_PrintsSignatureAndEcdsaFields()
    {
        _server.Serve("POST", $"/v1/keys/{Samples.KeyId}/sign", 200, Samples.EcdsaSignature);

        var run = await RunAsync("sign", "--key", Samples.KeyId, "--digest", "0x" + Samples.Digest.ToUpperInvariant(), "--path", "m/0/1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($$"""{"digest":"{{Samples.Digest}}","path":"m/0/1"}""", Assert.Single(_server.Requests).Body);
        Assert.Contains($"signature    {new string('5', 128)}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"session      {Samples.SessionId}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"r            {new string('6', 64)}", run.Output, StringComparison.Ordinal);
        Assert.Contains("recovery id  1", run.Output, StringComparison.Ordinal);
        Assert.Contains("der          3044", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_MessageJson_PrintsTheApiJson()
    {
        const string Frost = """{"signature":"abcd","publicKey":"ef01","session":"aaaabbbbccccddddeeeeffff00001111"}""";
        _server.Serve("POST", $"/v1/keys/{Samples.KeyId}/sign", 200, Frost);

        var run = await RunAsync("sign", "--key", Samples.KeyId, "--message", "68656c6c6f", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"message":"68656c6c6f"}""", Assert.Single(_server.Requests).Body);
        Assert.Equal(Frost, run.Output.Trim());
    }

    [Theory]
    [InlineData("--message", "abcd", "--digest", "abcd", "exactly one")]
    [InlineData("--path", "m/0", null, null, "exactly one")]
    [InlineData("--message", "abc", null, null, "odd number")]
    [InlineData("--message", "zz", null, null, "not hex: character 1 is 'z'")]
    [InlineData("--digest", "abcd", null, null, "exactly 32 bytes")]
    [InlineData("--digest", "0xg0", null, null, "not hex")]
    public async Task Sign_BadArguments_FailBeforeAnyRequest(string flag, string value, string? flag2, string? value2, string expected)
    {
        List<string> arguments = ["sign", "--key", Samples.KeyId, flag, value];
        if (flag2 is not null)
        {
            arguments.AddRange([flag2, value2!]);
        }

        var run = await RunAsync([.. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Nodes_Text_PrintsTable()
    {
        _server.Serve("GET", "/v1/nodes", 200, Samples.Nodes);

        var run = await RunAsync("nodes");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"1\s*│\s*alpha\s*│\s*yes\s*│\s*2025-01-02 03:04:05Z\s*│\s*0\.1\.0", run.Output);
        Assert.Matches(@"2\s*│\s*beta\s*│\s*no\s*│\s*never\s*│\s*-", run.Output);
    }

    [Fact]
    public async Task Nodes_Json_PrintsTheArray()
    {
        _server.Serve("GET", "/v1/nodes", 200, Samples.Nodes);

        var run = await RunAsync("nodes", "--json");

        Assert.Equal(Samples.Nodes, NormalizeTime(run.Output.Trim()));
    }

    [Fact]
    public async Task BenchSign_Text_PrintsCountsAndPercentiles()
    {
        ServeBenchKey();
        _server.FailSignEvery = 4;

        var run = await RunAsync("bench", "sign", "--key", Samples.KeyId, "--count", "40", "--concurrency", "4");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(60, _server.SignRequestCount);
        Assert.Contains("scheme        ecdsa-secp256k1", run.Output, StringComparison.Ordinal);
        Assert.Contains("requests      40 (4 in flight)", run.Output, StringComparison.Ordinal);
        Assert.Contains("errors        10", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"latency p99\s+\d+\.\d\d ms", run.Output);
    }

    [Fact]
    public async Task BenchSign_Json_PrintsResultObject()
    {
        ServeBenchKey();

        var run = await RunAsync("bench", "sign", "--key", Samples.KeyId, "--count", "5", "--concurrency", "2", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches("""^\{"scheme":"ecdsa-secp256k1","count":5,"concurrency":2,"errors":0,"p50Ms":[0-9.E-]+,"p95Ms":[0-9.E-]+,"p99Ms":[0-9.E-]+,"signaturesPerSecond":[0-9.E+-]+,"elapsedSeconds":[0-9.E-]+\}$""", run.Output.Trim());
    }

    [Fact]
    public async Task BenchSign_EveryRequestFails_ExitsOne()
    {
        ServeBenchKey();
        _server.FailSignEvery = 1;

        var run = await RunAsync("bench", "sign", "--key", Samples.KeyId, "--count", "3", "--concurrency", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("errors        3", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "1")]
    [InlineData("5", "-2")]
    public async Task BenchSign_NonPositiveCounts_IsUsageError(string count, string concurrency)
    {
        var run = await RunAsync("bench", "sign", "--key", Samples.KeyId, "--count", count, "--concurrency", concurrency);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task AnyCommand_NoAddress_IsUsageErrorNamingTheVariable()
    {
        var run = await InvokeAsync(new ClientEnvironment(_ => null, TextReader.Null), "key", "list");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("ARCANUM_ADDR", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_AddressAndTokenFromEnvironment_AreUsed()
    {
        _server.Serve("GET", "/v1/nodes", 200, "[]");
        var variables = new Dictionary<string, string>
        {
            [EnvironmentVariables.Address] = _server.Address.ToString(),
            [EnvironmentVariables.Token] = FakeCoordinator.Token,
        };

        var run = await InvokeAsync(new ClientEnvironment(name => variables.GetValueOrDefault(name), TextReader.Null), "nodes", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[]", run.Output.Trim());
    }

    [Fact]
    public async Task AnyCommand_FlagsOverrideEnvironment()
    {
        var variables = new Dictionary<string, string> { [EnvironmentVariables.Token] = "wrong-token" };

        var run = await InvokeAsync(new ClientEnvironment(name => variables.GetValueOrDefault(name), TextReader.Null),
            "nodes", "--addr", _server.Address.ToString(), "--token", FakeCoordinator.Token);

        Assert.Equal("Bearer " + FakeCoordinator.Token, Assert.Single(_server.Requests).Authorization);
        Assert.NotEqual(2, run.ExitCode);
    }

    [Fact]
    public async Task AnyCommand_UnknownArgument_IsUsageError()
    {
        var run = await RunAsync("nodes", "--bogus");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bogus", run.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task AnyCommand_CoordinatorDown_ExitsOneWithMessage()
    {
        var address = _server.Address.ToString();
        await _server.DisposeAsync();
        _server = await FakeCoordinator.StartAsync();

        var run = await InvokeAsync(new ClientEnvironment(_ => null, TextReader.Null), "nodes", "--addr", address, "--token", FakeCoordinator.Token);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("could not be reached", run.Error, StringComparison.Ordinal);
    }

    private void ServeBenchKey()
    {
        _server.Serve("GET", $"/v1/keys/{Samples.KeyId}", 200, Samples.Key);
        _server.Serve("POST", $"/v1/keys/{Samples.KeyId}/sign", 200, Samples.EcdsaSignature);
    }

    /// <summary>The API writes UTC times with "+00:00"; System.Text.Json writes them with "Z". Same instant.</summary>
    private static string NormalizeTime(string json) => json.Replace("Z\"", "+00:00\"", StringComparison.Ordinal);

    private Task<CommandRun> RunAsync(params string[] arguments) => RunWithInputAsync("", arguments);

    private Task<CommandRun> RunWithInputAsync(string input, params string[] arguments) =>
        InvokeAsync(new ClientEnvironment(_ => null, new StringReader(input)),
            [.. arguments, "--addr", _server.Address.ToString(), "--token", FakeCoordinator.Token]);

    private static async Task<CommandRun> InvokeAsync(ClientEnvironment environment, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ArcanumCommand.Create(environment).Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CommandRun(exitCode, output.ToString(), error.ToString());
    }

    private sealed record CommandRun(int ExitCode, string Output, string Error);
}
