using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>
/// 1,500 random and malformed requests to the /v1/ledger routes (paths, query strings, bodies built from a real signed
/// transaction by mutation): never a 5xx, every error a problem, and only well-formed transactions reach the service.
/// (A NUL byte in the path is refused by Kestrel itself, before any middleware, with an empty 400; it is left out.)
/// </summary>
public sealed class LedgerFuzzTests : IAsyncLifetime
{
    private const int Requests = 1500;
    private const int Workers = 3;

    private static readonly string[] Segments =
    [
        "", "0", "-1", "latest", "1e3", "99999999999999999999", "arc1", "ABC", "group:team", "doc-1", "%2500", "%2F", "..", "é",
        new string('a', 64), new string('f', 65), new string('r', 65), "0000000000000000000000000000000000000000000000000000000000000001",
    ];

    private static readonly string[] Queries =
    [
        "", "?proof=true", "?proof=false", "?proof=1", "?proof=true&proof=false", "?limit=0", "?limit=100", "?limit=101", "?after=5&limit=1",
        "?after=-1", "?after=18446744073709551615", "?after=18446744073709551616", "?limit=%00", "?proof",
    ];

    private LedgerTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LedgerTestHost.StartAsync();
        await _host.SubmitAsync(_host.Ledger.Sign("alice", "accounts", "transfer", new TransferArgs(_host.Ledger.Id("bob"), 1).Encode()));
        _host.Ledger.FinalizeBlock();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RandomRequests_NeverServerError_OnlyParsedTransactionsReachTheService()
    {
        var template = Encoding.UTF8.GetString(TransactionJson.Write(_host.Ledger.Sign("carol", "accounts", "transfer", new TransferArgs(_host.Ledger.Id("bob"), 2).Encode())));
        var parsed = 0;
        var failures = new ConcurrentQueue<string>();
        var before = _host.Ledger.Submissions;
        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), async (worker, cancellationToken) =>
        {
            var random = new Random(0x1ed9e + worker);
            for (var i = 0; i < Requests / Workers; i++)
            {
                using var request = RandomRequest(random, template, out var body);
                var description = $"{request.Method} {request.RequestUri}";
                using var response = await _host.Client.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Enqueue($"{(int)response.StatusCode} for {description}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
                else if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Enqueue($"{(int)response.StatusCode} without a problem for {description}");
                }

                if (body is not null && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/v1/ledger/transactions"
                    && request.Content!.Headers.ContentType!.MediaType == "application/json" && TransactionJson.TryParse(body, out _, out _))
                {
                    Interlocked.Increment(ref parsed);
                }
            }
        });

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.InRange(parsed, 1, Requests);
        Assert.Equal(parsed, _host.Ledger.Submissions - before);
        using var status = await _host.Client.GetAsync("/v1/ledger/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    private static HttpRequestMessage RandomRequest(Random random, string template, out byte[]? body)
    {
        body = null;
        if (random.Next(3) == 0)
        {
            body = RandomBody(random, template);
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(random.Next(8) == 0 ? "text/plain" : "application/json");
            return new HttpRequestMessage(random.Next(10) == 0 ? HttpMethod.Put : HttpMethod.Post, "/v1/ledger/transactions") { Content = content };
        }

        string S() => Segments[random.Next(Segments.Length)];
        var path = random.Next(10) switch
        {
            0 => $"/v1/ledger/transactions/{S()}",
            1 => $"/v1/ledger/blocks/{S()}",
            2 => $"/v1/ledger/accounts/{S()}",
            3 => $"/v1/ledger/keystore/{S()}",
            4 => $"/v1/ledger/access/resources/{S()}",
            5 => $"/v1/ledger/access/resources/{S()}/check/{S()}",
            6 => $"/v1/ledger/messages/{S()}",
            7 => $"/v1/ledger/messages/groups/{S()}",
            8 => Pick(random, ["/v1/ledger/status", "/v1/ledger/genesis", "/v1/ledger/events", "/v1/ledger", "/v1/ledger/"]),
            _ => $"/v1/ledger/{S()}/{S()}",
        };
        return new HttpRequestMessage(random.Next(12) == 0 ? HttpMethod.Delete : HttpMethod.Get, path + Pick(random, Queries));
    }

    /// <summary>The template transaction mutated: a byte changed, cut short, a member renamed or duplicated, or random bytes.</summary>
    private static byte[] RandomBody(Random random, string template)
    {
        var bytes = Encoding.UTF8.GetBytes(template);
        switch (random.Next(7))
        {
            case 0:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                return Encoding.UTF8.GetBytes(template.Replace("\"nonce\"", Pick(random, ["\"Nonce\"", "\"nonce\":1,\"nonce\"", "\"x\""]), StringComparison.Ordinal));
            case 3:
                return Encoding.UTF8.GetBytes(template.Replace("\"nonce\":0", "\"nonce\":" + Pick(random, ["-1", "1.5", "1e2", "\"0\"", "null", "[]", "18446744073709551616"]), StringComparison.Ordinal));
            case 4:
                var noise = new byte[random.Next(0, 200)];
                random.NextBytes(noise);
                return noise;
            default:
                return bytes;
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
