using NemdEngine.Conformance;

namespace NemdEngine.Phonons;

/// <summary>The branches at one point of the path: q_z (1/length), its fraction of Γ→X, and ω of every branch in ascending order (rad/time).</summary>
public sealed record DispersionPoint(double Q, double Fraction, double[] Frequencies);

/// <summary>Long-wavelength sound speeds along [001] (length/time): the longitudinal branch and the mean of the two transverse ones.</summary>
public sealed record SoundSpeeds(double Longitudinal, double Transverse1, double Transverse2)
{
    public double Transverse => 0.5 * (Transverse1 + Transverse2);
}

/// <summary>Phonon dispersion along [001] (Γ → X, X = 2π/a_z) and the sound speeds from its slope at small q.</summary>
public static class Dispersion
{
    /// <summary><paramref name="points"/> evenly spaced points from Γ to X, both included.</summary>
    public static IReadOnlyList<DispersionPoint> Gamma2X(BulkCrystal crystal, int points = 101)
    {
        double x = 2 * Math.PI / crystal.ConstantZ;
        var result = new List<DispersionPoint>(points);
        for (int n = 0; n < points; n++)
        {
            double f = (double)n / (points - 1);
            var modes = crystal.ModesAt(new Double3(0, 0, f * x), velocities: false);
            result.Add(new DispersionPoint(f * x, f, modes.Select(m => m.Frequency).ToArray()));
        }
        return result;
    }

    /// <summary>
    /// c = ω/q of the three acoustic branches at q = 1 % and 0.5 % of Γ→X, extrapolated to q → 0
    /// (c(q) = c₀ (1 − b q²) + ..., so c₀ = (4 c(q/2) − c(q))/3). The longitudinal branch is the acoustic
    /// one polarized most along z.
    /// </summary>
    public static SoundSpeeds SoundSpeeds(BulkCrystal crystal)
    {
        double q = 0.01 * 2 * Math.PI / crystal.ConstantZ;
        var (l1, t1a, t1b) = Acoustic(crystal, q);
        var (l2, t2a, t2b) = Acoustic(crystal, q / 2);
        double Extrapolate(double far, double near) => (4 * near - far) / 3;
        return new SoundSpeeds(Extrapolate(l1, l2), Extrapolate(t1a, t2a), Extrapolate(t1b, t2b));
    }

    private static (double L, double T1, double T2) Acoustic(BulkCrystal crystal, double q)
    {
        var acoustic = crystal.ModesAt(new Double3(0, 0, q), velocities: false).Take(3).ToArray();
        var longitudinal = acoustic.MaxBy(m => m.LongitudinalWeight);
        var transverse = acoustic.Where(m => !m.Equals(longitudinal)).Select(m => m.Frequency / q).OrderBy(c => c).ToArray();
        return (longitudinal.Frequency / q, transverse[0], transverse[1]);
    }
}
