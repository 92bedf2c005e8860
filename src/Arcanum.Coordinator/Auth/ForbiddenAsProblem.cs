using Arcanum.Coordinator.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Auth;

/// <summary>
/// Answers a request whose token has the wrong role with 403 and a problem detail naming the roles the route
/// accepts and the caller's role (401 challenges stay with <see cref="BearerAuthentication"/>).
/// </summary>
internal sealed class ForbiddenAsProblem : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var accepted = context.GetEndpoint()?.Metadata.GetMetadata<RouteRolesMetadata>()?.Roles ?? [Roles.Admin];
        var role = CallerIdentity.TryGet(context.User)?.Role ?? "none";
        return ApiProblems.Create(
            StatusCodes.Status403Forbidden,
            "forbidden",
            "Role not allowed",
            $"this route accepts the roles {string.Join(", ", accepted)}; the token's role is {role}",
            "Authorization").ExecuteAsync(context);
    }
}
