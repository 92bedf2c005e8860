using System.Buffers.Text;
using System.Security.Cryptography;
using Arcanum.Coordinator.Api;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Auth;

/// <summary>
/// API tokens (Vault-style): a 256-bit random secret shown once (<c>arc_</c> + base64url), stored only as its
/// SHA-256; an accessor (<c>acc_</c> + 24 hex digits) that names the token in lists, revocation and the audit
/// log; one role; an expiry. The configured admin token (<see cref="ApiOptions.AdminToken"/>) is the
/// <see cref="CallerIdentity.Bootstrap"/> admin and is checked in constant time without the store.
/// Revocation and expiry take effect on the next request: every request looks its token up.
/// </summary>
internal sealed class ApiTokens(IGovernanceStore store, ApiOptions options, TimeProvider time, RandomNumberGenerator rng)
{
    /// <summary>The longest lifetime a token can be given.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(366);

    /// <summary>The lifetime of a token created without one.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromDays(30);

    private const string SecretPrefix = "arc_";
    private const string AccessorPrefix = "acc_";
    private const int SecretBytes = 32;

    private readonly byte[] _bootstrapDigest = Digest(options.AdminToken);

    /// <summary>Creates a token; the returned secret is the only copy. Throws <see cref="StoreConflictException"/> when an unrevoked token has the name.</summary>
    public async Task<(TokenRecord Token, string Secret)> CreateAsync(string name, string role, TimeSpan ttl, CallerIdentity createdBy, CancellationToken cancellationToken)
    {
        var secretBytes = new byte[SecretBytes];
        rng.GetBytes(secretBytes);
        var secret = SecretPrefix + Base64Url.EncodeToString(secretBytes);
        CryptographicOperations.ZeroMemory(secretBytes);
        var accessorBytes = new byte[12];
        rng.GetBytes(accessorBytes);
        var now = time.GetUtcNow();
        var record = new TokenRecord(
            AccessorPrefix + Convert.ToHexStringLower(accessorBytes), name, role, Digest(secret), now, now + ttl, RevokedAt: null, createdBy.Name);
        await store.InsertTokenAsync(record, cancellationToken);
        return (record, secret);
    }

    /// <summary>The caller a presented secret belongs to, or null when it is unknown, revoked or expired.</summary>
    public async Task<CallerIdentity?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        var digest = Digest(presented);
        try
        {
            if (CryptographicOperations.FixedTimeEquals(digest, _bootstrapDigest))
            {
                return CallerIdentity.Bootstrap;
            }

            // The store is searched by the digest of a 256-bit secret: the lookup's timing says nothing usable about it.
            var token = await store.FindTokenBySecretHashAsync(digest, cancellationToken);
            return token is { RevokedAt: null } && (token.ExpiresAt is null || token.ExpiresAt > time.GetUtcNow())
                ? new CallerIdentity(token.Accessor, token.Name, token.Role)
                : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(digest);
        }
    }

    private static byte[] Digest(string secret)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(secret);
        try
        {
            return SHA256.HashData(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public override string ToString() => "ApiTokens [redacted]";
}
