namespace Arcanum.Cli.Commands;

/// <summary>The command could not do what was asked for a reason outside the command line (exit code 1); the message says why.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
