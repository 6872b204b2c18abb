namespace NemdEngine.IO;

/// <summary>Facts about a run for results.json: size, length, wall time (s), throughput (atom-steps/s), device, seed, deck.</summary>
public sealed record RunInfo(int Atoms, long Steps, double WallSeconds, double AtomStepsPerSecond, string Device, ulong Seed, string? DeckPath, string? DeckText)
{
    /// <summary>When R_K reached the deck's target error (set by a finished run; not stored in samples.bin).</summary>
    public Analysis.TimeToAnswer? TimeToAnswer { get; init; }

    /// <summary>The run these facts belong to (its folder's run.json, <see cref="RunFolder"/>); null for samples stored before run ids.</summary>
    public string? RunId { get; init; }

    /// <summary>The deck as run: command-line overrides applied (not stored in samples.bin, which keeps it beside).</summary>
    public Input.Deck? Deck { get; init; }

    /// <summary>The phonon models beside the NEMD result (`nemd run`; null when skipped or for `nemd analyze`).</summary>
    public Theory.TheorySummary? Theory { get; init; }

    /// <summary>The command that wrote the results (this process's command line).</summary>
    public string CommandLine { get; init; } = CurrentCommandLine();

    private static string CurrentCommandLine()
    {
        var args = Environment.GetCommandLineArgs();
        if (args.Length == 0) return "";
        static string Quote(string a) => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%".Contains(c)) ? a : $"'{a.Replace("'", "'\\''", StringComparison.Ordinal)}'";
        // The program as its name (nemd), not the path of its dll or apphost.
        return string.Join(' ', args.Skip(1).Select(Quote).Prepend(Path.GetFileNameWithoutExtension(args[0])));
    }
}
