namespace Arcanum.Cli.Commands;

/// <summary>The command line asks for something impossible (exit code 2); the message says what to change.</summary>
internal sealed class UsageException(string message) : Exception(message);
