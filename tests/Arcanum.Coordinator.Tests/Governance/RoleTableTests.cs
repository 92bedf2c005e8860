using System.Net;
using System.Text.Json;
using Arcanum.Coordinator.Tests.Api;

namespace Arcanum.Coordinator.Tests.Governance;

/// <summary>
/// Every route × every role: 401 without a token, 403 "forbidden" for a role the route does not accept, and
/// anything but 401/403-forbidden for a role it accepts (admin everywhere). The table is written here, from
/// docs/api.md, independently of the routes' own declarations.
/// </summary>
public sealed class RoleTableTests : IAsyncLifetime
{
    private const string Op = "operator", Sig = "signer", App = "approver", Aud = "auditor";

    private static readonly (string Method, string Path, string? Body, string[] Roles)[] Routes =
    [
        ("GET", "/v1/nodes", null, [Op, Aud]),
        ("POST", "/v1/keys", """{"name":"role-table","scheme":"frost-ed25519","threshold":2}""", [Op]),
        ("GET", "/v1/keys", null, [Op, Sig, App, Aud]),
        ("GET", "/v1/keys/key-ed25519", null, [Op, Sig, App, Aud]),
        ("DELETE", "/v1/keys/key-ed25519", null, [Op]),
        ("POST", "/v1/keys/key-ed25519/sign", """{"message":"00"}""", [Sig]),
        ("POST", "/v1/keys/key-ed25519/refresh", null, [Op]),
        ("POST", "/v1/keys/key-ed25519/reshare", """{"threshold":2,"parties":3}""", [Op]),
        ("POST", "/v1/keys/key-ecdsa/transactions", """{"chain":"ethereum","personalSign":"0x00"}""", [Sig]),
        ("GET", "/v1/keys/key-ecdsa/address?chain=ethereum", null, [Op, Sig, Aud]),
        ("GET", "/v1/keys/key-ecdsa/xpub?network=bitcoin", null, [Op, Sig, Aud]),
        ("GET", "/v1/sessions/0123456789abcdef0123456789abcdef", null, [Op, Sig, Aud]),
        ("POST", "/v1/tokens", """{"name":"made-by-role","role":"signer"}""", []),
        ("GET", "/v1/tokens", null, []),
        ("DELETE", "/v1/tokens/acc_000000000000000000000000", null, []),
        ("GET", "/v1/policy", null, []),
        ("GET", "/v1/policy/versions", null, []),
        ("PUT", "/v1/policy", """{"rules":[]}""", []),
        ("POST", "/v1/policy/evaluate", """{"operation":"sign_raw"}""", []),
        ("GET", "/v1/requests", null, [Op, Sig, App, Aud]),
        ("GET", "/v1/requests/req_0", null, [Op, Sig, App, Aud]),
        ("POST", "/v1/requests/req_0/approve", null, [App]),
        ("POST", "/v1/requests/req_0/reject", null, [App]),
        ("GET", "/v1/audit", null, [Aud]),
        ("GET", "/v1/audit/verify", null, [Aud]),
    ];

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryRoute_EveryRole_GetsWhatTheTableSays()
    {
        var clients = new Dictionary<string, HttpClient> { ["admin"] = _server.Client };
        foreach (var role in new[] { Op, Sig, App, Aud })
        {
            clients[role] = (await Tokens.CreateAsync(_server, $"table-{role}", role)).Client;
        }

        using var anonymous = _server.NewClient(token: null);
        var failures = new List<string>();
        foreach (var (method, path, body, roles) in Routes)
        {
            using (var response = await SendAsync(anonymous, method, path, body))
            {
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"anonymous {method} {path}: {(int)response.StatusCode}");
                }
            }

            foreach (var (role, client) in clients)
            {
                using var response = await SendAsync(client, method, path, body);
                var forbidden = response.StatusCode == HttpStatusCode.Forbidden && await SlugAsync(response) == "forbidden";
                var allowed = role == "admin" || roles.Contains(role);
                if (allowed == forbidden || response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{role} {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task WrongRole_ProblemNamesTheAcceptedRolesAndTheCallersRole()
    {
        var (auditor, _, _) = await Tokens.CreateAsync(_server, "just-an-auditor", Aud);

        using var response = await auditor.PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json("""{"message":"00"}"""));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden", "Authorization");
        Assert.Equal("this route accepts the roles admin, signer; the token's role is auditor", problem.GetProperty("detail").GetString());
        Assert.Empty(_server.Operations.Calls);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = Tokens.Json(body);
        }

        return client.SendAsync(request);
    }

    private static async Task<string?> SlugAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("type", out var type) ? type.GetString()?.Split(':')[^1] : null;
    }
}
