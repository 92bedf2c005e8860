using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Tests.TestDoubles;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>
/// 3,000 random and malformed requests (methods, paths under /v1, bodies, numbers, types, headers):
/// never a 5xx, every error a problem, the server keeps serving, and the cluster is asked only for
/// requests the API accepted — each call it sees satisfies the documented rules.
/// </summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int Requests = 3000;
    private const int Workers = 4;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "POST", "POST", "GET", "DELETE"];

    private static readonly string[] KeyIds = [.. ApiServer.KeyIdByScheme.Values, ApiServer.DestroyedKeyId, "no-such-key", "", "%2F..%2F", "key-ed25519%00", new string('k', 300)];

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"name\"", "\"scheme\"", "\"threshold\"", "\"parties\"", "\"message\"", "\"digest\"", "\"path\"",
        "\"frost-ed25519\"", "\"ecdsa-secp256k1\"", "\"frost-taproot\"", "\"m/0/1\"", "\"m/0'\"", "2", "3", "-1", "0", "1e400", "2.0",
        "99999999999999999999999999999", "-2147483649", "true", "false", "null", "\"\\ud800\"", "\"00ff\"", "\"zz\"", "\"0\"",
        "\"" + new string('a', 64) + "\"", "/*", "*/", "\\", "\u0000", "é", "\"\u0001\"",
    ];

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RandomRequests_NeverServerErrorAndOnlyValidCallsReachTheCluster()
    {
        var accepted = 0;
        var failures = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), async (worker, cancellationToken) =>
        {
            var random = new Random(0x5eed + worker);
            using var client = new HttpClient { BaseAddress = _server.BaseAddress };
            for (var i = 0; i < Requests / Workers; i++)
            {
                using var request = RandomRequest(random);
                var description = $"{request.Method} {request.RequestUri}";
                using var response = await SendAsync(client, request, description, cancellationToken);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Enqueue($"{(int)response.StatusCode} for {description}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
                else if ((int)response.StatusCode >= 400 && request.Method != HttpMethod.Head)
                {
                    await ProblemAssert.IsWellFormedProblemAsync(response);
                }
                else if (response.IsSuccessStatusCode && IsClusterOperation(request))
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        });

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        var calls = _server.Operations.Calls;
        Assert.InRange(accepted, 1, Requests);
        Assert.Equal(accepted, calls.Count);
        Assert.All(calls, AssertValid);
        using var health = await _server.Client.GetAsync("/v1/sys/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string description, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException($"the server dropped {description}", exception);
        }
    }

    /// <summary>Requests that may reach <c>IKeyOperations</c> (the URI is absolute once sent).</summary>
    private static bool IsClusterOperation(HttpRequestMessage request) =>
        request.Method == HttpMethod.Delete || (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.StartsWith("/v1/keys", StringComparison.Ordinal));

    /// <summary>The rules of docs/api.md, restated independently of the API's code.</summary>
    private static void AssertValid(KeyOperationCall call)
    {
        switch (call.Operation)
        {
            case "create":
                Assert.Matches("^[A-Za-z0-9._-]{1,64}$", call.Name!);
                Assert.Contains(call.Scheme!, KeySchemes.All);
                Assert.InRange(call.Parties!.Value, 2, 3);
                Assert.InRange(call.Threshold!.Value, 2, call.Parties.Value);
                break;
            case "sign":
                var scheme = ApiServer.KeyIdByScheme.Single(k => k.Value == call.KeyId).Key;
                Assert.True(KeySchemes.SignsDigest(scheme) ? call.Payload!.Length == 32 : call.Payload!.Length <= 16 * 1024);
                Assert.All(call.Path!, index => Assert.True(index < 0x8000_0000u));
                break;
            case "reshare":
                Assert.InRange(call.Parties!.Value, 2, 3);
                Assert.InRange(call.Threshold!.Value, 2, call.Parties.Value);
                break;
            default:
                Assert.Contains(call.KeyId!, ApiServer.KeyIdByScheme.Values);
                break;
        }
    }

    private static HttpRequestMessage RandomRequest(Random random)
    {
        var request = new HttpRequestMessage(new HttpMethod(Pick(random, Methods)), RandomPath(random));
        if (random.Next(10) < 8)
        {
            request.Headers.TryAddWithoutValidation("Authorization", random.Next(20) == 0 ? "Bearer nope" : "Bearer " + ApiServer.AdminToken);
        }

        for (var extra = random.Next(3); extra > 0; extra--)
        {
            request.Headers.TryAddWithoutValidation("X-" + RandomToken(random, 1, 12), RandomToken(random, 0, 40));
        }

        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && random.Next(6) != 0)
        {
            var content = new ByteArrayContent(RandomBody(random));
            var mediaType = random.Next(8) switch
            {
                0 => "text/plain",
                1 => "application/octet-stream",
                2 => "application/problem+json",
                3 => "multipart/form-data",
                _ => "application/json",
            };
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            request.Content = content;
        }

        return request;
    }

    private static string RandomPath(Random random)
    {
        var key = Uri.EscapeDataString(Pick(random, KeyIds));
        return random.Next(12) switch
        {
            0 => "/v1/keys",
            1 => $"/v1/keys/{key}",
            2 or 3 => $"/v1/keys/{key}/sign",
            4 => $"/v1/keys/{key}/refresh",
            5 => $"/v1/keys/{key}/reshare",
            6 => $"/v1/sessions/{Uri.EscapeDataString(random.Next(2) == 0 ? Convert.ToHexStringLower(RandomBytes(random, 16)) : RandomToken(random, 0, 40))}",
            7 => Pick(random, ["/v1/nodes", "/v1/sys/health", "/v1/events", "/v1/cluster", "/openapi/v1.json", "/v1", "/v1/"]),
            8 => "/v1/" + string.Join('/', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Uri.EscapeDataString(RandomToken(random, 0, 12)))),
            9 => $"/v1/keys/{key}/{Uri.EscapeDataString(RandomToken(random, 1, 10))}",
            10 => $"/v1/keys/{key}/transactions",
            _ => "/v1/keys",
        };
    }

    private static byte[] RandomBody(Random random) => random.Next(7) switch
    {
        0 => RandomBytes(random, random.Next(0, 64)),
        1 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => Pick(random, Fragments)))),
        2 => Encoding.UTF8.GetBytes(new string('[', random.Next(1, 200))),
        3 => Truncated(random, RandomObject(random)),
        4 => new byte[ApiServer.MaxBodyBytes + random.Next(1, 100)],
        _ => Encoding.UTF8.GetBytes(RandomObject(random)),
    };

    /// <summary>A JSON object of plausible and implausible properties with random values (often valid).</summary>
    private static string RandomObject(Random random)
    {
        string[] names = ["name", "scheme", "threshold", "parties", "message", "digest", "path", "Name", "extra", ""];
        string[] values =
        [
            "2", "3", "1", "4", "0", "-3", "2147483648", "1e3", "2.5", "\"2\"", "true", "null", "[]", "{}", "\"k\"", "\"treasury-1\"",
            "\"frost-ed25519\"", "\"frost-secp256k1\"", "\"frost-taproot\"", "\"ecdsa-secp256k1\"", "\"rsa\"",
            "\"" + new string('a', 64) + "\"", "\"" + new string('b', 62) + "\"", "\"00\"", "\"\"", "\"0g\"", "\"m/1/2\"", "\"m/1'\"", "\"m\"",
        ];
        var properties = Enumerable.Range(0, random.Next(0, 6)).Select(_ => $"\"{Pick(random, names)}\":{Pick(random, values)}");
        return "{" + string.Join(',', properties) + "}";
    }

    private static byte[] Truncated(Random random, string json) => Encoding.UTF8.GetBytes(json[..random.Next(1, json.Length)]);

    private static string RandomToken(Random random, int minLength, int maxLength)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@";
        return new string([.. Enumerable.Range(0, random.Next(minLength, maxLength + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
