using NemdEngine.Input;

namespace NemdEngine.Sampling.Spectral;

/// <summary>
/// What a deck's [spectral] section asks for, in numbers: the slab of atoms sampled (every mobile
/// atom within <see cref="Thickness"/> of the interface plane, on either side), a sample every
/// <see cref="SampleInterval"/> production steps, and segments of <see cref="SegmentSamples"/> samples
/// (the frequency resolution Δf = 1/(N Δt_s)). Shared by the validator and the sampler.
/// </summary>
/// <param name="Thickness">Half-width of the slab on each side of the interface plane (length).</param>
/// <param name="SampleTime">Δt_s = SampleInterval × timestep (time).</param>
public sealed record SpectralPlan(double Thickness, int SampleInterval, int SegmentSamples, double SampleTime)
{
    /// <summary>Segment length when the deck gives no resolution: 512 samples (Δf = Nyquist / 256).</summary>
    public const int DefaultSegmentSamples = 512;
    /// <summary>The longest segment accepted (2^22 samples).</summary>
    public const int MaxSegmentSamples = 1 << 22;
    /// <summary>Production must hold this many segment lengths (two segments that do not overlap, three with the half overlap).</summary>
    public const int MinimumSegmentLengths = 2;

    /// <summary>Δf = 1/(N Δt_s) (1/time).</summary>
    public double Resolution => 1 / (SegmentSamples * SampleTime);
    /// <summary>The highest frequency resolved, 1/(2 Δt_s) (1/time).</summary>
    public double Nyquist => 0.5 / SampleTime;

    /// <summary>The plan of a deck with [spectral] enabled; <paramref name="cutoff"/> is the potentials' largest cutoff (length), the default thickness.</summary>
    public static SpectralPlan For(Deck deck, double cutoff)
    {
        var s = deck.Spectral ?? throw new ArgumentException("the deck has no [spectral] section");
        int interval = s.SampleInterval ?? deck.Run.SampleInterval;
        double sampleTime = interval * deck.Run.Timestep;
        return new SpectralPlan(s.Thickness ?? cutoff, interval, SegmentFor(s.Resolution, sampleTime), sampleTime);
    }

    /// <summary>The even segment length nearest 1/(Δf Δt_s), at least 4 (or the default for no resolution); saturates at int.MaxValue.</summary>
    public static int SegmentFor(double? resolution, double sampleTime)
    {
        if (resolution is not double df) return DefaultSegmentSamples;
        double n = 1 / (df * sampleTime);
        if (!(n < int.MaxValue - 2)) return int.MaxValue;
        return Math.Max(4, 2 * (int)Math.Round(n / 2));
    }
}
