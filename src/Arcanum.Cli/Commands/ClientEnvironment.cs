namespace Arcanum.Cli.Commands;

/// <summary>
/// What the client commands read from outside the command line: environment variables
/// (<c>ARCANUM_ADDR</c>, <c>ARCANUM_TOKEN</c>) and the input a confirmation prompt reads a line from.
/// <see cref="Process"/> is the real process; tests pass their own.
/// </summary>
public sealed record ClientEnvironment(Func<string, string?> GetVariable, TextReader Input)
{
    /// <summary>The process environment and standard input.</summary>
    public static ClientEnvironment Process { get; } = new(Environment.GetEnvironmentVariable, Console.In);
}
