using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Arcanum.Coordinator.Auth;

/// <summary>
/// The roles a route accepts, declared where the route is mapped (deny by default: a route without a declaration
/// needs no role only if it is explicitly public). <see cref="Roles.Admin"/> is always accepted. The declaration is
/// also endpoint metadata (<see cref="RouteRolesMetadata"/>), so tests and the OpenAPI document can list it.
/// </summary>
public static class RouteRoles
{
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Any(role => !Roles.IsRole(role)))
        {
            throw new ArgumentException($"Unknown role in {string.Join(", ", roles)}.", nameof(roles));
        }

        string[] accepted = [Roles.Admin, .. roles.Where(role => role != Roles.Admin).Distinct(StringComparer.Ordinal)];
        return builder
            .RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', accepted) })
            .WithMetadata(new RouteRolesMetadata(accepted));
    }
}

/// <summary>The roles a route accepts (admin first).</summary>
public sealed record RouteRolesMetadata(IReadOnlyList<string> Roles);
