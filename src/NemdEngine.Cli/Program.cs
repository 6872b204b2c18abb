using NemdEngine.Cli;

// `nemd`: the command-line front end. Each command lives in its own file; NemdCli turns parse
// errors and stray exceptions into one line and an exit code.
return NemdCli.Run(args);
