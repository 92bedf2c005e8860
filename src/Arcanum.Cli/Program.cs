using Arcanum.Cli;

return ArcanumCommand.Create().Parse(args).Invoke();
