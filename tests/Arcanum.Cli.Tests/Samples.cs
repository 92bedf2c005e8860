namespace Arcanum.Cli.Tests;

/// <summary>Canned API bodies in the exact shape the coordinator writes (camelCase, lower-case hex).</summary>
public static class Samples
{
    public const string KeyId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    public const string PublicKey = "02" + "11111111111111111111111111111111" + "22222222222222222222222222222222";

    public const string ChainCode = "33333333333333333333333333333333" + "44444444444444444444444444444444";

    public const string SessionId = "aaaabbbbccccddddeeeeffff00001111";

    public static readonly string Key =
        $$"""{"id":"{{KeyId}}","name":"treasury","scheme":"ecdsa-secp256k1","threshold":2,"parties":[1,2,3],"publicKey":"{{PublicKey}}","chainCode":"{{ChainCode}}","epoch":4,"createdAt":"2025-01-02T03:04:05+00:00"}""";

    public static readonly string Keys = "[" + Key + "]";

    public const string Nodes =
        """[{"id":1,"name":"alpha","connected":true,"lastSeen":"2025-01-02T03:04:05+00:00","version":"0.1.0"},{"id":2,"name":"beta","connected":false,"lastSeen":null,"version":null}]""";

    public const string HealthOk = """{"status":"ok","nodes":{"connected":3,"total":3}}""";

    public const string HealthUnavailable = """{"status":"unavailable","nodes":{"connected":1,"total":3}}""";

    public static readonly string EcdsaSignature =
        $$"""{"signature":"{{new string('5', 128)}}","publicKey":"{{PublicKey}}","session":"{{SessionId}}","r":"{{new string('6', 64)}}","s":"{{new string('7', 64)}}","recoveryId":1,"der":"3044"}""";

    public static readonly string Session =
        $$"""{"id":"{{SessionId}}","kind":"sign","keyId":"{{KeyId}}","parties":[1,3],"status":"aborted","reason":"bad share","culprits":[3],"missing":[],"retryOf":null,"createdAt":"2025-01-02T03:04:05+00:00","endedAt":"2025-01-02T03:04:06+00:00"}""";

    public const string ProblemWithField =
        """{"type":"urn:arcanum:problem:invalid-request","title":"Invalid request","status":400,"detail":"threshold must be at least 2","field":"threshold"}""";

    public static readonly string Digest = new('a', 64);
}
