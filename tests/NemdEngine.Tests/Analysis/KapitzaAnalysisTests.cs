using NemdEngine.Analysis;
using NemdEngine.Model;
using NemdEngine.Sampling;

namespace NemdEngine.Tests.Analysis;

public class KapitzaAnalysisTests
{
    // A synthetic bilayer: planes 0.5 apart from 0 to 40, interface at 20, reservoirs up to 4 and from 36.
    private static readonly BilayerLayout Layout = new()
    {
        LengthX = 5, LengthY = 4, ZStart = 0, ZEnd = 40, FrozenLowTop = 1, HotReservoirTop = 4, InterfaceZ = 20,
        ColdReservoirBottom = 36, FrozenHighBottom = 39, PlaneSpacing = 0.5,
    };

    /// <summary>
    /// Samples of a known profile: T = 0.34 − 0.002 (z − 4) on A, a jump of <paramref name="deltaT"/> at z = 20,
    /// slope −0.003 on B; baths with powers ±P·2A... plus Gaussian noise of σ_T per bin per sample.
    /// </summary>
    public static ProductionSamples Synthetic(double deltaT, double flux, double noise, int samples, int seed) =>
        Generate(new SyntheticRun(deltaT, flux, noise, samples, seed));

    /// <summary>
    /// A synthetic production. Bath powers per area: hot <see cref="HotFlux"/> (default J), cold
    /// <see cref="ColdFlux"/> (default J), both ramped by the factor 1 + <see cref="FluxRamp"/> (t/T − ½);
    /// bath energy noise of 0.02 per sample. Bin noise: white of σ <see cref="Noise"/>, plus a collective
    /// AR(1) mode of the whole profile with lag-1 correlation <see cref="Correlation"/> and the same σ
    /// when that is non-zero. <see cref="ShiftA"/> is added to side A's temperatures in the second half.
    /// </summary>
    public sealed record SyntheticRun(double DeltaT, double Flux, double Noise, int Samples, int Seed)
    {
        public double? HotFlux { get; init; }
        public double? ColdFlux { get; init; }
        public double FluxRamp { get; init; }
        public double Correlation { get; init; }
        public double ShiftA { get; init; }
    }

    public static ProductionSamples Generate(SyntheticRun run)
    {
        var random = new Random(run.Seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        int bins = 80, samples = run.Samples;
        double[] centers = Enumerable.Range(0, bins).Select(b => (b + 0.5) * 0.5).ToArray();
        double TA(double z) => 0.34 - 0.002 * (z - 4);
        double tiA = TA(20), tiB = tiA - run.DeltaT;
        double TB(double z) => tiB - 0.003 * (z - 20);
        double dt = 0.05;
        double hot = 0, cold = 0, mode = 0;
        double phi = run.Correlation, kick = run.Noise * Math.Sqrt(1 - phi * phi);
        var temps = new double[samples][];
        var times = new double[samples];
        var hotE = new double[samples];
        var coldE = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            times[s] = (s + 1) * dt;
            double ramp = 1 + run.FluxRamp * ((s + 0.5) / samples - 0.5);
            hot += (run.HotFlux ?? run.Flux) * ramp * Layout.Area * dt + 0.02 * Gauss();
            cold += -(run.ColdFlux ?? run.Flux) * ramp * Layout.Area * dt + 0.02 * Gauss();
            hotE[s] = hot;
            coldE[s] = cold;
            mode = phi == 0 ? 0 : phi * mode + kick * Gauss();
            double shift = s >= samples / 2 ? run.ShiftA : 0;
            temps[s] = centers.Select(z => (z < 20 ? TA(z) + shift : TB(z)) + mode * (z < 20 ? 1 : -1) + run.Noise * Gauss()).ToArray();
        }
        return new ProductionSamples
        {
            BinCenters = centers,
            BinWidth = 0.5,
            BinRegions = centers.Select(Layout.RegionOf).ToArray(),
            AtomsPerBin = centers.Select(_ => 20.0).ToArray(),
            Times = times,
            Temperatures = temps,
            HotBathEnergy = hotE,
            ColdBathEnergy = coldE,
            HotReservoirTemperature = times.Select(_ => 0.35).ToArray(),
            ColdReservoirTemperature = times.Select(_ => 0.25).ToArray(),
        };
    }

    public static KapitzaResult Analyze(ProductionSamples s, int? blocks = null) =>
        KapitzaAnalysis.Analyze(s, Layout, new AnalysisOptions(new FitMargins(1.0, 1.0), blocks), UnitSystem.LennardJones);

    [Fact]
    public void RecoversKnownDeltaTFluxAndConductivitiesWithinTheirErrors()
    {
        var r = Analyze(Synthetic(deltaT: 0.02, flux: 0.03, noise: 0.02, samples: 2000, seed: 1));
        Assert.True(Math.Abs(r.DeltaT.Value - 0.02) < 4 * r.DeltaT.StdErr, $"ΔT = {r.DeltaT}, true 0.02");
        Assert.True(Math.Abs(r.HeatFlux.Value - 0.03) < 4 * r.HeatFlux.StdErr, $"J = {r.HeatFlux}, true 0.03");
        Assert.True(Math.Abs(r.KapitzaResistance.Value - 0.02 / 0.03) < 4 * r.KapitzaResistance.StdErr, $"R_K = {r.KapitzaResistance}, true {0.02 / 0.03:G4}");
        Assert.True(Math.Abs(r.ConductivityA.Value - 0.03 / 0.002) < 4 * r.ConductivityA.StdErr, $"k_A = {r.ConductivityA}, true 15");
        Assert.True(Math.Abs(r.ConductivityB.Value - 0.03 / 0.003) < 4 * r.ConductivityB.StdErr, $"k_B = {r.ConductivityB}, true 10");
        Assert.True(r.SteadyState.Steady);
        Assert.Equal("σ²τ/k_B", r.KapitzaResistance.Unit);
    }

