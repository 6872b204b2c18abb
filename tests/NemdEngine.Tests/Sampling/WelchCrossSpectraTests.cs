using NemdEngine.Analysis;
using NemdEngine.Kernels;
using NemdEngine.Sampling.Spectral;

namespace NemdEngine.Tests.Sampling;

/// <summary>
/// The Welch accumulation on synthetic signals: the normalisation (Parseval: the bin sum of q is the
/// window-weighted mean of X·v, segment by segment, computed here independently in the time domain),
/// a sinusoid's cross spectrum at its own frequency, a sign flip, the densities of states, and an
/// exact capture/restore in the middle of a segment.
/// </summary>
public class WelchCrossSpectraTests
{
    private const double Dt = 0.05;

    /// <summary>Samples of <paramref name="atoms"/> atoms: X and v correlated through a shared random part, with an offset so the mean power is not zero.</summary>
    private static Vec3[][] Signals(int atoms, int samples, int seed)
    {
        var random = new Random(seed);
        var result = new Vec3[samples][];
        for (int t = 0; t < samples; t++)
        {
            var row = new Vec3[2 * atoms];
            for (int a = 0; a < atoms; a++)
            {
                float C() => (float)(2 * random.NextDouble() - 1);
                Vec3 shared = new(C(), C(), C());
                row[a] = new Vec3(0.8f * shared.X + 0.3f * C() + 0.2f, 0.5f * shared.Y + C(), shared.Z);
                row[atoms + a] = new Vec3(shared.X + 0.1f * C() + 0.1f, shared.Y, 0.3f * C() - 0.4f * shared.Z);
            }
            result[t] = row;
        }
        return result;
    }

    private static WelchCrossSpectra Accumulator(int atoms, int n) =>
        new(atoms, n, Enumerable.Range(0, atoms).Select(a => a % 2).ToArray(), Enumerable.Range(0, atoms).Select(a => 1.0 + a).ToArray());

    [Fact]
    public void BinSumOfQEqualsTheWindowWeightedMeanPowerOfEverySegment()
    {
        const int atoms = 5, n = 64, samples = 64 * 5 + 17;
        var data = Signals(atoms, samples, 3);
        var welch = Accumulator(atoms, n);
        foreach (var row in data) welch.Add(row);
        var spectra = welch.Spectra(Dt);

        // Independent time-domain reference: segments start every n/2 samples, Hann weights w² / Σ w².
        var w = Enumerable.Range(0, n).Select(t => Math.Pow(Math.Sin(Math.PI * t / n), 2)).ToArray();
        double norm = w.Sum(x => x * x);
        var expectedPowers = new List<double>();
        for (int start = 0; start + n <= samples; start += n / 2)
        {
            double p = 0;
            for (int t = 0; t < n; t++)
                for (int a = 0; a < atoms; a++)
                {
                    Vec3 x = data[start + t][a], v = data[start + t][atoms + a];
                    p += w[t] * w[t] * ((double)x.X * v.X + (double)x.Y * v.Y + (double)x.Z * v.Z);
                }
            expectedPowers.Add(p / norm);
        }
        Assert.Equal(expectedPowers.Count, spectra.Segments);
        for (int s = 0; s < expectedPowers.Count; s++) Assert.Equal(expectedPowers[s], spectra.SegmentPower[s], 1e-10);
        double integral = spectra.Q.Sum() * spectra.Resolution;
        Assert.Equal(expectedPowers.Average(), integral, 1e-10);
        Assert.True(Math.Abs(integral) > 0.05, $"the test signal has a mean power of {integral}: too small to test the normalisation");
        Assert.Equal(1 / (n * Dt), spectra.Resolution, 12);
        Assert.Equal(n / 2 + 1, spectra.Frequencies.Length);
        Assert.Equal(0.5 / Dt, spectra.Frequencies[^1], 12);
        // The sides: atoms 0, 2, 4 on A and 1, 3 on B, each side's share its own atoms' power.
        Assert.Equal(spectra.Q.Sum(), spectra.QA.Sum() + spectra.QB.Sum(), 1e-10);
        Assert.All(new[] { spectra.DosA, spectra.DosB }, d => Assert.Equal(1.0, d.Sum() * spectra.Resolution, 12));
    }

