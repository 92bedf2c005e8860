using Arcanum.Coordinator.Api;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arcanum.Coordinator.Auth;

/// <summary>
/// Bearer-token authentication (RFC 6750) against the API tokens (<see cref="ApiTokens"/>): the caller's
/// accessor, name and role become the request's claims (<see cref="CallerIdentity"/>). The token
/// comes from the <c>Authorization: Bearer</c> header (§2.1) or, for a WebSocket upgrade only, the
/// <c>token</c> query parameter (§2.3), because browsers cannot set headers on a WebSocket. A
/// challenge answers 401 with <c>WWW-Authenticate: Bearer</c> and a problem body; an unknown, revoked or
/// expired token is 401 like a malformed one.
/// </summary>
internal sealed class BearerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    public const string QueryParameter = "token";

    private const string HeaderPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedToken();
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var caller = presented.Length == 0 ? null : await tokens.AuthenticateAsync(presented, Context.RequestAborted);
        return caller is null
            ? AuthenticateResult.Fail("the bearer token is not valid")
            : AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var presented = result.Failure is not null;
        Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        var problem = ApiProblems.Create(
            StatusCodes.Status401Unauthorized,
            "unauthorized",
            "Authentication required",
            presented ? "the bearer token is not valid (unknown, revoked or expired)" : "this route needs an Authorization: Bearer token");
        await problem.ExecuteAsync(Context);
    }

    /// <summary>The token the request presents: "" for a malformed Authorization header, null for none.</summary>
    private string? PresentedToken()
    {
        var header = Request.Headers.Authorization;
        if (header.Count > 1)
        {
            return "";
        }

        if (header.Count == 1)
        {
            var value = header[0] ?? "";
            return value.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase) ? value[HeaderPrefix.Length..].Trim() : "";
        }

        if (!Context.WebSockets.IsWebSocketRequest)
        {
            return null;
        }

        var query = Request.Query[QueryParameter];
        return query.Count switch
        {
            0 => null,
            1 => query[0] ?? "",
            _ => "",
        };
    }
}
