using NemdEngine.Phonons;

namespace NemdEngine.Theory;

/// <summary>One side of the interface as the models see it: its phonon spectrum, sound speeds along [001] and densities.</summary>
/// <param name="MassDensity">mass per volume (engine mass units per length³).</param>
/// <param name="NumberDensity">atoms per volume (1/length³).</param>
public sealed record InterfaceSide(string Name, PhononSpectrum Spectrum, SoundSpeeds Sound, double MassDensity, double NumberDensity);

/// <summary>
/// The mismatch models as transmission functions from side 1 (the hot side A) to side 2, in the
/// Landauer form T(ω) = N₁(ω) α₁₂(ω) (channels per area; <see cref="PhononSpectrum"/>), built from the
/// engine's own phonons (full dispersion on a q-mesh), so that one Landauer integral gives each model's
/// G(T), classical and quantum:
/// <list type="bullet">
/// <item>DMM: α₁₂ = N₂/(N₁ + N₂) (the full-dispersion form of physics.md's Σc₂⁻²/(Σc₁⁻² + Σc₂⁻²); ½ for identical sides, 0 where side 2 has no modes);</item>
/// <item>radiation limit: every mode of the side with fewer channels at ω crosses, T = min(N₁, N₂);</item>
/// <item>AMM: side 1's branch j crosses with the angle-integrated transmission of its polarization
///       (the two lowest branches transverse, the third longitudinal, optical branches taking the
///       longitudinal value) from the [001] sound speeds and mass densities, and not at all above side 2's
///       highest frequency (scattering is elastic);</item>
/// <item>a side's own radiation conductance: T = N_i (every mode of side i crosses), which the NEMD correction needs.</item>
/// </list>
/// </summary>
public static class MismatchModels
{
    public static double[] DiffuseMismatch(InterfaceSide one, InterfaceSide two)
    {
        var (n1, n2) = (one.Spectrum.Channels, two.Spectrum.Channels);
        return n1.Select((n, k) => n + n2[k] > 0 ? n * n2[k] / (n + n2[k]) : 0).ToArray();
    }

    public static double[] RadiationLimit(InterfaceSide one, InterfaceSide two)
    {
        var (n1, n2) = (one.Spectrum.Channels, two.Spectrum.Channels);
        return n1.Select((n, k) => Math.Min(n, n2[k])).ToArray();
    }

    public static double[] SideRadiation(InterfaceSide side) => side.Spectrum.Channels;

    /// <summary>α of each polarization: (longitudinal, transverse).</summary>
    public static (double Longitudinal, double Transverse) AcousticTransmissions(InterfaceSide one, InterfaceSide two) =>
        (AcousticMismatch.AngleIntegrated(one.MassDensity, one.Sound.Longitudinal, two.MassDensity, two.Sound.Longitudinal),
         AcousticMismatch.AngleIntegrated(one.MassDensity, one.Sound.Transverse, two.MassDensity, two.Sound.Transverse));

    public static double[] AcousticMismatchModel(InterfaceSide one, InterfaceSide two)
    {
        var (longitudinal, transverse) = AcousticTransmissions(one, two);
        var grid = one.Spectrum.Grid;
        var result = new double[grid.Count];
        for (int k = 0; k < grid.Count; k++)
        {
            if (grid[k] > two.Spectrum.MaxFrequency) continue;
            for (int j = 0; j < one.Spectrum.BranchChannels.Length; j++)
                result[k] += one.Spectrum.BranchChannels[j][k] * (j < 2 ? transverse : longitudinal);
        }
        return result;
    }
}

/// <summary>
/// NEMD measures the temperature jump against the local equilibrium temperatures on each side, not
/// against the emitted phonon temperatures of Landauer's picture; physics.md (Simons; Zeng and Chen
/// 2001): 1/G_NEMD = 1/G_L − (1/G_rad,1 + 1/G_rad,2)/2, with G_rad,i the conductance if every mode of
/// side i crossed.
/// </summary>
public static class NemdCorrection
{
    /// <summary>Below this fraction of 1/G_L, the corrected resistance is zero within the models' numerical accuracy (meshes, η).</summary>
    public const double ResolvedFraction = 1e-3;

    /// <summary>
    /// G comparable with NEMD; +∞ where the correction takes the whole resistance to within
    /// <see cref="ResolvedFraction"/> (G_L at the sides' radiation conductances: no jump, e.g. identical sides).
    /// </summary>
    public static double Apply(double landauer, double radiation1, double radiation2)
    {
        double resistance = 1 / landauer - 0.5 * (1 / radiation1 + 1 / radiation2);
        return resistance > ResolvedFraction / landauer ? 1 / resistance : double.PositiveInfinity;
    }
}
