using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NemdEngine.IO;
using ScottPlot;

namespace NemdEngine.Campaigns.Collect;

/// <summary>
/// The plots of `nemd collect` (ScottPlot, as the run's profile plot): R_K with its pooled error
/// against each numeric axis (one series per setting of the other axes), and each size
/// extrapolation (the points against 1/L, the weighted fit, and its value at 1/L = 0).
/// </summary>
public static partial class CollectPlots
{
    public const int Width = 900, Height = 600;

    [GeneratedRegex(@"[^A-Za-z0-9_.-]+", RegexOptions.CultureInvariant)]
    private static partial Regex Unsafe();

    public static string FileName(string label) => Unsafe().Replace(label, "_");

    /// <summary>Writes R_K against each axis whose settings are numbers; returns the files written.</summary>
    public static IReadOnlyList<string> AgainstAxes(SweepFolder sweep, IReadOnlyList<PointRow> rows, string outDir)
    {
        var files = new List<string>();
        for (int a = 0; a < sweep.AxisLabels.Count; a++)
        {
            int axis = a;
            // A zipped axis is plotted against its first key.
            double X(PointRow r) => r.Point.Settings[axis] switch
            {
                JsonArray arr when arr.Count > 0 && arr[0] is JsonValue v0 && v0.TryGetValue(out double d0) => d0,
                JsonValue v when v.TryGetValue(out double d) => d,
                _ => double.NaN,
            };
            var points = rows.Where(r => double.IsFinite(X(r)) && double.IsFinite(r.Quantities["R_K"].Mean)).ToList();
            if (points.Count == 0) continue;
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            int series = 0;
            foreach (var group in points.GroupBy(r => string.Join(", ", sweep.AxisLabels.Select((l, i) => (l, i)).Where(x => x.i != axis).Select(x => $"{x.l} = {r.Point.Settings[x.i]?.ToJsonString()}"))))
            {
                var ordered = group.OrderBy(X).ToList();
                var color = palette.GetColor(series++);
                double[] xs = ordered.Select(X).ToArray(), ys = ordered.Select(r => r.Quantities["R_K"].Mean).ToArray();
                double[] es = ordered.Select(r => double.IsFinite(r.Quantities["R_K"].StdErr) ? r.Quantities["R_K"].StdErr : 0).ToArray();
                var bars = plot.Add.ErrorBar(xs, ys, es);
                bars.Color = color;
                var scatter = plot.Add.Scatter(xs, ys, color);
                scatter.MarkerSize = 7;
                scatter.LegendText = group.Key.Length > 0 ? group.Key : "R_K (mean ± standard error over seeds)";
            }
            string unit = points[0].Quantities["R_K"].Unit;
            string label = sweep.AxisLabels[axis];
            plot.Title($"R_K against {label}");
            plot.XLabel(label.Contains('+', StringComparison.Ordinal) ? label.Split('+')[0] + " (zipped axis: first key)" : label);
            plot.YLabel($"R_K ({unit})");
            plot.ShowLegend(Alignment.UpperRight);
            string path = Path.Combine(outDir, $"R_K-vs-{FileName(label)}.png");
            AtomicFile.Write(path, path + ".tmp.png", temporary => plot.SavePng(temporary, Width, Height));
            files.Add(path);
        }
        return files;
    }

    /// <summary>Writes one plot per extrapolation; returns the files written.</summary>
    public static IReadOnlyList<string> Extrapolations(IReadOnlyList<Extrapolation> fits, string outDir)
    {
        var files = new List<string>();
        var groups = fits.Select(f => string.Join("; ", f.Settings)).Distinct().ToList();
        foreach (var f in fits)
        {
            bool inverse = f.Quantity.StartsWith("k_", StringComparison.Ordinal);
            var plot = new Plot();
            double[] xs = f.Points.Select(p => p.InverseLength).ToArray();
            double[] ys = f.Points.Select(p => inverse ? 1 / p.Value : p.Value).ToArray();
            double[] es = f.Points.Select(p => inverse ? p.StdErr / (p.Value * p.Value) : p.StdErr).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, es);
            bars.Color = Colors.DarkSlateGray;
            var scatter = plot.Add.Scatter(xs, ys, Colors.DarkSlateGray);
            scatter.LineWidth = 0;
            scatter.MarkerSize = 7;
            scatter.LegendText = inverse ? $"1/{f.Quantity} per point" : $"{f.Quantity} per point";
            double xMax = xs.Max() * 1.05;
            var line = plot.Add.Line(0, f.Fit.Intercept, xMax, f.Fit.Intercept + f.Fit.Slope * xMax);
            line.LineColor = Colors.OrangeRed;
            line.LineWidth = 2;
            line.LegendText = $"weighted fit{(double.IsFinite(f.Fit.ChiSquaredPerDof) ? $", χ²/dof = {f.Fit.ChiSquaredPerDof:G3}" : "")}";
            var at0 = plot.Add.ErrorBar(new double[] { 0.0 }, new double[] { f.Fit.Intercept }, new double[] { f.Fit.InterceptStdErr });
            at0.Color = Colors.OrangeRed;
            var mark = plot.Add.Scatter(new double[] { 0.0 }, new double[] { f.Fit.Intercept }, Colors.OrangeRed);
            mark.MarkerSize = 9;
            mark.LegendText = $"{f.Quantity}(L → ∞) = {Analysis.Format.Value(f.Value, f.StdErr)} {f.Unit}";
            plot.Title($"{f.Quantity} extrapolated to infinite length{(f.Settings.Count > 0 ? " (" + string.Join(", ", f.Settings) + ")" : "")}");
            plot.XLabel($"1/{f.Against} (1/{f.LengthUnit})");
            plot.YLabel(inverse ? $"1/{f.Quantity} (1/({f.Unit}))" : $"{f.Quantity} ({f.Unit})");
            plot.ShowLegend(Alignment.UpperLeft);
            string suffix = groups.Count > 1 ? $"-g{groups.IndexOf(string.Join("; ", f.Settings))}" : "";
            string path = Path.Combine(outDir, $"extrapolation-{f.Quantity}{suffix}.png");
            AtomicFile.Write(path, path + ".tmp.png", temporary => plot.SavePng(temporary, Width, Height));
            files.Add(path);
        }
        return files;
    }
}
