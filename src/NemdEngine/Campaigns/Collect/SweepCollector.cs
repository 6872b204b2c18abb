using System.Text.Json.Nodes;
using NemdEngine.IO;

namespace NemdEngine.Campaigns.Collect;

/// <summary>What `nemd collect` made: the table, the extrapolations, and the files written.</summary>
public sealed record CollectOutcome(IReadOnlyList<PointRow> Rows, IReadOnlyList<Extrapolation> Extrapolations, IReadOnlyList<string> Files);

/// <summary>
/// `nemd collect DIR`: reads every finished run of a sweep folder and writes, into DIR/collect (or
/// another folder), points.csv and points.json (one row per point, replicas pooled), R_K plotted
/// against each axis, and, when the points differ in length, extrapolation.csv/json and a plot of
/// each extrapolation. Derived files only: collecting again rewrites them; the runs are only read.
/// </summary>
public static class SweepCollector
{
    public const string DefaultFolder = "collect";

    public static CollectOutcome Collect(SweepFolder sweep, string? outDir = null)
    {
        string dir = Path.GetFullPath(outDir ?? Path.Combine(sweep.Directory, DefaultFolder));
        Directory.CreateDirectory(dir);
        var rows = SweepTable.Build(sweep);
        var fits = SizeExtrapolation.Fit(sweep, rows);
        var files = new List<string>();
        void Text(string name, string text)
        {
            string path = Path.Combine(dir, name);
            AtomicFile.WriteText(path, text);
            files.Add(path);
        }
        Text("points.csv", SweepTable.Csv(sweep, rows));
        Text("points.json", SweepTable.Json(sweep, rows).ToJsonString(SweepTable.Indented) + "\n");
        if (fits.Count > 0)
        {
            Text("extrapolation.csv", SizeExtrapolation.Csv(fits));
            Text("extrapolation.json", new JsonObject { ["extrapolations"] = SizeExtrapolation.Json(fits) }.ToJsonString(SweepTable.Indented) + "\n");
        }
        files.AddRange(CollectPlots.AgainstAxes(sweep, rows, dir));
        files.AddRange(CollectPlots.Extrapolations(fits, dir));
        return new CollectOutcome(rows, fits, files);
    }
}
