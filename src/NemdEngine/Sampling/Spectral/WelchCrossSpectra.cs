using System.Numerics;
using System.Runtime.InteropServices;
using MathNet.Numerics.IntegralTransforms;
using NemdEngine.Kernels;

namespace NemdEngine.Sampling.Spectral;

/// <summary>
/// Welch-averaged spectra of the selected interface atoms, with memory bounded for any run length:
/// samples (each atom's interfacial force X_k and velocity v_k) fill one segment of N samples; a full
/// segment is windowed (periodic Hann), Fourier transformed on the host (MathNet.Numerics), its
/// products added to running sums, and its first half discarded (segments overlap by half, whose
/// Hann windows sum to one). Held: the segment (6 floats per atom per sample) and a few arrays of
/// N/2 + 1 doubles, never a whole time series.
/// <para>Normalisation. With X(ω) = Δt Σ_t w_t x_t e^(−iωtΔt) and the window's power Σ_t w_t², the
/// one-sided cross spectral density of the segment is S(f_m) = c_m Re X_m V_m* / (Δt Σ_t w_t²), with
/// c_m = 2 except at f = 0 and the Nyquist frequency (1). Discrete Parseval, Σ_m X_m V_m* = N Σ_t
/// (w x)(w v) for the unscaled transform, then makes the bin sum Σ_m S(f_m) Δf (Δf = 1/(N Δt)) equal to
/// the window-weighted mean Σ_t w_t² x_t v_t / Σ_t w_t² exactly: the integral of q(ω) over dω/2π is
/// the mean interfacial power, whatever N and the window (tested on synthetic signals).</para>
/// <para>Each pair of real series is transformed at once: z = w (x + i v) gives
/// X_m = (Z_m + Z*_(N−m))/2 and V_m = (Z_m − Z*_(N−m))/(2i). Atoms are split into a fixed number of
/// chunks transformed in parallel, each into its own sums, added in chunk order: the bits do not depend
/// on the number of threads.</para>
/// </summary>
public sealed class WelchCrossSpectra
{
    private const int Chunks = 16;
    /// <summary>Floats per atom per sample: X (3) and v (3).</summary>
    private const int PerAtom = 6;

    private readonly int atoms;
    private readonly int[] sides;
    private readonly double[] masses;
    private readonly double[] window;
    private readonly double windowPower;
    /// <summary>Sample-major: row t holds X of every atom (3 × atoms floats) then v of every atom.</summary>
    private readonly float[] segment;
    private int fill;
    private int segments;
    private readonly double[] crossA, crossB, dosA, dosB;
    private readonly List<double> segmentPower = [];

    /// <param name="atoms">Selected atoms.</param>
    /// <param name="segmentSamples">N, even, at least 4.</param>
    /// <param name="sides">Per selected atom: 0 = side A, 1 = side B.</param>
    /// <param name="masses">Per selected atom (any mass unit: the densities of states are normalised).</param>
    public WelchCrossSpectra(int atoms, int segmentSamples, int[] sides, double[] masses)
    {
        if (segmentSamples < 4 || segmentSamples % 2 != 0) throw new ArgumentException($"a segment needs an even number of samples, at least 4; got {segmentSamples}");
        if (sides.Length != atoms || masses.Length != atoms) throw new ArgumentException("one side and one mass per atom");
        this.atoms = atoms;
        this.sides = (int[])sides.Clone();
        this.masses = (double[])masses.Clone();
        SegmentSamples = segmentSamples;
        window = new double[segmentSamples];
        for (int t = 0; t < segmentSamples; t++)
        {
            double s = Math.Sin(Math.PI * t / segmentSamples);
            window[t] = s * s;
            windowPower += window[t] * window[t];
        }
        segment = new float[(long)segmentSamples * PerAtom * atoms];
        int bins = Bins;
        crossA = new double[bins];
        crossB = new double[bins];
        dosA = new double[bins];
        dosB = new double[bins];
    }

    public int Atoms => atoms;
    /// <summary>N, the samples per segment.</summary>
    public int SegmentSamples { get; }
    /// <summary>Frequencies 0, Δf, ..., N/2 Δf.</summary>
    public int Bins => SegmentSamples / 2 + 1;
    /// <summary>Segments transformed so far.</summary>
    public int Segments => segments;
    /// <summary>Samples waiting in the current segment.</summary>
    public int Fill => fill;
    /// <summary>Bytes of the segment buffer.</summary>
    public long BufferBytes => segment.LongLength * sizeof(float);

    /// <summary>Adds one sample: X of every selected atom, then v of every selected atom (2 × atoms vectors).</summary>
    public void Add(ReadOnlySpan<Vec3> sample)
    {
        if (sample.Length != 2 * atoms) throw new ArgumentException($"a sample has {2 * atoms} vectors, got {sample.Length}");
        int row = PerAtom * atoms;
        MemoryMarshal.Cast<Vec3, float>(sample).CopyTo(segment.AsSpan(fill * row, row));
        if (++fill < SegmentSamples) return;
        Transform();
        // Half overlap: the second half becomes the first half of the next segment.
        int half = SegmentSamples / 2;
        Array.Copy(segment, (long)half * row, segment, 0, (long)half * row);
        fill = half;
    }

