using MathNet.Numerics.Distributions;

namespace NemdEngine.Analysis;

/// <summary>One criterion of the steady-state check: passed or not, and why, in words with numbers and units.</summary>
/// <param name="Statistic">The number compared (a relative mismatch, a t or z score); NaN when the test could not be made.</param>
/// <param name="Threshold">The bound it is compared with.</param>
public sealed record SteadyStateTest(string Name, bool Passed, string Detail, double Statistic, double Threshold);

/// <summary>A run is steady only when every test passed; <see cref="Reasons"/> says why not.</summary>
public sealed record SteadyStateCheck(IReadOnlyList<SteadyStateTest> Tests)
{
    public bool Steady => Tests.All(t => t.Passed);
    public IEnumerable<string> Reasons => Tests.Where(t => !t.Passed).Select(t => t.Detail);
}

/// <summary>
/// Whether production was a steady state. All of these must hold:
/// <list type="number">
/// <item>the hot and cold bath powers agree within 3 standard errors of their difference and within
/// a stated relative tolerance of J (energy that goes in must come out);</item>
/// <item>neither power changes sign: in both halves of production the hot bath adds heat and the
/// cold bath removes it;</item>
/// <item>J shows no significant linear trend: the slope of the per-sample power against time,
/// whose standard error is scaled by √(statistical inefficiency of the residuals), within z = 3.29
/// (p = 0.001);</item>
/// <item>the profile's two halves agree: the interface temperatures and gradients of both sides,
/// first half against second half, each half's error from its own independent blocks (a change
/// between the halves would inflate the whole run's), by Welch t tests at p = 0.001 for the four
/// together.</item>
/// </list>
/// Each statistical test calls a steady run unsteady with probability 0.001.
/// </summary>
public static class SteadyState
{
    /// <summary>Two-sided false-alarm probability of each statistical test.</summary>
    public const double FalseAlarm = 0.001;

    /// <param name="decorrelation">Blocking of each series over the whole production.</param>
    /// <param name="fluxes">The reported bath powers and J (heat-flux units).</param>
    /// <param name="balanceError">Standard error of J_hot − J_cold (heat-flux units).</param>
    /// <param name="tolerance">Largest accepted |J_hot − J_cold| / |J| (a fraction).</param>
    public static SteadyStateCheck Check(SampleSeries series, IReadOnlyDictionary<string, Decorrelation> decorrelation,
        (Measured Hot, Measured Cold, Measured Flux) fluxes, double balanceError, double tolerance, Model.UnitSystem units) =>
        new([
            FluxBalance(fluxes, balanceError, tolerance),
            Signs(series, units.HeatFlux),
            Trend(series, units),
            Halves(series, decorrelation, units),
        ]);

    private static SteadyStateTest FluxBalance((Measured Hot, Measured Cold, Measured Flux) f, double se, double tolerance)
    {
        double difference = f.Hot.Value - f.Cold.Value;
        double relative = Math.Abs(difference / f.Flux.Value);
        bool withinNoise = Math.Abs(difference) <= 3 * se;
        bool withinTolerance = relative <= tolerance;
        string numbers = $"hot bath {f.Hot}, cold bath {f.Cold}";
        string detail = (withinNoise, withinTolerance) switch
        {
            (true, true) => $"hot and cold bath powers agree: {numbers}, mismatch {Format.Percent(relative)} (tolerance {Format.Percent(tolerance)})",
            (_, false) => $"hot and cold bath powers differ by {Format.Percent(relative)} of J, more than the tolerance of {Format.Percent(tolerance)} ({numbers})",
            _ => $"hot and cold bath powers differ by {Math.Abs(difference) / se:F1} standard errors ({numbers}): energy is accumulating or leaking",
        };
        return new SteadyStateTest("flux_balance", withinNoise && withinTolerance, detail, relative, tolerance);
    }

    private static SteadyStateTest Signs(SampleSeries series, string unit)
    {
        int n = series.Times.Length;
        var problems = new List<string>();
        foreach (var (name, from, to) in new[] { ("first", 0, n / 2), ("second", n / 2, n) })
        {
            if (to <= from) continue;
            double hot = Mean(series[SampleSeries.FluxHot], from, to), cold = Mean(series[SampleSeries.FluxCold], from, to);
            if (!(hot > 0)) problems.Add($"the hot bath took heat out in the {name} half ({-hot:G3} {unit})");
            if (!(cold > 0)) problems.Add($"the cold bath put heat in in the {name} half ({-cold:G3} {unit})");
        }
        return problems.Count == 0
            ? new SteadyStateTest("flux_sign", true, "the hot bath adds and the cold bath removes heat in both halves of production", 0, 0)
            : new SteadyStateTest("flux_sign", false, string.Join("; ", problems), problems.Count, 0);
    }

