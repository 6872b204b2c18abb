using NemdEngine.Model;
using NemdEngine.Sampling;

namespace NemdEngine.Analysis;

/// <summary>Length excluded from each fit next to a reservoir and next to the interface (length).</summary>
public sealed record FitMargins(double Reservoir, double Interface);

/// <summary>
/// From production samples to R_K (pure functions). Each side's mean profile is fitted by a line
/// over the bins whose centres lie in its window (A: [hot top + m_r, z_i − m_i], B: [z_i + m_i,
/// cold bottom − m_r]); both lines are extrapolated to z_i: ΔT = T_A(z_i) − T_B(z_i).
/// Bath powers are least-squares slopes of each bath's cumulative energy against time (less
/// sensitive than end-point differences to the reservoirs' kinetic-energy fluctuations);
/// J = (P_hot − P_cold)/(2A); R_K = ΔT/J; k = J/|dT/dz|. Values use all of production.
/// Standard errors come from contiguous blocks: the block scatter for directly estimated
/// quantities (ΔT, J, slopes, temperatures) and a leave-one-block-out jackknife for the ratios
/// (R_K, G, k), whose per-block values are biased and heavy-tailed when ΔT is small.
/// </summary>
public static class KapitzaAnalysis
{
    private sealed record BlockEstimate(double DeltaT, double Flux, double FluxHot, double FluxCold, double SlopeA, double SlopeB,
        double TiA, double TiB, double THot, double TCold, LineFit LineA, LineFit LineB)
    {
        public double Resistance => DeltaT / Flux;
        public double Conductance => Flux / DeltaT;
        public double KA => Flux / Math.Abs(SlopeA);
        public double KB => Flux / Math.Abs(SlopeB);
        public double MeanT => 0.5 * (TiA + TiB);
    }

    public static KapitzaResult Analyze(ProductionSamples samples, BilayerLayout layout, FitMargins margins, int blocks, UnitSystem units)
    {
        int n = samples.Times.Length;
        var (windowA, windowB) = FitWindows(layout, margins);
        int[] binsA = BinsIn(samples.BinCenters, windowA.Low, windowA.High);
        int[] binsB = BinsIn(samples.BinCenters, windowB.Low, windowB.High);
        if (binsA.Length < 3) throw new ArgumentException($"fit window of side A [{windowA.Low:G4}, {windowA.High:G4}] holds {binsA.Length} bins; at least 3 are needed");
        if (binsB.Length < 3) throw new ArgumentException($"fit window of side B [{windowB.Low:G4}, {windowB.High:G4}] holds {binsB.Length} bins; at least 3 are needed");

        BlockEstimate Over(int start, int end) => EstimateOver(samples, layout, binsA, binsB, start, end);
        var all = Over(0, n);
        var ranges = BlockAverage.Split(n, blocks);
        var perBlock = ranges.Select(r => Over(r.Start, r.End)).ToArray();
        Measured M(double value, Func<BlockEstimate, double> f, string unit) => new(value, BlockAverage.StandardError(perBlock.Select(f).ToArray()), unit);
        // Ratio of block means without block b, for the jackknife.
        Measured Ratio(double value, Func<BlockEstimate, double> numerator, Func<BlockEstimate, double> denominator, string unit)
        {
            var leaveOut = Enumerable.Range(0, perBlock.Length).Select(b =>
            {
                var rest = perBlock.Where((_, k) => k != b).ToArray();
                return rest.Average(numerator) / rest.Average(denominator);
            }).ToArray();
            return new Measured(value, BlockAverage.JackknifeError(leaveOut), unit);
        }

        int half = blocks / 2;
        var first = perBlock.Take(half).Select(e => e.Flux).ToArray();
        var second = perBlock.Skip(half).Select(e => e.Flux).ToArray();
        var firstHalf = Over(0, ranges[half - 1].End).Flux;
        var secondHalf = Over(ranges[half].Start, n).Flux;
        double SeOrNaN(double[] v) => v.Length >= 2 ? BlockAverage.StandardError(v) : double.NaN;
        var j1 = new Measured(firstHalf, SeOrNaN(first), units.HeatFlux);
        var j2 = new Measured(secondHalf, SeOrNaN(second), units.HeatFlux);
        bool steady = !(Math.Abs(j1.Value - j2.Value) > 3 * Math.Sqrt(j1.StdErr * j1.StdErr + j2.StdErr * j2.StdErr));

        var profile = new List<ProfileBin>();
        for (int b = 0; b < samples.BinCenters.Length; b++)
        {
            double mean = MeanTemperature(samples, b, 0, n);
            var blockMeans = ranges.Select(r => MeanTemperature(samples, b, r.Start, r.End)).ToArray();
            double se = blockMeans.All(double.IsFinite) ? BlockAverage.StandardError(blockMeans) : double.NaN;
            profile.Add(new ProfileBin(samples.BinCenters[b], mean, se, samples.AtomsPerBin[b], samples.BinRegions[b]));
        }

        return new KapitzaResult
        {
            KapitzaResistance = Ratio(all.Resistance, e => e.DeltaT, e => e.Flux, units.Resistance),
            Conductance = Ratio(all.Conductance, e => e.Flux, e => e.DeltaT, units.Conductance),
            DeltaT = M(all.DeltaT, e => e.DeltaT, units.Temperature),
            HeatFlux = M(all.Flux, e => e.Flux, units.HeatFlux),
            HeatFluxHot = M(all.FluxHot, e => e.FluxHot, units.HeatFlux),
            HeatFluxCold = M(all.FluxCold, e => e.FluxCold, units.HeatFlux),
            FluxMismatch = Math.Abs(all.FluxHot - all.FluxCold) / Math.Abs(all.Flux),
            ConductivityA = Ratio(all.KA, e => e.Flux, e => Math.Abs(e.SlopeA), units.Conductivity),
            ConductivityB = Ratio(all.KB, e => e.Flux, e => Math.Abs(e.SlopeB), units.Conductivity),
            MeanTemperature = M(all.MeanT, e => e.MeanT, units.Temperature),
            HotReservoirTemperature = M(all.THot, e => e.THot, units.Temperature),
            ColdReservoirTemperature = M(all.TCold, e => e.TCold, units.Temperature),
            FitA = new SideFit("A", windowA.Low, windowA.High, all.LineA, M(all.SlopeA, e => e.SlopeA, $"{units.Temperature}/{units.Length}"), M(all.TiA, e => e.TiA, units.Temperature)),
            FitB = new SideFit("B", windowB.Low, windowB.High, all.LineB, M(all.SlopeB, e => e.SlopeB, $"{units.Temperature}/{units.Length}"), M(all.TiB, e => e.TiB, units.Temperature)),
            InterfaceZ = layout.InterfaceZ,
            MarginReservoir = margins.Reservoir,
            MarginInterface = margins.Interface,
            Blocks = blocks,
            SamplesPerBlock = n / blocks,
            ProductionTime = samples.Times[^1],
            SteadyState = new SteadyStateCheck(j1, j2, steady),
            Profile = profile,
            Units = units,
        };
    }

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
            var t = new List<double>(end - start + 1) { start == 0 ? 0 : s.Times[start - 1] };
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
