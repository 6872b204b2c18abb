namespace NemdEngine.Campaigns.Execution;

/// <summary>
/// How executors start `nemd`: the program and the arguments before the command (`dotnet nemd.dll`
/// for a framework-dependent build, the apphost or the self-contained binary otherwise). A task
/// on a cluster node runs exactly this, so it must exist at the same path there.
/// </summary>
public sealed record NemdCommand(string Program, IReadOnlyList<string> Prefix)
{
    /// <summary>Environment variable naming the nemd to run (a binary, or nemd.dll to run with dotnet).</summary>
    public const string Variable = "NEMD_EXE";

    /// <summary>From a path: a .dll runs under the dotnet host, anything else is the program itself.</summary>
    public static NemdCommand FromPath(string path)
    {
        string full = Path.GetFullPath(path);
        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? new NemdCommand(DotnetHost(), [full]) : new NemdCommand(full, []);
    }

    /// <summary>
    /// The nemd of this process: <see cref="Variable"/> when set, else this program when it is nemd
    /// (its apphost, or dotnet with nemd.dll), else nemd.dll beside the library (as in the tests).
    /// </summary>
    public static NemdCommand Current()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured) return FromPath(configured);
        string? process = Environment.ProcessPath;
        string beside = Path.Combine(AppContext.BaseDirectory, "nemd.dll");
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "nemd") return new NemdCommand(process, []);
        if (File.Exists(beside)) return new NemdCommand(DotnetHost(), [beside]);
        throw new FileNotFoundException($"cannot find nemd to start runs with (no nemd.dll in {AppContext.BaseDirectory}); set {Variable} to the nemd binary or nemd.dll");
    }

    /// <summary>The dotnet host: DOTNET_HOST_PATH (set by the SDK), this process when it is dotnet, else `dotnet` on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet") return p;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";
    }

    /// <summary>The `nemd run` arguments for a run folder (the run's own folder is the working directory).</summary>
    public static IReadOnlyList<string> RunArguments(RunAction action, string runDirectory, string? device)
    {
        if (action == RunAction.Resume) return ["run", "--resume", "."];
        var args = new List<string> { "run", SweepPlan.DeckFile };
        // A start that left a run.json but no checkpoint is cleared (nemd's files only; deck.toml and task.json stay).
        if (File.Exists(Path.Combine(runDirectory, IO.RunFolder.Manifest))) args.Add("--overwrite");
        if (device is not null) args.AddRange(["--device", device]);
        return args;
    }

    /// <summary>The whole command line, for a shell script (each word single-quoted).</summary>
    public string ShellWords() => string.Join(' ', new[] { Program }.Concat(Prefix).Select(Quote));

    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