    private void Transform()
    {
        int n = SegmentSamples, bins = Bins, row = PerAtom * atoms;
        var partial = new double[Chunks][];
        var power = new double[Chunks];
        Parallel.For(0, Chunks, chunk =>
        {
            var sums = new double[4 * bins];
            var z = new Complex[n];
            double p = 0;
            int first = (int)((long)atoms * chunk / Chunks), end = (int)((long)atoms * (chunk + 1) / Chunks);
            for (int a = first; a < end; a++)
            {
                int offset = sides[a] == 0 ? 0 : bins;
                for (int c = 0; c < 3; c++)
                {
                    int xAt = 3 * a + c, vAt = 3 * atoms + 3 * a + c;
                    for (int t = 0; t < n; t++)
                    {
                        double x = segment[(long)t * row + xAt], v = segment[(long)t * row + vAt];
                        z[t] = new Complex(window[t] * x, window[t] * v);
                        p += window[t] * window[t] * x * v;
                    }
                    Fourier.Forward(z, FourierOptions.NoScaling);
                    for (int m = 0; m < bins; m++)
                    {
                        Complex zm = z[m], zn = Complex.Conjugate(z[(n - m) % n]);
                        Complex xm = 0.5 * (zm + zn), vm = (zm - zn) / new Complex(0, 2);
                        sums[offset + m] += (xm * Complex.Conjugate(vm)).Real;
                        sums[2 * bins + offset + m] += masses[a] * (vm.Real * vm.Real + vm.Imaginary * vm.Imaginary);
                    }
                }
            }
            partial[chunk] = sums;
            power[chunk] = p;
        });
        double total = 0;
        for (int chunk = 0; chunk < Chunks; chunk++)
        {
            var sums = partial[chunk];
            for (int m = 0; m < bins; m++)
            {
                crossA[m] += sums[m];
                crossB[m] += sums[bins + m];
                dosA[m] += sums[2 * bins + m];
                dosB[m] += sums[3 * bins + m];
            }
            total += power[chunk];
        }
        segmentPower.Add(total / windowPower);
        segments++;
    }

    /// <summary>
    /// The spectra so far, averaged over the segments, for samples <paramref name="sampleTime"/> apart (time):
    /// q of each side's atoms (energy: power per unit frequency, one-sided, so Σ_m q_m Δf is the mean power),
    /// and each side's vibrational density of states Σ m |v(f)|² normalised to Σ_m D_m Δf = 1 (time).
    /// </summary>
    public WelchSpectra Spectra(double sampleTime)
    {
        int bins = Bins, n = SegmentSamples;
        double df = 1 / (n * sampleTime);
        var f = new double[bins];
        var qA = new double[bins];
        var qB = new double[bins];
        var dA = new double[bins];
        var dB = new double[bins];
        double scale = segments > 0 ? sampleTime / (windowPower * segments) : double.NaN;
        for (int m = 0; m < bins; m++)
        {
            double c = m == 0 || m == n / 2 ? 1 : 2;
            f[m] = m * df;
            qA[m] = c * scale * crossA[m];
            qB[m] = c * scale * crossB[m];
            dA[m] = c * dosA[m];
            dB[m] = c * dosB[m];
        }
        Normalise(dA, df);
        Normalise(dB, df);
        return new WelchSpectra(f, df, qA, qB, dA, dB, segments, [.. segmentPower]);
    }

    private static void Normalise(double[] d, double df)
    {
        double sum = d.Sum() * df;
        for (int m = 0; m < d.Length; m++) d[m] = sum > 0 ? d[m] / sum : double.NaN;
    }

    /// <summary>Everything needed to continue exactly: the running sums, the per-segment powers and the partial segment.</summary>
    public WelchState Capture() => new(atoms, SegmentSamples, fill, segments,
        segment.AsSpan(0, fill * PerAtom * atoms).ToArray(), (double[])crossA.Clone(), (double[])crossB.Clone(),
        (double[])dosA.Clone(), (double[])dosB.Clone(), [.. segmentPower]);

    /// <summary>Replaces the state by a captured one (of the same atoms and segment length).</summary>
    public void Restore(WelchState s)
    {
        if (s.Atoms != atoms || s.SegmentSamples != SegmentSamples)
            throw new ArgumentException($"stored spectra are for {s.Atoms} atoms and segments of {s.SegmentSamples} samples; this run has {atoms} and {SegmentSamples}");
        if (s.Fill < 0 || s.Fill >= SegmentSamples || s.Buffer.Length != (long)s.Fill * PerAtom * atoms
            || s.CrossA.Length != Bins || s.CrossB.Length != Bins || s.DosA.Length != Bins || s.DosB.Length != Bins
            || s.SegmentPower.Length != s.Segments)
            throw new ArgumentException("stored spectra have inconsistent lengths");
        fill = s.Fill;
        segments = s.Segments;
        s.Buffer.CopyTo(segment, 0);
        s.CrossA.CopyTo(crossA, 0);
        s.CrossB.CopyTo(crossB, 0);
        s.DosA.CopyTo(dosA, 0);
        s.DosB.CopyTo(dosB, 0);
        segmentPower.Clear();
        segmentPower.AddRange(s.SegmentPower);
    }
}

/// <summary>
/// The state of a <see cref="WelchCrossSpectra"/>: <paramref name="Buffer"/> holds the <paramref name="Fill"/>
/// samples of the current segment; the sums are unnormalised (per side, per frequency bin).
/// </summary>
public sealed record WelchState(int Atoms, int SegmentSamples, int Fill, int Segments, float[] Buffer,
    double[] CrossA, double[] CrossB, double[] DosA, double[] DosB, double[] SegmentPower);

/// <summary>
/// Segment-averaged spectra: frequencies f (1/time) with spacing <paramref name="Resolution"/>; the
/// spectral heat current of side A's and side B's atoms (energy; q = QA + QB); each side's normalised
/// vibrational density of states (time); and the mean interfacial power of each segment (energy/time).
/// </summary>
public sealed record WelchSpectra(double[] Frequencies, double Resolution, double[] QA, double[] QB, double[] DosA, double[] DosB,
    int Segments, double[] SegmentPower)
{
    /// <summary>q(f) = QA + QB (energy).</summary>
    public double[] Q => QA.Zip(QB, (a, b) => a + b).ToArray();
}
