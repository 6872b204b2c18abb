using System.CommandLine;
using System.Globalization;
using NemdEngine.Analysis;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Workflow;

namespace NemdEngine.Cli;

/// <summary>
/// `nemd analyze DIR [--margins R,I] [--blocks N] [--out DIR2]`: recomputes R_K from the samples a
/// finished run stored in DIR/samples.bin, with other fit windows or block counts, without
/// simulating. Writes results.json, profile.csv and profile.png into a new folder (by default
/// DIR/analysis-mr{R}-mi{I}-b{N}); the run's own results are left as they are. Only samples of
/// the folder's own run (its run.json) are read.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var dirArg = new Argument<string>("DIR") { Description = "Run folder of a finished `nemd run` (holds samples.bin)" };
        var marginsOpt = new Option<string?>("--margins") { HelpName = "R,I", Description = "Fit margins R,I (length): excluded next to each reservoir and next to the interface (default: the deck's)" };
        var blocksOpt = new Option<int?>("--blocks")
        {
            HelpName = "N", Description = "Blocks for the standard errors (default: the deck's analysis.blocks, or chosen from the data)",
            CustomParser = NemdCli.Parser<int?>("--blocks", "a whole number of blocks", NemdCli.SmallWholeNumber),
        };
        var outOpt = new Option<string?>("--out") { HelpName = "DIR2", Description = "Folder for the new results (default DIR/analysis-mr{R}-mi{I}-b{N})" };
        var command = new Command("analyze", "Recompute R_K of a finished run from its stored samples with other fit windows")
        {
            dirArg, marginsOpt, blocksOpt, outOpt,
        };
        command.SetAction(parse => Execute(parse.GetValue(dirArg)!, parse.GetValue(marginsOpt), parse.GetValue(blocksOpt), parse.GetValue(outOpt)));
        return command;
    }

    private static int Execute(string directory, string? marginsText, int? blocksOption, string? outOption)
    {
        string dir;
        StoredSamples stored;
        FitMargins margins;
        int? blocks;
        KapitzaResult result;
        string outDir;
        try
        {
            if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("DIR: is empty; expected the folder of a finished run");
            dir = Path.GetFullPath(directory);
            string samplesPath = Path.Combine(dir, RunFiles.Samples);
            string? runId = RunFolder.ReadRunId(dir);
            if (runId is not null && !File.Exists(samplesPath))
                throw new IOException($"{samplesPath}: no such file: the folder's run {runId} stored no samples " + (File.Exists(Path.Combine(dir, RunFiles.Checkpoint))
                    ? $"(it is unfinished: nemd run --resume {dir} continues it from its checkpoint)"
                    : "(it failed before its first checkpoint)"));
            stored = RunFiles.ReadSamples(samplesPath);
            RunFolder.CheckSameRun(runId, stored.Info.RunId, samplesPath);
            var a = stored.Deck.Analysis;
            margins = marginsText is null ? new FitMargins(a.MarginReservoir, a.MarginInterface) : ParseMargins(marginsText);
            blocks = blocksOption ?? a.Blocks;
            int samples = stored.Samples.Times.Length;
            int most = samples / DeckValidator.MinimumSamplesPerBlock;
            if (blocks is int b && (b < 2 || b > most))
                throw new ArgumentException($"--blocks: must be between 2 and {most} (the {samples} stored samples, at least {DeckValidator.MinimumSamplesPerBlock} per block), got {b}");
            var units = UnitSystem.FromName(stored.Deck.Units);
            var layout = NemdEngine.Setup.DeckSystem.Layout(stored.Deck);
            try { result = KapitzaAnalysis.Analyze(stored.Samples, layout, a.Options with { Margins = margins, Blocks = blocks }, units); }
            catch (ArgumentException e) { throw new ArgumentException($"--margins {F(margins.Reservoir)},{F(margins.Interface)}: {e.Message}", e); }
            string folder = outOption ?? Path.Combine(dir, $"analysis-mr{F(margins.Reservoir)}-mi{F(margins.Interface)}-b{blocks?.ToString(CultureInfo.InvariantCulture) ?? "auto"}");
            try { outDir = OutputPath.PrepareFolder(folder); }
            catch (UnwritablePathException e) { throw new ArgumentException($"{(outOption is null ? "output folder" : "--out")}: {e.Message}", e); }
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or DeckException)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }

        // The original run's facts with the deck it ran; the command line (not stored) is this one's.
        var info = stored.Info with { Deck = stored.Deck };
        try { RunOutputs.Write(outDir, result, info); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: writing the results in {outDir} failed: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitRunFailed;
        }
        Console.WriteLine($"Reanalysis of {dir} ({stored.Samples.Times.Length} stored samples); run facts below are those of the original run");
        ResultPrinter.Print(new RunOutcome(result, info, outDir));
        return 0;
    }

    private static FitMargins ParseMargins(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double r)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double i)
            && r >= 0 && i >= 0)
            return new FitMargins(r, i);
        throw new ArgumentException($"--margins: expected two non-negative lengths R,I (reservoir, interface), got '{text}'");
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
