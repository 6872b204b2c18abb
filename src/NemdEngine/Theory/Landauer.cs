using NemdEngine.Model;
using NemdEngine.Phonons;

namespace NemdEngine.Theory;

/// <summary>
/// The Landauer conductance per area of a transmission function T(ω) (channels per area, 1/length²,
/// on a <see cref="FrequencyGrid"/>, one value per bin): G = ∫ dω/2π ħω ∂n/∂T T(ω) (physics.md), with the Bose-Einstein
/// occupation n = 1/(e^{ħω/k_BT} − 1) (quantum) or its classical limit ħω ∂n/∂T → k_B. Units: k_B in the
/// unit system's energy per temperature, so G is in its conductance unit (k_B/(σ²τ), eV/(ps Å² K)).
/// </summary>
public static class Landauer
{
    /// <summary>Below this fraction of the grid's top, T(ω) is the Debye tail A ω² (see <see cref="Tail"/>).</summary>
    public const double TailFraction = 0.1;
    /// <summary>Sub-points per bin: ħω ∂n/∂T varies on the scale k_BT/ħ, finer than a bin at low T.</summary>
    private const int SubPoints = 8;

    /// <summary>The classical conductance k_B ∫ dω/2π T(ω).</summary>
    public static double Classical(FrequencyGrid grid, IReadOnlyList<double> transmission, UnitSystem units) =>
        units.Boltzmann / (2 * Math.PI) * Integrate(grid, transmission, _ => 1);

    /// <summary>The quantum conductance at <paramref name="temperature"/> (the unit system's temperature unit, &gt; 0).</summary>
    public static double Quantum(FrequencyGrid grid, IReadOnlyList<double> transmission, UnitSystem units, double temperature)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), "the temperature must be positive");
        double scale = PlanckConstant.ReducedIn(units) / units.EnergyOf(temperature);
        return units.Boltzmann / (2 * Math.PI) * Integrate(grid, transmission, w => ModeHeatCapacity(scale * w));
    }

    /// <summary>
    /// The coefficient A of the low-frequency tail T(ω) = A ω²: a q-mesh or a transverse k-mesh cannot resolve
    /// the lowest frequencies (no sampled k∥ is small enough), but every side is a Debye solid there (N ∝ ω²
    /// for sound waves, and so is any model's T), which is what gives G ∝ T³ at low T. A is the
    /// least-squares fit of A ω² to the bins between 1 and 2 times <see cref="TailFraction"/> of the top.
    /// </summary>
    public static double Tail(FrequencyGrid grid, IReadOnlyList<double> transmission)
    {
        double num = 0, den = 0;
        for (int k = 0; k < grid.Count; k++)
        {
            double w = grid[k];
            if (w < TailFraction * grid.Max || w > 2 * TailFraction * grid.Max) continue;
            num += transmission[k] * w * w;
            den += w * w * w * w;
        }
        return den > 0 ? num / den : 0;
    }

    /// <summary>∫₀^max dω T(ω) f(ω): the tail A ω² below <see cref="TailFraction"/> of the top, bin values above, each bin sub-sampled.</summary>
    private static double Integrate(FrequencyGrid grid, IReadOnlyList<double> transmission, Func<double, double> weight)
    {
        double a = Tail(grid, transmission), cut = TailFraction * grid.Max, sum = 0;
        // The tail on a fine grid of its own (the weight can vary there on any scale).
        const int tailPoints = 2000;
        double h = cut / tailPoints;
        for (int i = 0; i < tailPoints; i++)
        {
            double w = (i + 0.5) * h;
            sum += h * a * w * w * weight(w);
        }
        double sub = grid.Step / SubPoints;
        for (int k = 0; k < grid.Count; k++)
        {
            double from = k * grid.Step;
            for (int s = 0; s < SubPoints; s++)
            {
                double w = from + (s + 0.5) * sub;
                if (w < cut) continue;
                sum += sub * transmission[k] * weight(w);
            }
        }
        return sum;
    }

    /// <summary>
    /// ħω ∂n/∂T in units of k_B, for x = ħω/k_BT: x² eˣ/(eˣ − 1)² = (x/2)²/sinh²(x/2), written so that it
    /// neither cancels at small x nor overflows at large x; 1 in the classical limit x → 0.
    /// </summary>
    public static double ModeHeatCapacity(double x)
    {
        if (x < 1e-8) return 1;
        if (x > 700) return 0;
        double s = Math.Sinh(0.5 * x);
        return 0.25 * x * x / (s * s);
    }
}

/// <summary>ħ in each unit system: needed only for quantum (Bose-Einstein) conductances.</summary>
public static class PlanckConstant
{
    /// <summary>ħ in eV ps (CODATA 2018, exact SI constants).</summary>
    public const double ReducedEvPicosecond = 6.582119569e-4;

    /// <summary>
    /// ħ in LJ units for argon (physics.md: σ = 3.405 Å, ε/k_B = 119.8 K, m = 39.948 u):
    /// ħ/(σ √(m ε)) ≈ 0.0296. Reduced units have no ħ of their own; a quantum LJ result is argon's.
    /// </summary>
    public static readonly double ReducedArgon = 1.054571817e-34 / (3.405e-10 * Math.Sqrt(39.948 * 1.66053906660e-27 * 119.8 * 1.380649e-23));

    public static double ReducedIn(UnitSystem units) => units.Name switch
    {
        "metal" => ReducedEvPicosecond,
        "lj" => ReducedArgon,
        _ => throw new ArgumentException($"no ħ for unit system '{units.Name}'"),
    };
}
