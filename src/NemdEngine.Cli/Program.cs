using System.CommandLine;
using NemdEngine.Cli;

// `nemd`: the command-line front end. Each command lives in its own file.
var root = new RootCommand("NemdEngine: non-equilibrium molecular dynamics for thermal boundary (Kapitza) resistance")
{
    RunCommand.Create(),
    DevicesCommand.Create(),
    SelftestCommand.Create(),
    BenchCommand.Create(),
    AnalyzeCommand.Create(),
};
return root.Parse(args).Invoke();
