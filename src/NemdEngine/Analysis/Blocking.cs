using MathNet.Numerics.Distributions;

namespace NemdEngine.Analysis;

/// <summary>
/// How correlated a time series is, from Flyvbjerg-Petersen blocking (J. Chem. Phys. 91, 461
/// (1989)) with the automatic plateau test of Jonsson (Phys. Rev. E 98, 043304 (2018)).
/// </summary>
/// <param name="Quantity">What the series is (for reports).</param>
/// <param name="Samples">Length of the series.</param>
/// <param name="BlockLength">Samples per block at the first blocking level whose blocks are uncorrelated (a power of 2).</param>
/// <param name="StatisticalInefficiency">s = n σ²(mean) / σ²(sample): how many samples make one independent one (1 for white noise; 2τ_int for slow decay).</param>
/// <param name="Converged">False when no level with at least <see cref="Blocking.MinPlateauBlocks"/> blocks passed the test: the series is correlated over too much of its length for its error to be known.</param>
public sealed record Decorrelation(string Quantity, int Samples, int BlockLength, double StatisticalInefficiency, bool Converged);

/// <summary>
/// Blocking of a time series. The series is halved repeatedly by averaging neighbours; at level k
/// (blocks of 2^k samples) Jonsson's statistic M_k = Σ_{j≥k} n_j (γ_j/σ²_j)², built from the lag-1
/// autocovariance γ_j and the variance σ²_j of each coarser level, is χ²-distributed with one degree
/// of freedom per level if no level from k on is correlated. The first level whose M_k lies below
/// the 99 % quantile is the plateau: its blocks are independent and σ²_k / n_k is the variance of
/// the mean.
/// </summary>
public static class Blocking
{
    /// <summary>Levels with fewer values than this are not tested (their lag-1 covariance is noise).</summary>
    private const int MinValuesPerLevel = 4;

    /// <summary>
    /// A plateau counts only at a level with at least this many blocks: coarser levels pass the test
    /// for lack of power (a random walk "decorrelates" at 16 blocks; an AR(1) series of 1,024 samples
    /// with inefficiency 200 passes at 16 blocks in 4 of 5 cases, at 32 in 1 of 7); 30, not 32, so that a run of 16,000 samples counts blocks of 512.
    /// </summary>
    public const int MinPlateauBlocks = 30;

    public static Decorrelation Analyze(string quantity, IReadOnlyList<double> series)
    {
        int n = series.Count;
        if (n < 2 * MinValuesPerLevel) return new Decorrelation(quantity, n, Math.Max(1, n / 2), double.NaN, Converged: false);
        double mean = series.Average();
        var levels = new List<(int Count, double Variance, double LagOne)>();
        double[] x = [.. series];
        while (x.Length >= MinValuesPerLevel)
        {
            int m = x.Length;
            double variance = 0, lagOne = 0;
            for (int i = 0; i < m; i++) variance += (x[i] - mean) * (x[i] - mean);
            for (int i = 0; i + 1 < m; i++) lagOne += (x[i] - mean) * (x[i + 1] - mean);
            levels.Add((m, variance / m, lagOne / m));
            // Averages of neighbouring pairs; an odd last value is dropped (its weight is 1/m).
            var next = new double[m / 2];
            for (int i = 0; i < next.Length; i++) next[i] = 0.5 * (x[2 * i] + x[2 * i + 1]);
            x = next;
        }

        double sampleVariance = levels[0].Variance;
        if (!(sampleVariance > 0)) return new Decorrelation(quantity, n, 1, 1, Converged: true); // a constant series: exact
        int d = levels.Count;
        var statistic = new double[d];
        double tail = 0;
        for (int k = d - 1; k >= 0; k--)
        {
            var (count, variance, lagOne) = levels[k];
            tail += variance > 0 ? count * (lagOne / variance) * (lagOne / variance) : 0;
            statistic[k] = tail;
        }
        for (int k = 0; k < d; k++)
        {
            if (statistic[k] < ChiSquared.InvCDF(d - k, 0.99))
            {
                // An anticorrelated series (s < 1) approaches its plateau from above: too short a
                // block overstates its error, so a coarse level is no risk.
                double inefficiency = Inefficiency(levels[k]);
                return new Decorrelation(quantity, n, 1 << k, inefficiency, Converged: levels[k].Count >= MinPlateauBlocks || inefficiency <= 1);
            }
        }
        return new Decorrelation(quantity, n, 1 << (d - 1), Inefficiency(levels[^1]), Converged: false);

        // s = n σ²(mean) / σ²(sample), with σ²(mean) = σ²_k / (n_k − 1) at level k.
        double Inefficiency((int Count, double Variance, double LagOne) level) => level.Variance / (level.Count - 1) * n / sampleVariance;
    }
}
