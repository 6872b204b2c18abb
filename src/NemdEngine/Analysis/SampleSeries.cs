using NemdEngine.Model;
using NemdEngine.Sampling;

namespace NemdEngine.Analysis;

/// <summary>
/// The analysis's quantities sample by sample, as time series for <see cref="Blocking"/> and the
/// steady-state tests. ΔT, the interface temperatures and the gradients are linear in the bin
/// temperatures, so each series' mean is the value of the mean profile (where no bin is ever
/// empty); the fluxes are each bath's power between consecutive samples, per area.
/// </summary>
public sealed class SampleSeries
{
    public const string DeltaT = "ΔT", Flux = "J", FluxHot = "J_hot", FluxCold = "J_cold", InterfaceA = "T_A(z_i)", InterfaceB = "T_B(z_i)",
        SlopeA = "dT/dz of A", SlopeB = "dT/dz of B", ReservoirHot = "T_hot", ReservoirCold = "T_cold";

    private readonly Dictionary<string, double[]> series;

    private SampleSeries(double[] times, Dictionary<string, double[]> series) => (Times, this.series) = (times, series);

    /// <summary>Time of each sample since production began (time).</summary>
    public double[] Times { get; }

    /// <summary>Every series, by name, in a fixed order.</summary>
    public IEnumerable<(string Name, double[] Values)> All => series.Select(kv => (kv.Key, kv.Value));

    /// <summary>A series by name; NaN where a sample left it undefined (a side with fewer than 2 filled bins).</summary>
    public double[] this[string name] => series[name];

    /// <param name="binsA">Bins of side A's fit window (likewise B).</param>
    public static SampleSeries From(ProductionSamples s, BilayerLayout layout, int[] binsA, int[] binsB)
    {
        int n = s.Times.Length;
        var lineA = new LineWeights(s.BinCenters, binsA, layout.InterfaceZ);
        var lineB = new LineWeights(s.BinCenters, binsB, layout.InterfaceZ);
        double[] New() => new double[n];
        double[] deltaT = New(), tiA = New(), tiB = New(), slopeA = New(), slopeB = New(), flux = New(), hot = New(), cold = New();
        for (int k = 0; k < n; k++)
        {
            (tiA[k], slopeA[k]) = lineA.Fit(s.Temperatures[k]);
            (tiB[k], slopeB[k]) = lineB.Fit(s.Temperatures[k]);
            deltaT[k] = tiA[k] - tiB[k];
            double interval = s.Times[k] - (k == 0 ? 0 : s.Times[k - 1]);
            hot[k] = (s.HotBathEnergy[k] - (k == 0 ? 0 : s.HotBathEnergy[k - 1])) / interval / layout.Area;
            cold[k] = -(s.ColdBathEnergy[k] - (k == 0 ? 0 : s.ColdBathEnergy[k - 1])) / interval / layout.Area;
            flux[k] = 0.5 * (hot[k] + cold[k]);
        }
        return new SampleSeries(s.Times, new Dictionary<string, double[]>
        {
            [DeltaT] = deltaT, [Flux] = flux, [FluxHot] = hot, [FluxCold] = cold, [InterfaceA] = tiA, [InterfaceB] = tiB,
            [SlopeA] = slopeA, [SlopeB] = slopeB, [ReservoirHot] = s.HotReservoirTemperature, [ReservoirCold] = s.ColdReservoirTemperature,
        });
    }

    /// <summary>
    /// A least-squares line over fixed bins as two dot products with the temperatures: its value at
    /// z_i and its slope (the per-sample fits of a long run, without allocating). A sample with an
    /// empty bin (NaN) is fitted over the bins it has.
    /// </summary>
    private sealed class LineWeights
    {
        private readonly double[] centers;
        private readonly int[] bins;
        private readonly double at;
        private readonly double[] valueWeights;
        private readonly double[] slopeWeights;

        public LineWeights(double[] centers, int[] bins, double at)
        {
            (this.centers, this.bins, this.at) = (centers, bins, at);
            double mean = bins.Average(b => centers[b]);
            double szz = bins.Sum(b => (centers[b] - mean) * (centers[b] - mean));
            slopeWeights = bins.Select(b => (centers[b] - mean) / szz).ToArray();
            valueWeights = bins.Select((b, k) => 1.0 / bins.Length + (at - mean) * slopeWeights[k]).ToArray();
        }

        public (double At, double Slope) Fit(double[] temperatures)
        {
            double value = 0, slope = 0;
            for (int k = 0; k < bins.Length; k++)
            {
                double t = temperatures[bins[k]];
                if (!double.IsFinite(t)) return FitFinite(temperatures);
                value += valueWeights[k] * t;
                slope += slopeWeights[k] * t;
            }
            return (value, slope);
        }

        private (double At, double Slope) FitFinite(double[] temperatures)
        {
            var used = bins.Where(b => double.IsFinite(temperatures[b])).ToArray();
            if (used.Length < 2) return (double.NaN, double.NaN);
            var line = LinearFit.Fit(used.Select(b => centers[b]).ToArray(), used.Select(b => temperatures[b]).ToArray());
            return (line.Evaluate(at), line.Slope);
        }
    }
}
