using System.Text.Json.Nodes;

namespace NemdEngine.Campaigns.Collect;

/// <summary>One extrapolation to infinite length: a quantity of one group of points (same settings but for length).</summary>
/// <param name="Settings">The settings of the axes that do not change the length ("axis = value"), empty when all do.</param>
/// <param name="Points">(1/L, value, error) of each point fitted (length⁻¹, the quantity's unit).</param>
/// <param name="Fit">The fit: of R_K against 1/L, or of 1/k against 1/L for a conductivity (Schelling et al., PRB 65, 144306).</param>
public sealed record Extrapolation(string Quantity, string Against, IReadOnlyList<string> Settings, IReadOnlyList<(double InverseLength, double Value, double StdErr)> Points,
    LinearFit Fit, double Value, double StdErr, string Unit, string LengthUnit);

/// <summary>
/// Finite-size extrapolation of a sweep whose points differ in length: within each group of points
/// that share every setting except those that change the system's length, R_K is fitted against
/// 1/L (L between the reservoirs) and extrapolated to 1/L = 0; each side's k through
/// 1/k = 1/k_∞ + c/L_side, the standard NEMD treatment (Schelling, Phillpot and Keblinski, PRB 65,
/// 144306 (2002)), k_∞ = 1/intercept with error σ_a/a². Each point enters with its pooled error.
/// </summary>
public static class SizeExtrapolation
{
    public static IReadOnlyList<Extrapolation> Fit(SweepFolder sweep, IReadOnlyList<PointRow> rows)
    {
        var usable = rows.Where(r => r.Lengths is not null).ToList();
        if (usable.Count < 2) return [];
        var lengthAxes = LengthAxes(sweep, usable);
        string GroupKey(PointRow row) => string.Join("\u0001", row.Point.Settings.Where((_, i) => !lengthAxes.Contains(i)).Select(s => s?.ToJsonString()));
        var results = new List<Extrapolation>();
        foreach (var group in usable.GroupBy(GroupKey))
        {
            var first = group.First();
            var settings = sweep.AxisLabels.Select((label, i) => (label, i)).Where(x => !lengthAxes.Contains(x.i))
                .Select(x => $"{x.label} = {first.Point.Settings[x.i]?.ToJsonString()}").ToList();
            Add(results, group, settings, "R_K", "L", r => r.Lengths!.L, inverse: false);
            Add(results, group, settings, "k_A", "L_A", r => r.Lengths!.LA, inverse: true);
            Add(results, group, settings, "k_B", "L_B", r => r.Lengths!.LB, inverse: true);
        }
        return results;
    }

    /// <summary>Axes whose settings change a point's lengths (among points that differ only in that axis).</summary>
    private static HashSet<int> LengthAxes(SweepFolder sweep, IReadOnlyList<PointRow> rows)
    {
        var axes = new HashSet<int>();
        for (int a = 0; a < sweep.AxisLabels.Count; a++)
        {
            int axis = a;
            var groups = rows.GroupBy(r => string.Join("\u0001", r.Point.Settings.Where((_, i) => i != axis).Select(s => s?.ToJsonString())));
            if (groups.Any(g => g.Select(r => (r.Lengths!.L, r.Lengths.LA, r.Lengths.LB)).Distinct().Count() > 1)) axes.Add(a);
        }
        return axes;
    }

    private static void Add(List<Extrapolation> results, IEnumerable<PointRow> group, List<string> settings, string quantity, string against, Func<PointRow, double> length, bool inverse)
    {
        var points = group.Select(r => (X: 1 / length(r), Q: r.Quantities[quantity])).Where(p => double.IsFinite(p.Q.Mean) && p.Q.StdErr > 0 && double.IsFinite(p.Q.StdErr)).ToList();
        if (points.Select(p => p.X).Distinct().Count() < 2) return;
        // A conductivity is extrapolated through its inverse, linear in 1/L; its error propagated: σ(1/k) = σ_k/k².
        var fitted = points.Select(p => inverse ? (p.X, 1 / p.Q.Mean, p.Q.StdErr / (p.Q.Mean * p.Q.Mean)) : (p.X, p.Q.Mean, p.Q.StdErr)).ToList();
        var fit = LinearFit.Weighted(fitted);
        double value = inverse ? 1 / fit.Intercept : fit.Intercept;
        double error = inverse ? fit.InterceptStdErr / (fit.Intercept * fit.Intercept) : fit.InterceptStdErr;
        var row = group.First();
        results.Add(new Extrapolation(quantity, against, settings, points.Select(p => (p.X, p.Q.Mean, p.Q.StdErr)).ToList(), fit, value, error,
            row.Quantities[quantity].Unit, row.Lengths!.Unit));
    }

    public static string Csv(IReadOnlyList<Extrapolation> fits)
    {
        var lines = new List<string> { "quantity,against,settings,points,value_infinite_length,stderr,unit,intercept,intercept_stderr,slope,slope_stderr,chi2_per_dof,fitted,length_unit" };
        foreach (var f in fits)
            lines.Add(string.Join(',', f.Quantity, f.Against, SweepTable.CsvText(string.Join("; ", f.Settings)), f.Fit.Points.ToString(System.Globalization.CultureInfo.InvariantCulture),
                SweepTable.Num(f.Value), SweepTable.Num(f.StdErr), SweepTable.CsvText(f.Unit), SweepTable.Num(f.Fit.Intercept), SweepTable.Num(f.Fit.InterceptStdErr),
                SweepTable.Num(f.Fit.Slope), SweepTable.Num(f.Fit.SlopeStdErr), SweepTable.Num(f.Fit.ChiSquaredPerDof), Fitted(f), SweepTable.CsvText(f.LengthUnit)));
        return string.Join('\n', lines) + "\n";
    }

    private static string Fitted(Extrapolation f) => f.Quantity.StartsWith("k_", StringComparison.Ordinal) ? $"1/{f.Quantity} = a + b/{f.Against}" : $"{f.Quantity} = a + b/{f.Against}";

    public static JsonArray Json(IReadOnlyList<Extrapolation> fits) => new(fits.Select(f => (JsonNode)new JsonObject
    {
        ["quantity"] = f.Quantity,
        ["against"] = $"1/{f.Against}",
        ["fitted"] = Fitted(f),
        ["settings"] = new JsonArray(f.Settings.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
        ["infinite_length"] = new JsonObject { ["value"] = SweepTable.JsonNumber(f.Value), ["stderr"] = SweepTable.JsonNumber(f.StdErr), ["unit"] = f.Unit },
        ["intercept"] = new JsonObject { ["value"] = SweepTable.JsonNumber(f.Fit.Intercept), ["stderr"] = SweepTable.JsonNumber(f.Fit.InterceptStdErr) },
        ["slope"] = new JsonObject { ["value"] = SweepTable.JsonNumber(f.Fit.Slope), ["stderr"] = SweepTable.JsonNumber(f.Fit.SlopeStdErr) },
        ["chi2_per_dof"] = SweepTable.JsonNumber(f.Fit.ChiSquaredPerDof),
        ["points"] = new JsonArray(f.Points.Select(p => (JsonNode)new JsonObject
        {
            ["inverse_length"] = new JsonObject { ["value"] = p.InverseLength, ["unit"] = $"1/{f.LengthUnit}" },
            ["value"] = SweepTable.JsonNumber(p.Value),
            ["stderr"] = SweepTable.JsonNumber(p.StdErr),
        }).ToArray()),
    }).ToArray());
}
