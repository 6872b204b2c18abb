namespace NemdEngine.Analysis;

/// <summary>A value with the standard error of the mean over blocks, in the unit it is reported in; StdErr 0 marks an exact value.</summary>
public sealed record Measured(double Value, double StdErr, string Unit)
{
    /// <summary>The value to the precision of its error, with the unit: "0.63 ± 0.59 σ²τ/k_B".</summary>
    public override string ToString() => $"{Format.Value(Value, StdErr)} {Unit}";

    /// <summary>The same quantity in a published unit (<paramref name="unit"/>.PerEngineUnit of it per engine unit).</summary>
    public Measured In(Model.PublishedUnit unit) => new(Value * unit.PerEngineUnit, StdErr * unit.PerEngineUnit, unit.Label);
}

/// <summary>Contiguous blocks of production samples, and the standard error of a per-block estimate.</summary>
public static class BlockAverage
{
    /// <summary>
    /// Splits <paramref name="samples"/> into <paramref name="blocks"/> contiguous index ranges of
    /// equal length; the remainder (fewer than <paramref name="blocks"/> samples) goes to the last.
    /// </summary>
    public static (int Start, int End)[] Split(int samples, int blocks)
    {
        if (blocks < 2 || samples < blocks)
            throw new ArgumentException($"{samples} samples cannot make {blocks} blocks (need at least 2 blocks of 1 sample)");
        int size = samples / blocks;
        return Enumerable.Range(0, blocks).Select(b => (b * size, b == blocks - 1 ? samples : (b + 1) * size)).ToArray();
    }

    /// <summary>Jackknife standard error from leave-one-out estimates: √((N − 1)/N Σ (θ₋ᵢ − θ̄)²).</summary>
    public static double JackknifeError(IReadOnlyList<double> leaveOneOut)
    {
        int n = leaveOneOut.Count;
        double mean = leaveOneOut.Average();
        return Math.Sqrt((n - 1.0) / n * leaveOneOut.Sum(v => (v - mean) * (v - mean)));
    }

    /// <summary>
    /// Jackknife standard error of the ratio of block means Σ numerator / Σ denominator: each
    /// leave-one-block-out ratio from the sums without that block.
    /// </summary>
    public static double JackknifeRatioError(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators)
    {
        double sumN = numerators.Sum(), sumD = denominators.Sum();
        return JackknifeError(Enumerable.Range(0, numerators.Count).Select(b => (sumN - numerators[b]) / (sumD - denominators[b])).ToArray());
    }

    /// <summary>Standard error of the mean of independent block estimates: std (ddof 1) / √N.</summary>
    public static double StandardError(IReadOnlyList<double> blockValues)
    {
        int n = blockValues.Count;
        double mean = blockValues.Average();
        double variance = blockValues.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        return Math.Sqrt(variance / n);
    }
}
