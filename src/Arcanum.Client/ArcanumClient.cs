using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arcanum.Client.Contracts;

namespace Arcanum.Client;

/// <summary>
/// Typed client of the coordinator's REST API (<c>/v1</c>, docs/api.md): every call sends
/// <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750 §2.1), bodies are the records of
/// <see cref="ApiJsonContext"/>. A non-success status becomes an <see cref="ArcanumApiException"/>
/// carrying the RFC 9457 problem details; transport failures (<see cref="HttpRequestException"/>,
/// <see cref="System.Net.WebSockets.WebSocketException"/>, time-outs) keep their own exception.
/// A success body that is not the documented JSON raises <see cref="InvalidDataException"/>.
/// Thread-safe: one instance is meant to carry many concurrent requests (<c>arcanum bench</c>).
/// </summary>
public sealed partial class ArcanumClient : IDisposable
{
    /// <summary>The largest response body read (a key list of many thousand keys fits).</summary>
    private const long MaxResponseBytes = 16 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _address;
    private readonly string _token;

    /// <summary>
    /// A client of the coordinator at <paramref name="address"/> (http or https; a path prefix is kept).
    /// <paramref name="handler"/> replaces the default connection pool (tests, proxies); the caller keeps
    /// ownership of it.
    /// </summary>
    public ArcanumClient(Uri address, string token, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(token);
        _address = NormalizeAddress(address);
        _token = ValidateToken(token);
        _http = handler is null ? new HttpClient(CreatePooledHandler(), disposeHandler: true) : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = _address;
        _http.Timeout = TimeSpan.FromMinutes(10);
        _http.MaxResponseContentBufferSize = MaxResponseBytes;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The coordinator's base address (always ends with '/').</summary>
    public Uri Address => _address;

    /// <summary>
    /// A client configured by the environment: <c>ARCANUM_ADDR</c> (base URL of the coordinator) and
    /// <c>ARCANUM_TOKEN</c> (API bearer token). Throws <see cref="InvalidOperationException"/> naming
    /// the variable that is missing or malformed.
    /// </summary>
    public static ArcanumClient FromEnvironment() => FromSettings(
        Environment.GetEnvironmentVariable(EnvironmentVariables.Address),
        Environment.GetEnvironmentVariable(EnvironmentVariables.Token));

    /// <summary>
    /// A client from an address and token given as text (flags or environment variables);
    /// throws <see cref="InvalidOperationException"/> naming what is missing or malformed.
    /// </summary>
    public static ArcanumClient FromSettings(string? address, string? token, HttpMessageHandler? handler = null)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new InvalidOperationException(
                $"No coordinator address: set {EnvironmentVariables.Address} (for example http://127.0.0.1:8200) or pass --addr.");
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            throw new InvalidOperationException($"No API token: set {EnvironmentVariables.Token} or pass --token.");
        }

        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"The coordinator address '{address}' is not an absolute http:// or https:// URL.");
        }

        try
        {
            return new ArcanumClient(uri, token.Trim(), handler);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    /// <summary>GET /v1/sys/health: the body of a 200 (ok, degraded) and of a 503 (unavailable) alike.</summary>
    public async Task<HealthResponse> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/sys/health");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && IsJson(response))
        {
            return await ReadAsync(request, response, ApiJsonContext.Default.HealthResponse, cancellationToken).ConfigureAwait(false);
        }

        return await ReadSuccessAsync(request, response, ApiJsonContext.Default.HealthResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET /v1/nodes: every cluster member and whether it is connected.</summary>
    public Task<NodeInfo[]> ListNodesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/nodes", null, ApiJsonContext.Default.NodeInfoArray, cancellationToken);

    /// <summary>POST /v1/keys: runs a DKG across the nodes; returns when the key exists.</summary>
    public Task<KeyInfo> CreateKeyAsync(CreateKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, "v1/keys", JsonContent.Create(request, RequestJsonContext.Default.CreateKeyRequest), ApiJsonContext.Default.KeyInfo, cancellationToken);
    }

    /// <summary>GET /v1/keys: the live (not destroyed) keys.</summary>
    public Task<KeyInfo[]> ListKeysAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/keys", null, ApiJsonContext.Default.KeyInfoArray, cancellationToken);

    /// <summary>GET /v1/keys/{id}.</summary>
    public Task<KeyInfo> GetKeyAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, KeyPath(id), null, ApiJsonContext.Default.KeyInfo, cancellationToken);

    /// <summary>DELETE /v1/keys/{id}: every holder deletes its shares; the key is gone for good.</summary>
    public async Task DestroyKeyAsync(string id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, KeyPath(id));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST /v1/keys/{id}/refresh: new shares, same public key; the old shares become useless.</summary>
    public Task<KeyInfo> RefreshKeyAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, KeyPath(id) + "/refresh", null, ApiJsonContext.Default.KeyInfo, cancellationToken);

    /// <summary>POST /v1/keys/{id}/reshare: a new threshold and/or committee size, same public key.</summary>
    public Task<KeyInfo> ReshareKeyAsync(string id, ReshareRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, KeyPath(id) + "/reshare", JsonContent.Create(request, RequestJsonContext.Default.ReshareRequest), ApiJsonContext.Default.KeyInfo, cancellationToken);
    }

    /// <summary>POST /v1/keys/{id}/sign: a message (FROST Ed25519/secp256k1) or a 32-byte digest (ECDSA, Taproot), hex.</summary>
    public Task<SignResponse> SignAsync(string keyId, SignRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, KeyPath(keyId) + "/sign", JsonContent.Create(request, RequestJsonContext.Default.SignRequest), ApiJsonContext.Default.SignResponse, cancellationToken);
    }

    /// <summary>
    /// POST /v1/keys/{id}/transactions: signs a transaction in its chain's format (see docs/chains.md). The answer's
    /// shape depends on the chain (<see cref="BitcoinTransactionResponse"/>, <see cref="EvmTransactionResponse"/>,
    /// <see cref="EvmSignatureResponse"/>, <see cref="SolanaTransactionResponse"/>, <see cref="CosmosTransactionResponse"/>,
    /// <see cref="TronTransactionResponse"/>), so it is returned as JSON.
    /// </summary>
    public Task<JsonElement> SignTransactionAsync(string keyId, TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, KeyPath(keyId) + "/transactions", JsonContent.Create(request, RequestJsonContext.Default.TransactionRequest), ApiJsonContext.Default.JsonElement, cancellationToken);
    }

    /// <summary>POST /v1/tokens: a new token with one role; the secret is in <see cref="CreatedToken.Token"/> only.</summary>
    public Task<CreatedToken> CreateTokenAsync(CreateTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, "v1/tokens", JsonContent.Create(request, RequestJsonContext.Default.CreateTokenRequest), ApiJsonContext.Default.CreatedToken, cancellationToken);
    }

    /// <summary>GET /v1/tokens.</summary>
    public Task<TokenInfo[]> ListTokensAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/tokens", null, ApiJsonContext.Default.TokenInfoArray, cancellationToken);

    /// <summary>DELETE /v1/tokens/{accessor}.</summary>
    public async Task RevokeTokenAsync(string accessor, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "v1/tokens/" + EscapeId(accessor, nameof(accessor)));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET /v1/policy: the active policy.</summary>
    public Task<PolicyInfo> GetPolicyAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/policy", null, ApiJsonContext.Default.PolicyInfo, cancellationToken);

    /// <summary>PUT /v1/policy: installs <paramref name="policy"/> as the next version.</summary>
    public Task<PolicyInfo> PutPolicyAsync(JsonElement policy, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, "v1/policy", JsonContent.Create(policy, ApiJsonContext.Default.JsonElement), ApiJsonContext.Default.PolicyInfo, cancellationToken);

    /// <summary>POST /v1/policy/evaluate: a dry run.</summary>
    public Task<EvaluateResponse> EvaluatePolicyAsync(EvaluateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, "v1/policy/evaluate", JsonContent.Create(request, RequestJsonContext.Default.EvaluateRequest), ApiJsonContext.Default.EvaluateResponse, cancellationToken);
    }

    /// <summary>GET /v1/requests/{id}.</summary>
    public Task<RequestInfo> GetRequestAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/requests/" + EscapeId(id, nameof(id)), null, ApiJsonContext.Default.RequestInfo, cancellationToken);

    /// <summary>GET /v1/requests (optionally one status: pending_approval, approved, rejected, expired, completed, failed).</summary>
    public Task<RequestInfo[]> ListRequestsAsync(string? status = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/requests" + (status is null ? "" : "?status=" + Uri.EscapeDataString(status)), null, ApiJsonContext.Default.RequestInfoArray, cancellationToken);

    /// <summary>POST /v1/requests/{id}/approve or /reject; <paramref name="payloadHash"/> is the hash the approver reviewed.</summary>
    public Task<RequestInfo> DecideAsync(string id, bool approve, string? payloadHash = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/requests/" + EscapeId(id, nameof(id)) + (approve ? "/approve" : "/reject"),
            JsonContent.Create(new DecisionRequest(payloadHash), RequestJsonContext.Default.DecisionRequest), ApiJsonContext.Default.RequestInfo, cancellationToken);

    /// <summary>GET /v1/audit: entries after <paramref name="after"/>, ascending.</summary>
    public Task<AuditEntryInfo[]> ListAuditAsync(long after = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"v1/audit?after={after}&limit={limit}"), null,
            ApiJsonContext.Default.AuditEntryInfoArray, cancellationToken);

    /// <summary>GET /v1/audit/verify.</summary>
    public Task<AuditVerifyResponse> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/audit/verify", null, ApiJsonContext.Default.AuditVerifyResponse, cancellationToken);

    /// <summary>GET /v1/keys/{id}/address: the key's (or its child's) address on <paramref name="chain"/>; <paramref name="prefix"/> is the bech32 prefix for cosmos.</summary>
    public Task<AddressResponse> GetAddressAsync(string keyId, string chain, string? path = null, string? prefix = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chain);
        var query = "?chain=" + Uri.EscapeDataString(chain)
            + (path is null ? "" : "&path=" + Uri.EscapeDataString(path))
            + (prefix is null ? "" : "&prefix=" + Uri.EscapeDataString(prefix));
        return SendAsync(HttpMethod.Get, KeyPath(keyId) + "/address" + query, null, ApiJsonContext.Default.AddressResponse, cancellationToken);
    }

    /// <summary>GET /v1/keys/{id}/xpub: the key's extended public key for <paramref name="network"/> (bitcoin or bitcoin-testnet).</summary>
    public Task<XpubResponse> GetXpubAsync(string keyId, string network, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(network);
        return SendAsync(HttpMethod.Get, KeyPath(keyId) + "/xpub?network=" + Uri.EscapeDataString(network), null, ApiJsonContext.Default.XpubResponse, cancellationToken);
    }

    /// <summary>GET /v1/sessions/{id}: a session's outcome (running, completed, aborted with culprits, timed_out with the missing nodes).</summary>
    public Task<SessionInfo> GetSessionAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/sessions/" + EscapeId(id, nameof(id)), null, ApiJsonContext.Default.SessionInfo, cancellationToken);

    /// <summary>
    /// The session notifications of the <c>/v1/events</c> WebSocket (RFC 6455), from the moment of
    /// connection until <paramref name="cancellationToken"/> fires or the server closes the socket.
    /// Notifications are best effort; GET /v1/sessions/{id} is the source of truth.
    /// </summary>
    public async IAsyncEnumerable<SessionEvent> WatchEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stream = await SessionEventStream.ConnectAsync(EventsAddress(), _token, cancellationToken).ConfigureAwait(false);
        while (await stream.ReadAsync(cancellationToken).ConfigureAwait(false) is { } sessionEvent)
        {
            yield return sessionEvent;
        }
    }

    public void Dispose() => _http.Dispose();

    public override string ToString() => $"ArcanumClient({_address}, token [redacted])";

    private static SocketsHttpHandler CreatePooledHandler() => new()
    {
        // `arcanum bench` keeps hundreds of requests in flight against one coordinator.
        MaxConnectionsPerServer = 1024,
        // Re-resolve DNS and rebalance behind a load balancer now and then.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        EnableMultipleHttp2Connections = true,
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
    };

    private static Uri NormalizeAddress(Uri address)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The coordinator address '{address}' is not an absolute http:// or https:// URL.", nameof(address));
        }

        if (!string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.Fragment))
        {
            throw new ArgumentException($"The coordinator address '{address}' must not carry a query or fragment.", nameof(address));
        }

        var builder = new UriBuilder(address);
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    /// <summary>RFC 6750 §2.1 b64token characters are visible ASCII; anything else cannot travel in the header.</summary>
    private static string ValidateToken(string token)
    {
        if (token.Length == 0 || token.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException("The API token must be non-empty visible ASCII without spaces.", nameof(token));
        }

        return token;
    }

    private static string KeyPath(string id) => "v1/keys/" + EscapeId(id, nameof(id));

    private static string EscapeId(string id, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, parameterName);
        return Uri.EscapeDataString(id);
    }

    private Uri EventsAddress()
    {
        var builder = new UriBuilder(new Uri(_address, "v1/events"))
        {
            Scheme = _address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        return builder.Uri;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? body, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadSuccessAsync(request, response, responseType, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadSuccessAsync<T>(HttpRequestMessage request, HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted && type.Type != typeof(PendingRequestResponse))
        {
            throw new ArcanumApprovalPendingException(await ReadAsync(request, response, ApiJsonContext.Default.PendingRequestResponse, cancellationToken).ConfigureAwait(false));
        }

        return await ReadAsync(request, response, type, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpRequestMessage request, HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false);
            return value ?? throw new InvalidDataException($"The response to {request.Method} /{request.RequestUri} was JSON null, not a {type.Type.Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The response to {request.Method} /{request.RequestUri} is not a valid {type.Type.Name}: {e.Message}", e);
        }
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var problem = IsJson(response) ? await TryReadProblemAsync(response, cancellationToken).ConfigureAwait(false) : null;
        throw new ArcanumApiException(status, problem ?? new ProblemDetailsBody(null, response.ReasonPhrase ?? $"HTTP {status}", status, "The response carried no problem details.", null));
    }

    private static async Task<ProblemDetailsBody?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ProblemDetailsBody, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase));
}
