using System.CommandLine;
using Arcanum.Cli;

// Ctrl+C/SIGTERM cancel the running command; it gets this long to stop its children cleanly.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
return await ArcanumCommand.Create().Parse(args).InvokeAsync(invocation);
