using NemdEngine.Model;
using NemdEngine.Sampling;

namespace NemdEngine.Analysis;

/// <summary>Length excluded from each fit next to a reservoir and next to the interface (length).</summary>
public sealed record FitMargins(double Reservoir, double Interface);

/// <summary>How the analysis fits and estimates errors.</summary>
/// <param name="Blocks">Blocks for the standard errors; null chooses them from the data (<see cref="Blocking"/>).</param>
/// <param name="FluxTolerance">Largest accepted relative mismatch of the hot and cold bath powers in a steady state.</param>
public sealed record AnalysisOptions(FitMargins Margins, int? Blocks = null, double FluxTolerance = AnalysisOptions.DefaultFluxTolerance)
{
    public const double DefaultFluxTolerance = 0.1;
}

/// <summary>
/// From production samples to R_K (pure functions). Each side's mean profile is fitted by a line
/// over the bins whose centres lie in its window (A: [hot top + m_r, z_i − m_i], B: [z_i + m_i,
/// cold bottom − m_r]); both lines are extrapolated to z_i: ΔT = T_A(z_i) − T_B(z_i).
/// Bath powers are least-squares slopes of each bath's cumulative energy against time (less
/// sensitive than end-point differences to the reservoirs' kinetic-energy fluctuations);
/// J = (P_hot − P_cold)/(2A); R_K = ΔT/J; k = J/|dT/dz|. Values use all of production.
/// Standard errors come from contiguous blocks as long as the quantity's inputs take to
/// decorrelate (<see cref="Blocking"/> of their per-sample series, <see cref="SampleSeries"/>; R_K
/// needs ΔT and J, k_B needs J and B's gradient): the block scatter for directly estimated
/// quantities (ΔT, J, slopes, temperatures) and a leave-one-block-out jackknife for the ratios
/// (R_K, G, k), whose per-block values are biased and heavy-tailed when ΔT is small.
/// </summary>
public static class KapitzaAnalysis
{
    /// <summary>With fewer independent blocks a standard error is itself uncertain by more than ±24 % (1/√(2(N − 1))).</summary>
    public const int TrustworthyBlocks = 10;

    private sealed record BlockEstimate(double DeltaT, double Flux, double FluxHot, double FluxCold, double SlopeA, double SlopeB,
        double TiA, double TiB, double THot, double TCold, LineFit LineA, LineFit LineB)
    {
        public double Resistance => DeltaT / Flux;
        public double Conductance => Flux / DeltaT;
        // Fourier: J = −k dT/dz, with the signed gradient, so that an unresolved gradient (slope ≈ 0
        // within noise) gives a k whose jackknife error says so; |slope| would hide it.
        public double KA => Flux / -SlopeA;
        public double KB => Flux / -SlopeB;
        public double MeanT => 0.5 * (TiA + TiB);
    }

