using System.Security.Cryptography;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// Checks a presented bearer token against the admin token in constant time: both sides are hashed
/// with SHA-256 and the digests compared with <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// so neither the content nor the length of the expected token leaks through timing.
/// </summary>
internal sealed class AdminTokenVerifier
{
    private readonly byte[] _expectedDigest;

    public AdminTokenVerifier(ApiOptions options) => _expectedDigest = Digest(options.AdminToken);

    public bool Matches(string presented)
    {
        var digest = Digest(presented);
        var matches = CryptographicOperations.FixedTimeEquals(digest, _expectedDigest);
        CryptographicOperations.ZeroMemory(digest);
        return matches;
    }

    private static byte[] Digest(string token)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(token);
        try
        {
            return SHA256.HashData(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public override string ToString() => "AdminTokenVerifier [redacted]";
}