    [Fact]
    public void ASinusoidPutsItsPowerAtItsFrequencyAndASignFlipNegatesIt()
    {
        const int n = 128, bin = 20;
        double f0 = bin / (n * Dt), amplitude = 1.5;
        var positive = Accumulator(1, n);
        var negative = Accumulator(1, n);
        for (int t = 0; t < 6 * n; t++)
        {
            float c = (float)Math.Cos(2 * Math.PI * f0 * t * Dt), s = (float)Math.Sin(2 * Math.PI * f0 * t * Dt);
            // X = A cos, v = cos: mean power A/2, all at f0. The y components are in quadrature: no mean power, no real cross spectrum.
            positive.Add([new Vec3((float)amplitude * c, s, 0), new Vec3(c, c, 0)]);
            negative.Add([new Vec3(-(float)amplitude * c, s, 0), new Vec3(c, c, 0)]);
        }
        var p = positive.Spectra(Dt);
        var q = p.Q;
        int peak = Array.IndexOf(q, q.Max());
        Assert.Equal(bin, peak);
        Assert.Equal(f0, p.Frequencies[peak], 12);
        Assert.Equal(amplitude / 2, q.Sum() * p.Resolution, 5);
        // Hann: the power sits in the bin and its two neighbours (1/4, 1/2, 1/4 of |W|²... weights 1/6, 2/3, 1/6).
        Assert.Equal(amplitude / 2, (q[bin - 1] + q[bin] + q[bin + 1]) * p.Resolution, 5);
        Assert.Equal(2.0 / 3, q[bin] / (q[bin - 1] + q[bin] + q[bin + 1]), 5);
        var m = negative.Spectra(Dt).Q;
        for (int k = 0; k < q.Length; k++) Assert.Equal(-q[k], m[k], 9);
        // The velocity spectrum of a pure tone: the density of states is a peak at f0 too.
        Assert.Equal(bin, Array.IndexOf(p.DosA, p.DosA.Max()));
    }

    [Fact]
    public void CapturedInTheMiddleOfASegmentAndRestoredContinuesBitForBit()
    {
        const int atoms = 7, n = 32, samples = 32 * 4 + 9;
        var data = Signals(atoms, samples, 11);
        var whole = Accumulator(atoms, n);
        foreach (var row in data) whole.Add(row);

        var first = Accumulator(atoms, n);
        foreach (var row in data.Take(75)) first.Add(row);
        var state = first.Capture();
        Assert.Equal(75 - 48, state.Fill);
        var second = Accumulator(atoms, n);
        second.Restore(state);
        foreach (var row in data.Skip(75)) second.Add(row);

        var a = whole.Spectra(Dt);
        var b = second.Spectra(Dt);
        Assert.Equal(a.Segments, b.Segments);
        Assert.Equal(a.QA, b.QA);
        Assert.Equal(a.QB, b.QB);
        Assert.Equal(a.DosA, b.DosA);
        Assert.Equal(a.SegmentPower, b.SegmentPower);
        Assert.Equal(whole.Capture().Buffer, second.Capture().Buffer);
        Assert.Throws<ArgumentException>(() => Accumulator(atoms + 1, n).Restore(state));
    }

    [Fact]
    public void MemoryStaysOneSegmentHoweverManySamplesArrive()
    {
        const int atoms = 3, n = 16;
        var welch = Accumulator(atoms, n);
        long bytes = welch.BufferBytes;
        Assert.Equal(6L * sizeof(float) * atoms * n, bytes);
        var data = Signals(atoms, 40 * n, 5);
        foreach (var row in data) welch.Add(row);
        Assert.Equal(bytes, welch.BufferBytes);
        Assert.Equal(79, welch.Segments);
        var state = welch.Capture();
        Assert.True(state.Buffer.Length < 6 * atoms * n, "the checkpoint holds at most one partial segment");
        Assert.Equal(n / 2 + 1, state.CrossA.Length);
    }

    [Fact]
    public void SegmentErrorUsesOnlySegmentsThatDoNotOverlap()
    {
        // Every other value is the same: the even ones have no scatter.
        Assert.Equal(0, SpectralAnalysis.IndependentSegmentsError([1, 5, 1, -3, 1, 9]));
        Assert.Equal(Math.Sqrt(2.0 / 2), SpectralAnalysis.IndependentSegmentsError([0, 100, 2]), 12);
        Assert.True(double.IsNaN(SpectralAnalysis.IndependentSegmentsError([1, 2])));
    }
}