    public static KapitzaResult Analyze(ProductionSamples samples, BilayerLayout layout, AnalysisOptions options, UnitSystem units)
    {
        int n = samples.Times.Length;
        var (windowA, windowB) = FitWindows(layout, options.Margins);
        var margins = options.Margins;
        int[] binsA = BinsIn(samples.BinCenters, windowA.Low, windowA.High);
        int[] binsB = BinsIn(samples.BinCenters, windowB.Low, windowB.High);
        if (binsA.Length < 3) throw new ArgumentException($"fit window of side A [{windowA.Low:G4}, {windowA.High:G4}] holds {binsA.Length} bins; at least 3 are needed");
        if (binsB.Length < 3) throw new ArgumentException($"fit window of side B [{windowB.Low:G4}, {windowB.High:G4}] holds {binsB.Length} bins; at least 3 are needed");
        if (n < 2) throw new ArgumentException($"{n} production samples cannot give a standard error; at least 2 are needed");

        var series = SampleSeries.From(samples, layout, binsA, binsB);
        var decorrelation = series.All.ToDictionary(x => x.Name, x => Blocking.Analyze(x.Name, x.Values.Where(double.IsFinite).ToArray()));
        var blocksUsed = new Dictionary<string, int>();
        var estimates = new Dictionary<int, ((int Start, int End)[] Ranges, BlockEstimate[] Estimates)>();
        // Blocks as long as the slowest input series decorrelates (or as many as the deck asks for).
        ((int Start, int End)[] Ranges, BlockEstimate[] Estimates) BlocksOf(string quantity, string[] inputs)
        {
            int count = Math.Clamp(options.Blocks ?? n / inputs.Max(x => decorrelation[x].BlockLength), 2, n);
            blocksUsed[quantity] = count;
            if (!estimates.TryGetValue(count, out var split))
            {
                var ranges = BlockAverage.Split(n, count);
                estimates[count] = split = (ranges, ranges.Select(r => EstimateOver(samples, layout, binsA, binsB, r.Start, r.End)).ToArray());
            }
            return split;
        }
        Measured M(string quantity, double value, Func<BlockEstimate, double> f, string unit, params string[] inputs) =>
            new(value, BlockAverage.StandardError(BlocksOf(quantity, inputs).Estimates.Select(f).ToArray()), unit);
        Measured Ratio(string quantity, double value, Func<BlockEstimate, double> numerator, Func<BlockEstimate, double> denominator, string unit, params string[] inputs)
        {
            var blocks = BlocksOf(quantity, inputs).Estimates;
            return new(value, BlockAverage.JackknifeRatioError(blocks.Select(numerator).ToArray(), blocks.Select(denominator).ToArray()), unit);
        }

        var all = EstimateOver(samples, layout, binsA, binsB, 0, n);
        const string D = SampleSeries.DeltaT, J = SampleSeries.Flux, TA = SampleSeries.InterfaceA, TB = SampleSeries.InterfaceB;
        string gradient = $"{units.Temperature}/{units.Length}";
        // ΔT is T_A(z_i) − T_B(z_i): a slow mode of either side is in it even where ΔT's own blocking,
        // diluted by the fast noise, does not see it (12 seeds of the shipped deck: ΔT's scatter was 1.6x
        // the error from ΔT's blocking alone), so its blocks are as long as the slowest of the three.
        var resistance = Ratio("R_K", all.Resistance, e => e.DeltaT, e => e.Flux, units.Resistance, D, TA, TB, J);
        var conductance = Ratio("G", all.Conductance, e => e.Flux, e => e.DeltaT, units.Conductance, D, TA, TB, J);
        var deltaT = M("ΔT", all.DeltaT, e => e.DeltaT, units.Temperature, D, TA, TB);
        var flux = M("J", all.Flux, e => e.Flux, units.HeatFlux, J);
        var fluxHot = M("J_hot", all.FluxHot, e => e.FluxHot, units.HeatFlux, SampleSeries.FluxHot);
        var fluxCold = M("J_cold", all.FluxCold, e => e.FluxCold, units.HeatFlux, SampleSeries.FluxCold);
        var kA = Ratio("k_A", all.KA, e => e.Flux, e => -e.SlopeA, units.Conductivity, J, SampleSeries.SlopeA);
        var kB = Ratio("k_B", all.KB, e => e.Flux, e => -e.SlopeB, units.Conductivity, J, SampleSeries.SlopeB);
        var meanT = M("T_mean", all.MeanT, e => e.MeanT, units.Temperature, TA, TB);
        var tHot = M("T_hot", all.THot, e => e.THot, units.Temperature, SampleSeries.ReservoirHot);
        var tCold = M("T_cold", all.TCold, e => e.TCold, units.Temperature, SampleSeries.ReservoirCold);
        var fitA = new SideFit("A", windowA.Low, windowA.High, all.LineA, M("dT/dz A", all.SlopeA, e => e.SlopeA, gradient, SampleSeries.SlopeA), M("T_A(z_i)", all.TiA, e => e.TiA, units.Temperature, TA));
        var fitB = new SideFit("B", windowB.Low, windowB.High, all.LineB, M("dT/dz B", all.SlopeB, e => e.SlopeB, gradient, SampleSeries.SlopeB), M("T_B(z_i)", all.TiB, e => e.TiB, units.Temperature, TB));

        var balance = BlocksOf("J_hot − J_cold", [SampleSeries.FluxHot, SampleSeries.FluxCold]).Estimates;
        var steady = SteadyState.Check(series, decorrelation, (fluxHot, fluxCold, flux),
            BlockAverage.StandardError(balance.Select(e => e.FluxHot - e.FluxCold).ToArray()), options.FluxTolerance, units);

        var (profileRanges, _) = BlocksOf("profile", [TA, TB]);
        var profile = new List<ProfileBin>();
        for (int b = 0; b < samples.BinCenters.Length; b++)
        {
            double mean = MeanTemperature(samples, b, 0, n);
            var blockMeans = profileRanges.Select(r => MeanTemperature(samples, b, r.Start, r.End)).ToArray();
            double se = blockMeans.All(double.IsFinite) ? BlockAverage.StandardError(blockMeans) : double.NaN;
            profile.Add(new ProfileBin(samples.BinCenters[b], mean, se, samples.AtomsPerBin[b], samples.BinRegions[b]));
        }

        return new KapitzaResult
        {
            KapitzaResistance = resistance,
            Conductance = conductance,
            DeltaT = deltaT,
            HeatFlux = flux,
            HeatFluxHot = fluxHot,
            HeatFluxCold = fluxCold,
            FluxMismatch = Math.Abs(all.FluxHot - all.FluxCold) / Math.Abs(all.Flux),
            ConductivityA = kA,
            ConductivityB = kB,
            MeanTemperature = meanT,
            HotReservoirTemperature = tHot,
            ColdReservoirTemperature = tCold,
            FitA = fitA,
            FitB = fitB,
            InterfaceZ = layout.InterfaceZ,
            MarginReservoir = margins.Reservoir,
            MarginInterface = margins.Interface,
            Errors = new ErrorEstimate(n, options.Blocks is null, decorrelation.Values.ToArray(), blocksUsed,
                [.. Warnings(n, options.Blocks, decorrelation, blocksUsed), .. Unresolved(fitA.Slope, "A", "k_A"), .. Unresolved(fitB.Slope, "B", "k_B")]),
            ProductionTime = samples.Times[^1],
            SteadyState = steady,
            Profile = profile,
            Units = units,
            Layout = layout,
        };
    }

