using System.Runtime.CompilerServices;

// The command internals (argument validation, the DKG progress follower) are tested directly.
[assembly: InternalsVisibleTo("Arcanum.Cli.Tests")]
