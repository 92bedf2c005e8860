using System.Globalization;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Auth;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>/v1/tokens (admin): create a token (its secret is in the 201 answer only), list tokens, revoke one by accessor.</summary>
internal static class TokenEndpoints
{
    private const int MaxNameLength = 64;

    private static readonly Dictionary<string, JsonFieldKind> CreateShape = new(StringComparer.Ordinal)
    {
        ["name"] = JsonFieldKind.String,
        ["role"] = JsonFieldKind.String,
        ["ttl"] = JsonFieldKind.String,
    };

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/tokens", CreateAsync)
            .WithName("CreateToken")
            .WithMetadata(NoIdempotencyMetadata.Instance)
            .WithSummary("Create an API token with one role; the secret is returned once")
            .Accepts<CreateTokenRequest>("application/json")
            .Produces<CreatedToken>(StatusCodes.Status201Created)
            .RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapGet("/tokens", ListAsync)
            .WithName("ListTokens")
            .WithSummary("List API tokens (never their secrets), revoked ones included")
            .Produces<TokenInfo[]>()
            .RequireRoles(Roles.Admin);
        v1.MapDelete("/tokens/{accessor}", RevokeAsync)
            .WithName("RevokeToken")
            .WithSummary("Revoke a token by accessor; it stops working on its next request")
            .Produces(StatusCodes.Status204NoContent)
            .RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, [FromServices] ApiTokens tokens, [FromServices] ApiOptions options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(context.Request, CreateShape, options.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        var name = Name(body.String("name"), errors);
        var role = body.String("role");
        if (role is null || !Roles.IsRole(role))
        {
            errors.Add("role", role is null ? "required" : $"must be one of {string.Join(", ", Roles.All)}");
        }

        var ttl = Ttl(body.String("ttl"), errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        try
        {
            var (token, secret) = await tokens.CreateAsync(name!, role!, ttl!.Value, CallerIdentity.Of(context.User), cancellationToken);
            return TypedResults.Created(
                $"/v1/tokens/{token.Accessor}", new CreatedToken(token.Accessor, token.Name, token.Role, secret, token.CreatedAt, token.ExpiresAt));
        }
        catch (StoreConflictException)
        {
            return ApiProblems.Create(409, "token-name-taken", "Token name in use", $"An unrevoked token is already named '{name}'.", "name");
        }
    }

    private static async Task<IResult> ListAsync([FromServices] IGovernanceStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListTokensAsync(cancellationToken))
            .Select(t => new TokenInfo(t.Accessor, t.Name, t.Role, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.CreatedBy)).ToArray());

    private static async Task<IResult> RevokeAsync(string accessor, [FromServices] IGovernanceStore store, [FromServices] TimeProvider time, CancellationToken cancellationToken) =>
        await store.RevokeTokenAsync(accessor, time.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Create(404, "unknown-token", "Token not found", $"No unrevoked token has accessor '{ApiProblems.Truncate(accessor)}'.", "accessor");

    /// <summary>1–64 of A-Z a-z 0-9 . _ -, and not a role name (policies name roles and tokens in the same lists).</summary>
    private static string? Name(string? name, FieldErrors errors)
    {
        if (name is null)
        {
            errors.Add("name", "required");
        }
        else if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            errors.Add("name", $"must be 1 to {MaxNameLength} characters from A-Z a-z 0-9 . _ -");
        }
        else if (Roles.IsRole(name) || name == CallerIdentity.Bootstrap.Name)
        {
            errors.Add("name", $"'{name}' is reserved: policies use role names ({string.Join(", ", Roles.All)}) and '{CallerIdentity.Bootstrap.Name}' for other things");
        }
        else
        {
            return name;
        }

        return null;
    }

    /// <summary>A lifetime "&lt;n&gt;s|m|h|d" from one minute to <see cref="ApiTokens.MaxTtl"/>; absent → <see cref="ApiTokens.DefaultTtl"/>.</summary>
    internal static TimeSpan? Ttl(string? text, FieldErrors errors)
    {
        if (text is null)
        {
            return ApiTokens.DefaultTtl;
        }

        TimeSpan? ttl = text.Length is >= 2 and <= 10
            && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count <= 10_000_000
            ? text[^1] switch
            {
                's' => TimeSpan.FromSeconds(count),
                'm' => TimeSpan.FromMinutes(count),
                'h' => TimeSpan.FromHours(count),
                'd' => TimeSpan.FromDays(count),
                _ => null,
            }
            : null;
        if (ttl is { } value && value >= TimeSpan.FromMinutes(1) && value <= ApiTokens.MaxTtl)
        {
            return value;
        }

        errors.Add("ttl", $"must be a whole number of s, m, h or d (for example 30m, 24h, 30d) between 1m and {ApiTokens.MaxTtl.TotalDays}d");
        return null;
    }
}
