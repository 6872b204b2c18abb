using NemdEngine.Model;
using NemdEngine.Phonons;

namespace NemdEngine.Theory;

/// <summary>
/// The Landauer conductance per area of a transmission function T(ω) (channels per area, 1/length²,
/// on a <see cref="FrequencyGrid"/>): G = ∫ dω/2π ħω ∂n/∂T T(ω) (physics.md), with the Bose-Einstein
/// occupation n = 1/(e^{ħω/k_BT} − 1) (quantum) or its classical limit ħω ∂n/∂T → k_B. Units: k_B in the
/// unit system's energy per temperature, so G is in its conductance unit (k_B/(σ²τ), eV/(ps Å² K)).
/// </summary>
public static class Landauer
{
    /// <summary>The classical conductance k_B ∫ dω/2π T(ω) (midpoint rule on the grid's bins).</summary>
    public static double Classical(FrequencyGrid grid, IReadOnlyList<double> transmission, UnitSystem units) =>
        units.Boltzmann * grid.Step / (2 * Math.PI) * transmission.Sum();

    /// <summary>The quantum conductance at <paramref name="temperature"/> (the unit system's temperature unit, &gt; 0).</summary>
    public static double Quantum(FrequencyGrid grid, IReadOnlyList<double> transmission, UnitSystem units, double temperature)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), "the temperature must be positive");
        double hbar = PlanckConstant.ReducedIn(units), kT = units.EnergyOf(temperature);
        double sum = 0;
        for (int k = 0; k < grid.Count; k++)
            sum += ModeHeatCapacity(hbar * grid[k] / kT) * transmission[k];
        return units.Boltzmann * grid.Step / (2 * Math.PI) * sum;
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