    private static SteadyStateTest Trend(SampleSeries series, Model.UnitSystem units)
    {
        var t = series.Times;
        var j = series[SampleSeries.Flux];
        int n = t.Length;
        var line = LinearFit.Fit(t, j);
        var residuals = Enumerable.Range(0, n).Select(k => j[k] - line.Evaluate(t[k])).ToArray();
        double tMean = t.Average();
        double stt = t.Sum(x => (x - tMean) * (x - tMean));
        // The residuals' correlation scales the slope's error (the trend itself must not, or a
        // strong trend would hide behind the long "correlation" it causes).
        var decorrelation = Blocking.Analyze(SampleSeries.Flux, residuals);
        double inefficiency = double.IsFinite(decorrelation.StatisticalInefficiency) ? Math.Max(1, decorrelation.StatisticalInefficiency) : 1;
        double slopeSe = Math.Sqrt(inefficiency * residuals.Sum(r => r * r) / (n - 2) / stt);
        double score = Score(line.Slope, slopeSe);
        double critical = Normal.InvCDF(0, 1, 1 - FalseAlarm / 2);
        double span = t[^1] - t[0];
        bool passed = score <= critical;
        string detail = passed
            ? $"no significant trend in J (change over production {Format.Value(line.Slope * span, slopeSe * span)} {units.HeatFlux}, z = {score:F1} ≤ {critical:F2})"
            : $"J drifts by {Format.Value(line.Slope * span, slopeSe * span)} {units.HeatFlux} over production (z = {score:F1} > {critical:F2}): not yet steady, equilibrate longer";
        return new SteadyStateTest("flux_trend", passed, detail, score, critical);
    }

    private static SteadyStateTest Halves(SampleSeries series, IReadOnlyDictionary<string, Decorrelation> decorrelation, Model.UnitSystem units)
    {
        string gradient = $"{units.Temperature}/{units.Length}";
        (string Name, string Unit)[] quantities =
        [
            (SampleSeries.InterfaceA, units.Temperature), (SampleSeries.InterfaceB, units.Temperature),
            (SampleSeries.SlopeA, gradient), (SampleSeries.SlopeB, gradient),
        ];
        int n = series.Times.Length;
        double worst = 0, worstCritical = double.NaN;
        string? failure = null;
        foreach (var (name, unit) in quantities)
        {
            var values = series[name];
            var first = HalfMean(name, values[..(n / 2)], decorrelation[name]);
            var second = HalfMean(name, values[(n / 2)..], decorrelation[name]);
            if (first is null || second is null) continue;
            var (mean1, se1, dof1) = first.Value;
            var (mean2, se2, dof2) = second.Value;
            double se = Math.Sqrt(se1 * se1 + se2 * se2);
            // Welch-Satterthwaite degrees of freedom; Bonferroni over the four comparisons.
            double dof = Math.Pow(se, 4) / (Math.Pow(se1, 4) / dof1 + Math.Pow(se2, 4) / dof2);
            double critical = StudentT.InvCDF(0, 1, double.IsFinite(dof) ? Math.Max(dof, 1) : 1e6, 1 - FalseAlarm / (2 * quantities.Length));
            double score = Score(mean2 - mean1, se);
            if (score / critical <= (double.IsFinite(worstCritical) ? worst / worstCritical : 0)) continue;
            (worst, worstCritical) = (score, critical);
            failure = score > critical
                ? $"the profile changed between the halves of production: {name} {Format.Value(mean1, se1)} then {Format.Value(mean2, se2)} {unit} (t = {score:F1} > {critical:F1})"
                : null;
        }
        return failure is null
            ? new SteadyStateTest("profile_halves", true, $"the profile's two halves agree (largest t = {worst:F1}, limit {worstCritical:F1})", worst, worstCritical)
            : new SteadyStateTest("profile_halves", false, failure, worst, worstCritical);
    }

    /// <summary>
    /// Mean of one half and its standard error from independent blocks of that half, as long as the
    /// longer of the half's own and the whole run's decorrelation (a half alone has too little data
    /// to see a slow mode; a change between the halves lengthens the whole run's, but the blocks
    /// within each half stay consistent with each other); never fewer than 4 blocks, whose scatter
    /// then gives a t test with few degrees of freedom rather than a false precision.
    /// </summary>
    private static (double Mean, double StdErr, double Dof)? HalfMean(string name, double[] half, Decorrelation whole)
    {
        var values = half.Where(double.IsFinite).ToArray();
        const int fewest = 4;
        if (values.Length < fewest) return null;
        var own = Blocking.Analyze(name, values);
        int length = Math.Max(own.BlockLength, whole.BlockLength);
        int blocks = Math.Max(fewest, values.Length / length);
        var means = BlockAverage.Split(values.Length, blocks).Select(r => Mean(values, r.Start, r.End)).ToArray();
        return (values.Average(), BlockAverage.StandardError(means), blocks - 1);
    }

    private static double Mean(double[] x, int from, int to)
    {
        double sum = 0;
        int count = 0;
        for (int k = from; k < to; k++)
            if (double.IsFinite(x[k])) { sum += x[k]; count++; }
        return count > 0 ? sum / count : double.NaN;
    }

    private static double Score(double difference, double se) =>
        se > 0 ? Math.Abs(difference) / se : (difference == 0 ? 0 : double.PositiveInfinity);
}
