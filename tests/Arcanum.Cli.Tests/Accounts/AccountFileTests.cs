using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Arcanum.Cli.Accounts;
using Arcanum.Crypto.Kdf;

namespace Arcanum.Cli.Tests.Accounts;

public sealed class AccountFileTests
{
    private static readonly byte[] Passphrase = "correct horse battery staple"u8.ToArray();

    [Fact]
    public void Seal_ThenOpen_ReturnsTheSameKeysAndPublicData()
    {
        using var rotated = NewSecrets();
        var file = Seal(rotated);

        Assert.True(AccountFile.TryParse(file.ToJson(), out var parsed, out var error), error);
        Assert.Equal(AccountOpenResult.Opened, parsed.TryOpen(Passphrase, out var opened));
        using (opened)
        {
            Assert.True(opened!.Encoded.SequenceEqual(rotated.Encoded));
        }

        Assert.Equal("alice", parsed.Name);
        Assert.Equal(rotated.DeriveAccountId(), parsed.Id);
        Assert.Equal(rotated.DerivePublicKeys(), parsed.EncryptionKeys);
        Assert.Equal([1u, 2u], parsed.EncryptionKeys.Select(key => key.Version));
    }

    [Fact]
    public void TryOpen_WrongPassphrase_IsRefusedWithoutKeys()
    {
        using var secrets = NewSecrets();
        var file = Seal(secrets);

        Assert.Equal(AccountOpenResult.WrongPassphrase, file.TryOpen("correct horse battery stapler"u8, out var opened));
        Assert.Null(opened);
    }

    [Fact]
    public void Seal_TwiceWithTheSameKeys_DrawsFreshSaltAndNonce()
    {
        using var secrets = NewSecrets();
        var first = AccountFileJsonOf(Seal(secrets));
        var second = AccountFileJsonOf(Seal(secrets));

        Assert.NotEqual(first["kdf"]!["salt"]!.GetValue<string>(), second["kdf"]!["salt"]!.GetValue<string>());
        Assert.NotEqual(first["cipher"]!["nonce"]!.GetValue<string>(), second["cipher"]!["nonce"]!.GetValue<string>());
        Assert.NotEqual(first["cipher"]!["ciphertext"]!.GetValue<string>(), second["cipher"]!["ciphertext"]!.GetValue<string>());
    }

