using System.Globalization;
using System.Text.Json.Nodes;
using NemdEngine.Campaigns;
using NemdEngine.Campaigns.Collect;
using NemdEngine.IO;

namespace NemdEngine.Tests.Campaigns;

/// <summary>
/// `nemd collect`: seeds pooled as mean ± standard error with the block error beside it and the
/// disagreement flag; the weighted fit against 1/L and its error (against the closed form and
/// against the scatter of many synthetic data sets); and a real size sweep collected end to end,
/// its table checked against the runs' results.json and its extrapolation against the two-point
/// formula.
/// </summary>
[Collection("Console")]
public class CollectTests
{
    [Fact]
    public void ReplicasPoolAsMeanAndStandardErrorWithTheBlockErrorBesideIt()
    {
        var p = PooledQuantity.Pool([(1.0, 1.0), (3.0, 1.0)], "u");
        Assert.Equal(2.0, p.Mean, 12);
        Assert.Equal(1.0, p.SeedStdErr, 12);              // s = √2, s/√2 = 1
        Assert.Equal(Math.Sqrt(2) / 2, p.BlockStdErr, 12); // √(1 + 1)/2
        Assert.False(p.ErrorsDisagree);
        Assert.True(PooledQuantity.Pool([(1.0, 1.0), (1.01, 1.0)], "u").ErrorsDisagree);   // seeds agree far better than the blocks say
        Assert.True(PooledQuantity.Pool([(1.0, 0.01), (3.0, 0.01)], "u").ErrorsDisagree);  // seeds scatter far more
        var one = PooledQuantity.Pool([(5.0, 0.5), (double.NaN, 1)], "u");
        Assert.Equal((1, 5.0, 0.5), (one.Runs, one.Mean, one.StdErr));
        Assert.False(one.ErrorsDisagree);
    }

    [Fact]
    public void MetalRunsArePooledInThePublishedUnitsLjRunsInTheirOwn()
    {
        static JsonObject Quantity(double value, double stderr, string unit) => new() { ["value"] = value, ["stderr"] = stderr, ["unit"] = unit };
        static JsonNode Run(double value, double? published) => published is double p
            ? new JsonObject { ["kapitza_resistance"] = Quantity(value, 0.1, "ps Å² K/eV"), ["published"] = new JsonObject { ["kapitza_resistance"] = Quantity(p, 0.01, "m² K/GW") } }
            : new JsonObject { ["kapitza_resistance"] = Quantity(value, 0.1, "σ²τ/k_B") };
        var rk = TableQuantity.All.Single(q => q.Name == "R_K");
        var metal = rk.Pool([Run(50, 3.0), Run(60, 4.0)]);
        Assert.Equal(("m² K/GW", 3.5), (metal.Unit, metal.Mean));
        Assert.Equal(Math.Sqrt(2) * 0.01 / 2, metal.BlockStdErr, 12);
        var lj = rk.Pool([Run(0.5, null), Run(0.7, null)]);
        Assert.Equal(("σ²τ/k_B", 0.6), (lj.Unit, Math.Round(lj.Mean, 12)));
        // A run without the published block (mixed units) is never pooled with published values.
        Assert.Equal("ps Å² K/eV", rk.Pool([Run(50, 3.0), Run(0.5, null)]).Unit);
    }

    [Fact]
    public void TheWeightedFitRecoversALineAndItsInterceptErrorIsTheScatterOfTheIntercept()
    {
        // Exact data: the line itself.
        var exact = LinearFit.Weighted([(0.1, 3.2, 0.1), (0.2, 3.4, 0.3), (0.5, 4.0, 0.2)]);
        Assert.Equal(3.0, exact.Intercept, 10);
        Assert.Equal(2.0, exact.Slope, 10);

        // Two points: the closed form, σ_a² = (x2² σ1² + x1² σ2²)/(x2 − x1)².
        var two = LinearFit.Weighted([(0.1, 1.0, 0.05), (0.25, 1.3, 0.08)]);
        Assert.Equal(Math.Sqrt((0.25 * 0.25 * 0.05 * 0.05 + 0.1 * 0.1 * 0.08 * 0.08) / (0.15 * 0.15)), two.InterceptStdErr, 12);

        // The stated error is the scatter of the intercept over noisy data sets (2 points: no χ² scaling).
        var random = new Random(3);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var intercepts = Enumerable.Range(0, 4000).Select(_ => LinearFit.Weighted([(0.1, 1 + 2 * 0.1 + 0.05 * Gauss(), 0.05), (0.25, 1 + 2 * 0.25 + 0.08 * Gauss(), 0.08)]).Intercept).ToList();
        double mean = intercepts.Average(), sd = Math.Sqrt(intercepts.Sum(a => (a - mean) * (a - mean)) / (intercepts.Count - 1));
        Assert.InRange(mean, 1 - 4 * sd / Math.Sqrt(4000), 1 + 4 * sd / Math.Sqrt(4000));
        Assert.InRange(sd / two.InterceptStdErr, 0.95, 1.05);   // 4000 samples: the SD is known to ±1.1 %

        // Points scattered far beyond their errors: the error grows by √(χ²/dof).
        var scattered = LinearFit.Weighted([(0.1, 1.0, 0.01), (0.2, 1.5, 0.01), (0.3, 1.2, 0.01)]);
        Assert.True(scattered.ChiSquaredPerDof > 100);
        var unscaled = LinearFit.Weighted([(0.1, 1.0, 0.01), (0.3, 1.2, 0.01)]);
        Assert.True(scattered.InterceptStdErr > 5 * unscaled.InterceptStdErr);
    }