    /// <summary>Which series each reported quantity's blocks depend on, for the warnings.</summary>
    private static readonly Dictionary<string, string[]> Inputs = new()
    {
        ["R_K"] = [SampleSeries.DeltaT, SampleSeries.InterfaceA, SampleSeries.InterfaceB, SampleSeries.Flux],
        ["ΔT"] = [SampleSeries.DeltaT, SampleSeries.InterfaceA, SampleSeries.InterfaceB], ["J"] = [SampleSeries.Flux],
        ["k_A"] = [SampleSeries.Flux, SampleSeries.SlopeA], ["k_B"] = [SampleSeries.Flux, SampleSeries.SlopeB],
    };

    /// <summary>
    /// Warnings when an error is not to be trusted: a series with no blocking plateau, too few
    /// independent blocks, or blocks (given in the deck) shorter than the data's decorrelation.
    /// Only the headline quantities (R_K, ΔT, J, k_A, k_B) are named.
    /// </summary>
    private static List<string> Warnings(int n, int? given, Dictionary<string, Decorrelation> decorrelation, Dictionary<string, int> blocksUsed)
    {
        var warnings = new List<string>();
        string Users(string series) => string.Join(", ", Inputs.Where(kv => kv.Value.Contains(series)).Select(kv => kv.Key));
        foreach (var d in decorrelation.Values.Where(d => !d.Converged && Users(d.Quantity).Length > 0))
            warnings.Add($"{d.Quantity} stays correlated over blocks of {d.BlockLength} samples (no blocking plateau with {Blocking.MinPlateauBlocks} blocks in {n} samples): the errors of {Users(d.Quantity)} may be underestimated; run longer");
        foreach (var group in Inputs.Keys.Where(blocksUsed.ContainsKey).GroupBy(q => blocksUsed[q]).Where(g => g.Key < TrustworthyBlocks))
            warnings.Add($"{string.Join(", ", group)}: only {group.Key} independent blocks of {n / group.Key} samples, so the standard error is itself uncertain by about ±{100 / Math.Sqrt(2 * (group.Key - 1)):F0} %; run at least {(double)TrustworthyBlocks / group.Key:F1}x longer");
        if (given is int g)
        {
            var slowest = decorrelation.Values.Where(d => Users(d.Quantity).Length > 0).MaxBy(d => d.BlockLength)!;
            if (n / g < slowest.BlockLength)
                warnings.Add($"analysis.blocks = {g} makes blocks of {n / g} samples, shorter than the {slowest.BlockLength} samples {slowest.Quantity} takes to decorrelate: the errors of {Users(slowest.Quantity)} are underestimated; leave blocks unset to choose them from the data");
        }
        return warnings;
    }

