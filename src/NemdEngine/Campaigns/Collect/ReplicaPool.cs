namespace NemdEngine.Campaigns.Collect;

/// <summary>
/// One quantity of one point, pooled over its seeds: the mean, its standard error from the scatter
/// between seeds, and the standard error the runs' own block analyses give the mean,
/// √(Σ σ_i²)/n. Both estimate the same thing; when they disagree by more than a factor 2 the block
/// errors (or the seeds) are not to be trusted, and the table flags it.
/// </summary>
/// <param name="Mean">Mean over the runs (the quantity's unit).</param>
/// <param name="SeedStdErr">s/√n, s the sample standard deviation over the n runs; NaN for one run.</param>
/// <param name="BlockStdErr">√(Σ σ_i²)/n from each run's block error σ_i.</param>
/// <param name="Runs">Runs pooled (those with a finite value).</param>
public sealed record PooledQuantity(double Mean, double SeedStdErr, double BlockStdErr, int Runs, string Unit)
{
    /// <summary>The factor beyond which the two errors are said to disagree.</summary>
    public const double DisagreementFactor = 2;

    /// <summary>The error the table gives the mean: between seeds when there are several, else the run's block error.</summary>
    public double StdErr => Runs >= 2 && double.IsFinite(SeedStdErr) ? SeedStdErr : BlockStdErr;

    /// <summary>Seeds and blocks disagree by more than <see cref="DisagreementFactor"/> (only judged with 2 runs or more).</summary>
    public bool ErrorsDisagree => Runs >= 2 && double.IsFinite(SeedStdErr) && double.IsFinite(BlockStdErr)
        && (SeedStdErr > DisagreementFactor * BlockStdErr || BlockStdErr > DisagreementFactor * SeedStdErr);

    /// <summary>Pools (value, block error) pairs; non-finite values (an undefined R_K) are left out.</summary>
    public static PooledQuantity Pool(IEnumerable<(double Value, double StdErr)> runs, string unit)
    {
        var list = runs.Where(r => double.IsFinite(r.Value)).ToList();
        int n = list.Count;
        if (n == 0) return new PooledQuantity(double.NaN, double.NaN, double.NaN, 0, unit);
        double mean = list.Average(r => r.Value);
        double seed = n >= 2 ? Math.Sqrt(list.Sum(r => (r.Value - mean) * (r.Value - mean)) / (n - 1) / n) : double.NaN;
        double block = Math.Sqrt(list.Sum(r => r.StdErr * r.StdErr)) / n;
        return new PooledQuantity(mean, seed, block, n, unit);
    }
}
