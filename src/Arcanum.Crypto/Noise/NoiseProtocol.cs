namespace Arcanum.Crypto.Noise;

/// <summary>
/// A Noise protocol named as in revision 34, §8: <c>Noise_&lt;pattern&gt;_25519_ChaChaPoly_BLAKE2s</c>.
/// The functions are fixed — X25519 (§12.1), ChaCha20-Poly1305 (§12.3) and BLAKE2s (§12.8) — and the
/// pattern must be one <see cref="HandshakePattern"/> supports; every other name is refused.
/// </summary>
public sealed class NoiseProtocol
{
    /// <summary>The protocol Arcanum's nodes and coordinator speak.</summary>
    public const string ProductProtocolName = "Noise_IK_25519_ChaChaPoly_BLAKE2s";

    /// <summary>The largest Noise message, handshake or transport, in bytes (§3).</summary>
    public const int MaxMessageLength = 65535;

    private const string Prefix = "Noise";
    private const string DhName = "25519";
    private const string CipherName = "ChaChaPoly";
    private const string HashName = "BLAKE2s";

    private NoiseProtocol(string name, HandshakePattern pattern)
    {
        Name = name;
        Pattern = pattern;
    }

    /// <summary><see cref="ProductProtocolName"/>, parsed.</summary>
    public static NoiseProtocol ProductProtocol { get; } = Parse(ProductProtocolName);

    /// <summary>The full protocol name, hashed into the handshake by InitializeSymmetric (§5.2).</summary>
    public string Name { get; }

    /// <summary>The handshake pattern named in <see cref="Name"/>.</summary>
    public HandshakePattern Pattern { get; }

    /// <summary>
    /// Parses a protocol name (§8). Throws <see cref="NotSupportedException"/>, naming the part at
    /// fault, for a name that is not <c>Noise_&lt;supported pattern&gt;_25519_ChaChaPoly_BLAKE2s</c>.
    /// </summary>
    public static NoiseProtocol Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('_');
        if (parts.Length != 5 || parts[0] != Prefix)
        {
            throw new NotSupportedException(
                $"'{name}' is not a Noise protocol name of the form Noise_<pattern>_<dh>_<cipher>_<hash> (revision 34, §8).");
        }

        RequireFunction(name, "DH function", parts[2], DhName);
        RequireFunction(name, "cipher", parts[3], CipherName);
        RequireFunction(name, "hash", parts[4], HashName);
        return new NoiseProtocol(name, HandshakePattern.Parse(parts[1]));
    }

    public override string ToString() => Name;

    private static void RequireFunction(string name, string kind, string actual, string supported)
    {
        if (actual != supported)
        {
            throw new NotSupportedException(
                $"The {kind} '{actual}' in '{name}' is not supported; only {supported} is.");
        }
    }
}
