using System.Security.Claims;

namespace Arcanum.Coordinator.Auth;

/// <summary>
/// Who is calling: the token's accessor (its public id), name and role, as the bearer handler put them
/// into the request's <see cref="ClaimsPrincipal"/>. Audit entries, idempotency scopes, policy initiators
/// and approvals all name the caller this way; the secret never leaves the authentication handler.
/// </summary>
public sealed record CallerIdentity(string Accessor, string Name, string Role)
{
    private const string AccessorClaim = "arcanum:accessor";

    /// <summary>The identity of the configured bootstrap admin token (it is not stored, so it cannot be revoked: rotate it in the configuration).</summary>
    public static CallerIdentity Bootstrap { get; } = new("bootstrap", "bootstrap", Roles.Admin);

    public ClaimsPrincipal ToPrincipal(string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(AccessorClaim, Accessor), new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, Role)],
            authenticationType));

    /// <summary>The caller of an authenticated request; throws when the route did not require authentication (a wiring bug).</summary>
    public static CallerIdentity Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return TryGet(user) ?? throw new InvalidOperationException("The request is not authenticated; the route must require a token.");
    }

    /// <summary>The caller, or null for an anonymous request.</summary>
    public static CallerIdentity? TryGet(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var accessor = user.FindFirstValue(AccessorClaim);
        var name = user.FindFirstValue(ClaimTypes.Name);
        var role = user.FindFirstValue(ClaimTypes.Role);
        return accessor is null || name is null || role is null ? null : new CallerIdentity(accessor, name, role);
    }
}