    [Fact]
    public void ReportedStandardErrorMatchesTheScatterOfReplicas()
    {
        var runs = Enumerable.Range(0, 20).Select(seed => Analyze(Synthetic(0.02, 0.03, 0.02, 1000, 100 + seed))).ToArray();
        foreach (var (name, pick, truth) in new (string, Func<KapitzaResult, Measured>, double)[]
        {
            ("ΔT", r => r.DeltaT, 0.02), ("J", r => r.HeatFlux, 0.03), ("R_K", r => r.KapitzaResistance, 0.02 / 0.03),
        })
        {
            double mean = runs.Average(r => pick(r).Value);
            double scatter = Math.Sqrt(runs.Sum(r => Math.Pow(pick(r).Value - mean, 2)) / (runs.Length - 1));
            double reported = runs.Average(r => pick(r).StdErr);
            Assert.True(reported / scatter is > 0.5 and < 2.0, $"{name}: reported stderr {reported:G3}, replica scatter {scatter:G3}");
            Assert.True(Math.Abs(mean - truth) < 3 * scatter / Math.Sqrt(runs.Length) + 0.01 * truth, $"{name}: replica mean {mean:G4}, true {truth:G4}");
        }
    }

    [Fact]
    public void NoJumpGivesZeroDeltaTWithinError()
    {
        var r = Analyze(Synthetic(deltaT: 0, flux: 0.03, noise: 0.02, samples: 2000, seed: 5));
        Assert.True(Math.Abs(r.DeltaT.Value) < 4 * r.DeltaT.StdErr, $"ΔT = {r.DeltaT}");
    }

    [Fact]
    public void WindowWithTooFewBinsIsRejected()
    {
        var s = Synthetic(0.02, 0.03, 0.02, 100, 2);
        var e = Assert.Throws<ArgumentException>(() => KapitzaAnalysis.Analyze(s, Layout, new AnalysisOptions(new FitMargins(1.0, 14.5)), UnitSystem.LennardJones));
        Assert.Contains("side A", e.Message);
    }

    [Fact]
    public void BlocksChosenFromCorrelatedDataGiveErrorsThatMatchTheReplicaScatter()
    {
        // A collective profile mode with lag-1 correlation 0.98 (statistical inefficiency ~100 samples).
        var runs = Enumerable.Range(0, 24).Select(seed => Analyze(Generate(new SyntheticRun(0.02, 0.03, 0.004, 4000, 300 + seed) { Correlation = 0.98 }))).ToArray();
        double mean = runs.Average(r => r.DeltaT.Value);
        double scatter = Math.Sqrt(runs.Sum(r => Math.Pow(r.DeltaT.Value - mean, 2)) / (runs.Length - 1));
        double reported = Math.Sqrt(runs.Average(r => r.DeltaT.StdErr * r.DeltaT.StdErr));
        Assert.True(reported / scatter is > 0.7 and < 1.45, $"ΔT: reported stderr {reported:G3}, replica scatter {scatter:G3}");
        // The white bin noise lowers ΔT's inefficiency below the mode's 99; it must still be far above 1.
        var decorrelation = runs[0].Errors.Decorrelations.Single(d => d.Quantity == "ΔT");
        Assert.InRange(decorrelation.StatisticalInefficiency, 15, 150);
        Assert.True(runs.All(r => r.Errors.ChosenFromData && 4000 / r.Errors.Blocks["ΔT"] >= 32), "blocks must be longer than the correlation");
    }

    [Fact]
    public void BlocksShorterThanTheCorrelationAreFlagged()
    {
        var r = Analyze(Generate(new SyntheticRun(0.02, 0.03, 0.004, 4000, 7) { Correlation = 0.98 }), blocks: 200);
        Assert.Equal(200, r.Errors.Blocks["R_K"]);
        Assert.Contains(r.Errors.Warnings, w => w.Contains("analysis.blocks = 200") && w.Contains("underestimated"));
    }

    [Fact]
    public void CorrelationTooLongForTheRunIsFlagged()
    {
        // 400 samples of a mode with inefficiency ~200: blocking cannot find a plateau, and says so.
        var r = Analyze(Generate(new SyntheticRun(0.02, 0.03, 0.004, 400, 8) { Correlation = 0.99 }));
        Assert.False(r.Errors.Decorrelations.Single(d => d.Quantity == "ΔT").Converged);
        Assert.Contains(r.Errors.Warnings, w => w.StartsWith("ΔT stays correlated", StringComparison.Ordinal) && w.Contains("R_K") && w.Contains("run longer"));
    }

    [Fact]
    public void TooFewIndependentBlocksAreFlagged()
    {
        var r = Analyze(Generate(new SyntheticRun(0.02, 0.03, 0.004, 400, 8)), blocks: 4);
        Assert.Contains(r.Errors.Warnings, w => w.Contains("only 4 independent blocks") && w.Contains("±41 %") && w.Contains("2.5x longer"));
    }
}
