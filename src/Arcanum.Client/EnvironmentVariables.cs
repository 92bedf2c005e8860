namespace Arcanum.Client;

/// <summary>The environment variables that configure a client (<see cref="ArcanumClient.FromEnvironment"/>, the CLI).</summary>
public static class EnvironmentVariables
{
    /// <summary>Base URL of the coordinator, for example <c>http://127.0.0.1:8200</c>.</summary>
    public const string Address = "ARCANUM_ADDR";

    /// <summary>The API bearer token.</summary>
    public const string Token = "ARCANUM_TOKEN";
}
