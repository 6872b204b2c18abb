using NemdEngine.Analysis;

namespace NemdEngine.Tests.Analysis;

/// <summary>Blocking against series whose statistical inefficiency is known in closed form.</summary>
public class BlockingTests
{
    /// <summary>AR(1): x_k = φ x_{k−1} + √(1 − φ²) ξ_k; its statistical inefficiency is (1 + φ)/(1 − φ).</summary>
    private static double[] Ar1(double phi, int n, int seed)
    {
        var random = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new double[n];
        double value = Gauss();
        for (int k = 0; k < n; k++) x[k] = value = phi * value + Math.Sqrt(1 - phi * phi) * Gauss();
        return x;
    }

    [Fact]
    public void WhiteNoiseIsItsOwnIndependentSample()
    {
        var d = Blocking.Analyze("x", Ar1(0, 1 << 14, 1));
        Assert.True(d.Converged);
        Assert.InRange(d.StatisticalInefficiency, 0.8, 1.25);
        Assert.InRange(d.BlockLength, 1, 4);
    }

    [Theory]
    [InlineData(0.9, 19.0)]
    [InlineData(0.98, 99.0)]
    public void CorrelatedSeriesGivesItsKnownInefficiency(double phi, double expected)
    {
        var d = Blocking.Analyze("x", Ar1(phi, 1 << 17, 2));
        Assert.True(d.Converged);
        // The plateau estimate from 2^17 samples is good to ~15 %; a 30 % band cannot be met by the naive (s = 1) error.
        Assert.InRange(d.StatisticalInefficiency, 0.7 * expected, 1.3 * expected);
        Assert.True(d.BlockLength >= expected / 2, $"block length {d.BlockLength} for s = {expected}");
    }

    [Fact]
    public void ErrorOfTheMeanMatchesTheScatterOfReplicas()
    {
        const int n = 1 << 13;
        var runs = Enumerable.Range(0, 40).Select(seed => Ar1(0.95, n, 100 + seed)).ToArray();
        var means = runs.Select(r => r.Average()).ToArray();
        double scatter = Math.Sqrt(means.Sum(m => (m - means.Average()) * (m - means.Average())) / (means.Length - 1));
        double reported = Math.Sqrt(runs.Average(r =>
        {
            var d = Blocking.Analyze("x", r);
            double variance = r.Sum(v => (v - r.Average()) * (v - r.Average())) / r.Length;
            return d.StatisticalInefficiency * variance / n;
        }));
        Assert.True(reported / scatter is > 0.75 and < 1.33, $"reported {reported:G3}, scatter {scatter:G3}");
    }

    [Fact]
    public void RandomWalkHasNoPlateau()
    {
        int converged = Enumerable.Range(0, 20).Count(seed =>
        {
            var random = new Random(seed);
            double x = 0;
            return Blocking.Analyze("walk", Enumerable.Range(0, 1024).Select(_ => x += random.NextDouble() - 0.5).ToArray()).Converged;
        });
        Assert.True(converged <= 2, $"{converged} of 20 random walks claimed a plateau");
    }

    [Fact]
    public void SeriesTooShortForItsCorrelationHasNoPlateau()
    {
        // Inefficiency 199 in 1,024 samples: about 5 independent samples.
        int converged = Enumerable.Range(0, 20).Count(seed => Blocking.Analyze("x", Ar1(0.99, 1024, seed)).Converged);
        Assert.True(converged <= 5, $"{converged} of 20 short correlated series claimed a plateau");
    }
}