    [Fact]
    public void ToJson_HoldsNoSecretInAnyCommonEncoding()
    {
        using var secrets = NewSecrets();
        var bytes = Seal(secrets).ToJson();
        var text = System.Text.Encoding.UTF8.GetString(bytes);

        var secretParts = new List<byte[]> { secrets.Encoded[..32].ToArray() };
        for (var index = 0; index < secrets.EncryptionKeyCount; index++)
        {
            secretParts.Add(secrets.Encoded.Slice(32 + (index * 36) + 4, 32).ToArray());
        }

        Assert.Equal(3, secretParts.Count);
        foreach (var secret in secretParts)
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(secret));
            Assert.DoesNotContain(Convert.ToHexStringLower(secret), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(secret)[..40], text, StringComparison.Ordinal);
        }
    }

    /// <summary>Every field of the file, changed to another well-formed value or broken: the file never opens.</summary>
    [Fact]
    public void TamperedField_AnyField_IsRefused()
    {
        using var secrets = NewSecrets();
        using var other = NewSecrets();
        var otherJson = AccountFileJsonOf(Seal(other));
        var tampers = new (string Field, Action<JsonNode> Change)[]
        {
            ("version", node => node["version"] = 2),
            ("name", node => node["name"] = "mallory"),
            ("accountId", node => node["accountId"] = otherJson["accountId"]!.GetValue<string>()),
            ("encryptionKeys[0].version", node => node["encryptionKeys"]![0]!["version"] = 3),
            ("encryptionKeys[1].publicKey", node => node["encryptionKeys"]![1]!["publicKey"] = otherJson["encryptionKeys"]![1]!["publicKey"]!.GetValue<string>()),
            ("encryptionKeys (one dropped)", node => node["encryptionKeys"]!.AsArray().RemoveAt(1)),
            ("kdf.alg", node => node["kdf"]!["alg"] = "argon2i"),
            ("kdf.opslimit", node => node["kdf"]!["opslimit"] = Argon2id.OpsLimitRange.Min + 1),
            ("kdf.memlimit", node => node["kdf"]!["memlimit"] = Argon2id.MemoryLimitRange.Min * 2),
            ("kdf.salt", node => node["kdf"]!["salt"] = FlipFirstDigit(node["kdf"]!["salt"]!.GetValue<string>())),
            ("cipher.alg", node => node["cipher"]!["alg"] = "xchacha20poly1305"),
            ("cipher.nonce", node => node["cipher"]!["nonce"] = FlipFirstDigit(node["cipher"]!["nonce"]!.GetValue<string>())),
            ("cipher.ciphertext (body)", node => node["cipher"]!["ciphertext"] = FlipFirstDigit(node["cipher"]!["ciphertext"]!.GetValue<string>())),
            ("cipher.ciphertext (tag)", node => node["cipher"]!["ciphertext"] = FlipLastDigit(node["cipher"]!["ciphertext"]!.GetValue<string>())),
            ("cipher.ciphertext (truncated)", node => node["cipher"]!["ciphertext"] = node["cipher"]!["ciphertext"]!.GetValue<string>()[..^2]),
            ("cipher.ciphertext (other account's)", node => node["cipher"] = otherJson["cipher"]!.DeepClone()),
        };
        var json = AccountFileJsonOf(Seal(secrets));

        var refusedByParser = 0;
        var refusedByAead = 0;
        foreach (var (field, change) in tampers)
        {
            var tampered = json.DeepClone();
            change(tampered);
            var bytes = System.Text.Encoding.UTF8.GetBytes(tampered.ToJsonString());
            if (!AccountFile.TryParse(bytes, out var file, out _))
            {
                refusedByParser++;
                continue;
            }

            Assert.True(AccountOpenResult.WrongPassphrase == file.TryOpen(Passphrase, out var opened), $"{field} was changed and the file still opened");
            Assert.Null(opened);
            refusedByAead++;
        }

        Assert.Equal(16, refusedByParser + refusedByAead);
        Assert.Equal(12, refusedByAead);
    }

    [Theory]
    [InlineData("unknown member", """{"extra":1}""")]
    [InlineData("repeated member", """{"name":"alice"}""")]
    [InlineData("upper-case hex", "upper")]
    [InlineData("missing kdf", "nokdf")]
    [InlineData("hex account id", "hexid")]
    [InlineData("opslimit too high", "ops")]
    [InlineData("memlimit too high", "mem")]
    [InlineData("not json", "garbage")]
    [InlineData("null", "null")]
    public void TryParse_Malformed_IsRefusedWithReason(string scenario, string change)
    {
        using var secrets = NewSecrets();
        var json = AccountFileJsonOf(Seal(secrets));
        var text = json.ToJsonString();
        text = change switch
        {
            "upper" => text.Replace(json["kdf"]!["salt"]!.GetValue<string>(), json["kdf"]!["salt"]!.GetValue<string>().ToUpperInvariant(), StringComparison.Ordinal),
            "nokdf" => Without(json, "kdf"),
            "hexid" => Replace(json, "accountId", secrets.DeriveAccountId().ToHex()),
            "ops" => Replace(json["kdf"]!, "opslimit", AccountFile.MaxOpsLimit + 1, json),
            "mem" => Replace(json["kdf"]!, "memlimit", AccountFile.MaxMemoryLimitBytes + 1, json),
            "garbage" => "{\"version\":",
            "null" => "null",
            _ => text[..^1] + "," + change[1..],
        };

        Assert.False(AccountFile.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var file, out var error), scenario);
        Assert.Null(file);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryParse_SeveralBadFields_NamesEveryOne()
    {
        using var secrets = NewSecrets();
        var json = AccountFileJsonOf(Seal(secrets));
        json["version"] = 7;
        json["kdf"]!["alg"] = "scrypt";
        json["cipher"]!["nonce"] = "00";

        Assert.False(AccountFile.TryParse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), out _, out var error));
        Assert.Contains("version", error, StringComparison.Ordinal);
        Assert.Contains("kdf.alg", error, StringComparison.Ordinal);
        Assert.Contains("cipher.nonce", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Oversized_IsRefusedBeforeParsing()
    {
        var bytes = new byte[AccountFile.MaxFileBytes + 1];
        bytes.AsSpan().Fill((byte)' ');

        Assert.False(AccountFile.TryParse(bytes, out _, out var error));
        Assert.Contains("larger", error, StringComparison.Ordinal);
    }

    private static AccountSecrets NewSecrets()
    {
        using var first = AccountSecrets.Generate(RandomNumberGenerator.Create());
        return first.WithNewEncryptionKey(RandomNumberGenerator.Create());
    }

    private static AccountFile Seal(AccountSecrets secrets) =>
        AccountFile.Seal("alice", secrets, Passphrase, Argon2id.OpsLimitRange.Min, Argon2id.MemoryLimitRange.Min, RandomNumberGenerator.Create());

    private static JsonNode AccountFileJsonOf(AccountFile file) => JsonNode.Parse(file.ToJson())!;

    private static string FlipFirstDigit(string hex) => (hex[0] == '0' ? "1" : "0") + hex[1..];

    private static string FlipLastDigit(string hex) => hex[..^1] + (hex[^1] == '0' ? "1" : "0");

    private static string Without(JsonNode json, string member)
    {
        var copy = json.DeepClone();
        copy.AsObject().Remove(member);
        return copy.ToJsonString();
    }

    private static string Replace(JsonNode json, string member, string value)
    {
        var copy = json.DeepClone();
        copy[member] = value;
        return copy.ToJsonString();
    }

    private static string Replace(JsonNode parent, string member, ulong value, JsonNode root)
    {
        parent[member] = value;
        return root.ToJsonString();
    }
}
