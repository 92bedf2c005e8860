using System.Text.Json.Serialization;

namespace Arcanum.Cli.Accounts;

/// <summary>The account file as JSON (docs/cli.md "Accounts"); every member is nullable so that a missing one is reported, not defaulted.</summary>
internal sealed record AccountFileJson(int? Version, string? Name, string? AccountId, EncryptionKeyJson?[]? EncryptionKeys, KdfJson? Kdf, CipherJson? Cipher);

/// <summary>One encryption key version: <c>{"version": n, "publicKey": hex}</c>.</summary>
internal sealed record EncryptionKeyJson(uint? Version, string? PublicKey);

/// <summary><c>{"alg": "argon2id", "opslimit", "memlimit" (bytes), "salt": hex}</c>.</summary>
internal sealed record KdfJson(string? Alg, ulong? Opslimit, ulong? Memlimit, string? Salt);

/// <summary><c>{"alg": "aes-256-gcm", "nonce": hex, "ciphertext": hex of ciphertext ‖ tag}</c>.</summary>
internal sealed record CipherJson(string? Alg, string? Nonce, string? Ciphertext);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false, WriteIndented = true, MaxDepth = 8)]
[JsonSerializable(typeof(AccountFileJson))]
internal sealed partial class AccountFileJsonContext : JsonSerializerContext;
