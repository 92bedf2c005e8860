using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arcanum.Coordinator.Tests.Api;

namespace Arcanum.Coordinator.Tests.Governance;

/// <summary>Tokens for the governance tests: created through POST /v1/tokens with the bootstrap admin token.</summary>
internal static class Tokens
{
    /// <summary>Creates a token with <paramref name="role"/> and returns a client presenting it, with its accessor.</summary>
    public static async Task<(HttpClient Client, string Accessor, string Secret)> CreateAsync(ApiServer server, string name, string role, string? ttl = null)
    {
        var body = ttl is null ? $$"""{"name":"{{name}}","role":"{{role}}"}""" : $$"""{"name":"{{name}}","role":"{{role}}","ttl":"{{ttl}}"}""";
        using var response = await server.Client.PostAsync("/v1/tokens", Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("token").GetString()!;
        return (server.NewClient(secret), created.GetProperty("accessor").GetString()!, secret);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A request with a body and, if given, an Idempotency-Key.</summary>
    public static HttpRequestMessage Post(string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }
}
