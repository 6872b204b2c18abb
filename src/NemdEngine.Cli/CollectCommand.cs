using System.CommandLine;
using NemdEngine.Analysis;
using NemdEngine.Campaigns;
using NemdEngine.Campaigns.Collect;
using NemdEngine.Input;

namespace NemdEngine.Cli;

/// <summary>`nemd collect DIR [--out DIR2]`: the table of a sweep (one row per point, replicas pooled), its plots and the size extrapolation.</summary>
public static class CollectCommand
{
    public static Command Create()
    {
        var dirArg = new Argument<string>("DIR") { Description = "Sweep folder (written by nemd sweep)" };
        var outOpt = new Option<string?>("--out") { HelpName = "DIR2", Description = "Folder for the table and plots (default DIR/collect)" };
        var command = new Command("collect", "Tabulate a sweep: R_K, G, ΔT, J, k_A, k_B per point (seeds pooled), plots against each axis, extrapolation to infinite length") { dirArg, outOpt };
        command.SetAction(parse => Execute(parse.GetValue(dirArg)!, parse.GetValue(outOpt)));
        return command;
    }

    private static int Execute(string dir, string? outDir)
    {
        SweepFolder sweep;
        try { sweep = SweepFolder.Open(dir); }
        catch (DeckException e)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }
        CollectOutcome outcome;
        try { outcome = SweepCollector.Collect(sweep, outDir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitRunFailed;
        }
        foreach (var row in outcome.Rows)
        {
            var rk = row.Quantities["R_K"];
            string settings = string.Join(", ", sweep.AxisLabels.Zip(row.Point.Settings).Select(p => $"{p.First} = {p.Second?.ToJsonString()}"));
            string value = rk.Runs == 0 ? "no finished run" : $"R_K = {Format.Value(rk.Mean, rk.StdErr)} {rk.Unit}"
                + (rk.Runs >= 2 ? $" (over {rk.Runs} seeds; from blocks ± {rk.BlockStdErr.ToString("G2", System.Globalization.CultureInfo.InvariantCulture)}{(rk.ErrorsDisagree ? "; seeds and blocks DISAGREE by more than 2x" : "")})" : " (one run: block error)");
            Console.WriteLine($"{row.Point.Id} [{row.RunsDone}/{row.Runs} done] {settings}: {value}");
        }
        foreach (var f in outcome.Extrapolations)
            Console.WriteLine($"{f.Quantity}(L → ∞) = {Format.Value(f.Value, f.StdErr)} {f.Unit} from {f.Fit.Points} lengths{(f.Settings.Count > 0 ? " at " + string.Join(", ", f.Settings) : "")}");
        Console.WriteLine($"wrote {string.Join(", ", outcome.Files.Select(Path.GetFileName))} in {Path.GetDirectoryName(outcome.Files[0])}");
        int missing = outcome.Rows.Sum(r => r.Runs - r.RunsDone);
        if (missing > 0) Console.WriteLine($"warning: {missing} runs are not done (nemd sweep status {sweep.Directory}); the table pools the finished ones");
        return 0;
    }
}