    /// <summary>A gradient within 2 standard errors of zero (or of the wrong sign) leaves that side's k undefined: say so.</summary>
    private static IEnumerable<string> Unresolved(Measured slope, string side, string k)
    {
        if (!(-slope.Value > 2 * slope.StdErr))
            yield return $"side {side}'s temperature gradient ({slope}) is not resolved as falling from hot to cold (within 2 standard errors of zero or rising): {k} is not determined; a longer side or a longer run resolves it";
    }

    private static double Start(ProductionSamples s, int index) => index == 0 ? 0 : s.Times[index - 1];

    /// <summary>The z ranges fitted on each side (length): A [hot top + m_r, z_i − m_i], B [z_i + m_i, cold bottom − m_r]; a bin is in when its centre is.</summary>
    public static ((double Low, double High) A, (double Low, double High) B) FitWindows(BilayerLayout layout, FitMargins margins) =>
        ((layout.HotReservoirTop + margins.Reservoir, layout.InterfaceZ - margins.Interface),
         (layout.InterfaceZ + margins.Interface, layout.ColdReservoirBottom - margins.Reservoir));

    private static int[] BinsIn(double[] centers, double low, double high) =>
        Enumerable.Range(0, centers.Length).Where(b => centers[b] >= low && centers[b] <= high).ToArray();

    private static double MeanTemperature(ProductionSamples s, int bin, int start, int end)
    {
        double sum = 0;
        int count = 0;
        for (int k = start; k < end; k++)
            if (double.IsFinite(s.Temperatures[k][bin])) { sum += s.Temperatures[k][bin]; count++; }
        return count > 0 ? sum / count : double.NaN;
    }

    private static BlockEstimate EstimateOver(ProductionSamples s, BilayerLayout layout, int[] binsA, int[] binsB, int start, int end)
    {
        LineFit FitSide(int[] bins)
        {
            var used = bins.Select(b => (Z: s.BinCenters[b], T: MeanTemperature(s, b, start, end))).Where(p => double.IsFinite(p.T)).ToArray();
            return LinearFit.Fit(used.Select(p => p.Z).ToArray(), used.Select(p => p.T).ToArray());
        }
        var lineA = FitSide(binsA);
        var lineB = FitSide(binsB);
        double tiA = lineA.Evaluate(layout.InterfaceZ), tiB = lineB.Evaluate(layout.InterfaceZ);

        // Power = slope of cumulative bath energy vs time; the block includes its preceding sample
        // (or E = 0 at t = 0) so that a one-sample block still has two points.
        double Power(double[] energy)
        {
            var t = new List<double>(end - start + 1) { Start(s, start) };
            var e = new List<double>(end - start + 1) { start == 0 ? 0 : energy[start - 1] };
            for (int k = start; k < end; k++) { t.Add(s.Times[k]); e.Add(energy[k]); }
            return LinearFit.Fit(t, e).Slope;
        }
        double pHot = Power(s.HotBathEnergy), pCold = Power(s.ColdBathEnergy);
        double area = layout.Area;
        double tHot = s.HotReservoirTemperature.Skip(start).Take(end - start).Average();
        double tCold = s.ColdReservoirTemperature.Skip(start).Take(end - start).Average();
        return new BlockEstimate(tiA - tiB, 0.5 * (pHot - pCold) / area, pHot / area, -pCold / area, lineA.Slope, lineB.Slope, tiA, tiB, tHot, tCold, lineA, lineB);
    }
}