    [Fact]
    public void ASizeSweepIsTabulatedPooledAndExtrapolatedToInfiniteLength()
    {
        var f = new SweepFixtures();
        string sweep = f.Sweep("""
            replicas = 2
            [[axis]]
            keys = ["geometry.cells_A", "geometry.cells_B"]
            values = [[5, 5], [7, 7]]
            """);
        var (code, stdout, err) = SweepFixtures.Nemd("sweep", sweep, "--out", f.Out(), "--jobs", "2", "--device", "cpu");
        Assert.True(code == 0, stdout + err);
        (code, stdout, err) = SweepFixtures.Nemd("collect", f.Out());
        Assert.True(code == 0, stdout + err);
        string dir = Path.Combine(f.Out(), SweepCollector.DefaultFolder);
        foreach (var file in new[] { "points.csv", "points.json", "extrapolation.csv", "extrapolation.json", "R_K-vs-geometry.cells_A_geometry.cells_B.png", "extrapolation-R_K.png", "extrapolation-k_A.png", "extrapolation-k_B.png" })
            Assert.True(File.Exists(Path.Combine(dir, file)), file);

        // The table against the runs' own results.json.
        var folder = SweepFolder.Open(f.Out());
        var table = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "points.json")))!["points"]!.AsArray();
        Assert.Equal(2, table.Count);
        var points = new List<(double InverseL, double RK, double RKErr, double InverseLA, double KA, double KAErr)>();
        foreach (var (point, row) in folder.Points.Zip(table))
        {
            var runs = point.Runs.Select(r => JsonNode.Parse(File.ReadAllText(Path.Combine(folder.PathOf(r), RunOutputs.Results)))!).ToList();
            double[] rk = runs.Select(j => j["kapitza_resistance"]!["value"]!.GetValue<double>()).ToArray();
            double[] rkErr = runs.Select(j => j["kapitza_resistance"]!["stderr"]!.GetValue<double>()).ToArray();
            var q = row!["quantities"]!["R_K"]!;
            Assert.Equal((rk[0] + rk[1]) / 2, q["value"]!.GetValue<double>(), 12);
            Assert.Equal(Math.Abs(rk[0] - rk[1]) / 2, q["stderr_seeds"]!.GetValue<double>(), 12);   // two runs: s/√2 = |x1 − x2|/2
            Assert.Equal(Math.Sqrt(rkErr[0] * rkErr[0] + rkErr[1] * rkErr[1]) / 2, q["stderr_blocks"]!.GetValue<double>(), 12);
            double seedsOverBlocks = q["stderr_seeds"]!.GetValue<double>() / q["stderr_blocks"]!.GetValue<double>();
            Assert.Equal(seedsOverBlocks > 2 || seedsOverBlocks < 0.5, q["errors_disagree"]!.GetValue<bool>());
            Assert.Equal(runs[0]["kapitza_resistance"]!["unit"]!.GetValue<string>(), q["unit"]!.GetValue<string>());
            // Lengths: between the reservoirs, (cells − 2 walls) × a for each side, a = 1.5672 σ.
            int cells = (int)point.Settings[0]!.AsArray()[0]!.GetValue<long>();
            var lengths = row["lengths"]!;
            Assert.Equal(2 * (cells - 2) * 1.5672, lengths["L"]!.GetValue<double>(), 9);
            var ka = row["quantities"]!["k_A"]!;
            points.Add((1 / lengths["L"]!.GetValue<double>(), q["value"]!.GetValue<double>(), q["stderr"]!.GetValue<double>(),
                1 / lengths["L_A"]!.GetValue<double>(), ka["value"]!.GetValue<double>(), ka["stderr"]!.GetValue<double>()));
        }

        // Two lengths: the line through both points, and its intercept's error from the two errors.
        var fits = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "extrapolation.json")))!["extrapolations"]!.AsArray();
        var rkFit = fits.Single(x => x!["quantity"]!.GetValue<string>() == "R_K")!;
        var (p1, p2) = (points[0], points[1]);
        double a = (p2.InverseL * p1.RK - p1.InverseL * p2.RK) / (p2.InverseL - p1.InverseL);
        double sa = Math.Sqrt(p2.InverseL * p2.InverseL * p1.RKErr * p1.RKErr + p1.InverseL * p1.InverseL * p2.RKErr * p2.RKErr) / Math.Abs(p2.InverseL - p1.InverseL);
        Assert.Equal(a, rkFit["infinite_length"]!["value"]!.GetValue<double>(), 9);
        Assert.Equal(sa, rkFit["infinite_length"]!["stderr"]!.GetValue<double>(), 9);
        // k_A through 1/k: k_∞ = 1/a of the line through (1/L_A, 1/k_A).
        var kFit = fits.Single(x => x!["quantity"]!.GetValue<string>() == "k_A")!;
        double ya = 1 / p1.KA, yb = 1 / p2.KA;
        double ak = (p2.InverseLA * ya - p1.InverseLA * yb) / (p2.InverseLA - p1.InverseLA);
        Assert.Equal(1 / ak, kFit["infinite_length"]!["value"]!.GetValue<double>(), 9);
        Assert.Equal("1/k_A = a + b/L_A", kFit["fitted"]!.GetValue<string>());
        Assert.Contains("R_K(L → ∞) = ", stdout);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{table.Count}"), "2");
    }
}
