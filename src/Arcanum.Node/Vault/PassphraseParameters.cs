using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arcanum.Crypto.Kdf;

namespace Arcanum.Node.Vault;

/// <summary>
/// The Argon2id inputs besides the passphrase (RFC 9106 §3.1): a 16-byte salt and the limits, kept in
/// a small JSON file beside the vault so the same passphrase gives the same master key after a
/// restart. Defaults are libsodium's MODERATE limits (3 passes, 256 MiB): the key is derived once
/// per process start, so a slow derivation costs the operator little and an attacker much.
/// </summary>
public sealed record PassphraseParameters(byte[] Salt, ulong OpsLimit, ulong MemoryLimitBytes)
{
    public const ulong DefaultOpsLimit = 3;

    public const ulong DefaultMemoryLimitBytes = 256UL * 1024 * 1024;

    /// <summary>A fresh salt with the default limits.</summary>
    public static PassphraseParameters CreateDefault(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var salt = new byte[Argon2id.SaltLength];
        rng.GetBytes(salt);
        return new PassphraseParameters(salt, DefaultOpsLimit, DefaultMemoryLimitBytes);
    }

    /// <summary>Reads and checks the file; <see cref="InvalidDataException"/> names what is wrong.</summary>
    public static PassphraseParameters Read(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > 4096)
        {
            throw new InvalidDataException($"The passphrase parameters file {path} is larger than 4 KiB.");
        }

        ParametersFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllBytes(path), ParametersJsonContext.Default.ParametersFile);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The passphrase parameters file {path} is not valid JSON: {e.Message}", e);
        }

        var problem = file switch
        {
            null => "it is empty",
            { Version: not 1 } => $"version {file.Version} is not 1",
            _ when !IsSalt(file.Salt) => $"the salt is not {Argon2id.SaltLength} bytes of base64",
            _ when file.OpsLimit < Argon2id.OpsLimitRange.Min || file.OpsLimit > Argon2id.OpsLimitRange.Max => $"opsLimit {file.OpsLimit} is outside {Argon2id.OpsLimitRange}",
            _ when file.MemoryLimitBytes < Argon2id.MemoryLimitRange.Min || file.MemoryLimitBytes > Argon2id.MemoryLimitRange.Max => $"memoryLimitBytes {file.MemoryLimitBytes} is outside {Argon2id.MemoryLimitRange}",
            _ => null,
        };
        return problem is null
            ? new PassphraseParameters(Convert.FromBase64String(file!.Salt!), file.OpsLimit, file.MemoryLimitBytes)
            : throw new InvalidDataException($"The passphrase parameters file {path} is invalid: {problem}.");
    }

    /// <summary>Writes these parameters to a new file (fails if it exists) and returns them.</summary>
    public PassphraseParameters WriteNew(string path)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new ParametersFile(1, Convert.ToBase64String(Salt), OpsLimit, MemoryLimitBytes), ParametersJsonContext.Default.ParametersFile);
        using (var stream = new FileStream(path, DurableFiles.CreateNew(DurableFiles.OwnerOnly)))
        {
            stream.Write(json);
            stream.Flush(flushToDisk: true);
        }

        DurableFiles.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return this;
    }

    private static bool IsSalt(string? text) =>
        text is not null && Convert.TryFromBase64String(text, new byte[Argon2id.SaltLength], out var written) && written == Argon2id.SaltLength;

    internal sealed record ParametersFile(int Version, string? Salt, ulong OpsLimit, ulong MemoryLimitBytes);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, WriteIndented = true)]
[JsonSerializable(typeof(PassphraseParameters.ParametersFile))]
internal sealed partial class ParametersJsonContext : JsonSerializerContext;
