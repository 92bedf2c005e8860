using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Transport;

/// <summary>
/// A cluster member's long-term keys: the Ed25519 identity that signs its protocol messages (node)
/// or session requests (coordinator), and the X25519 static key of its Noise_IK handshakes. Stored
/// as a JSON file {"identitySeed": hex, "staticKey": hex} readable by its owner only (mode 0600);
/// the public halves go into the other members' configuration.
/// </summary>
public sealed class IdentityKeys : IDisposable
{
    private IdentityKeys(Ed25519PrivateKey identity, X25519PrivateKey staticKey)
    {
        Identity = identity;
        Static = staticKey;
    }

    public Ed25519PrivateKey Identity { get; }

    public X25519PrivateKey Static { get; }

    /// <summary>Writes fresh keys to <paramref name="path"/> (which must not exist) and returns them.</summary>
    public static IdentityKeys Create(string path, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var secrets = new byte[Ed25519PrivateKey.SeedLength + X25519PrivateKey.Length];
        try
        {
            rng.GetBytes(secrets);
            var json = new JsonObject
            {
                ["identitySeed"] = Convert.ToHexStringLower(secrets.AsSpan(0, Ed25519PrivateKey.SeedLength)),
                ["staticKey"] = Convert.ToHexStringLower(secrets.AsSpan(Ed25519PrivateKey.SeedLength)),
            }.ToJsonString();
            SecretFiles.CreateNew(path, System.Text.Encoding.UTF8.GetBytes(json));
            return FromSecrets(secrets);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secrets);
        }
    }

    /// <summary>Reads the keys written by <see cref="Create"/>; a missing, malformed or wrong-length file throws <see cref="InvalidDataException"/> naming it.</summary>
    public static IdentityKeys Load(string path)
    {
        var secrets = new byte[Ed25519PrivateKey.SeedLength + X25519PrivateKey.Length];
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            ReadHex(document.RootElement, "identitySeed", secrets.AsSpan(0, Ed25519PrivateKey.SeedLength), path);
            ReadHex(document.RootElement, "staticKey", secrets.AsSpan(Ed25519PrivateKey.SeedLength), path);
            return FromSecrets(secrets);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not an identity file: {e.Message}", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secrets);
        }
    }

    public void Dispose()
    {
        Identity.Dispose();
        Static.Dispose();
    }

    public override string ToString() => "[redacted]";

    private static IdentityKeys FromSecrets(ReadOnlySpan<byte> secrets) =>
        new(Ed25519PrivateKey.FromSeed(secrets[..Ed25519PrivateKey.SeedLength]), X25519PrivateKey.FromBytes(secrets[Ed25519PrivateKey.SeedLength..]));

    private static void ReadHex(JsonElement root, string property, Span<byte> destination, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String
            || value.GetString() is not { } hex || hex.Length != destination.Length * 2
            || Convert.FromHexString(hex, destination, out _, out var written) != System.Buffers.OperationStatus.Done || written != destination.Length)
        {
            throw new InvalidDataException($"{path}: \"{property}\" must be {destination.Length} bytes of hex.");
        }
    }
}
