using NemdEngine.Conformance;
using NemdEngine.Kernels;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Benchmarking;

/// <summary>
/// The many-body benchmark: a diamond Si crystal (a = 5.431 Å) periodic in x, y and z, n cells per
/// side (8 n³ atoms), velocities drawn at 2 × 1000 K so that the crystal equilibrates near 1000 K
/// (equipartition between kinetic and potential energy), plain NVE, dt = 1 fs, skin 1 Å; Stillinger-
/// Weber (Si.sw) or Tersoff (the Si entry of SiGe.tersoff). Metal numbers (Å, eV, ps); masses in the
/// engine's internal unit eV ps²/Å² (m × 1.0364269e-4) until the deck converts units.
/// </summary>
public static class SiliconCrystal
{
    public const double Temperature = 1000, InitialTemperature = 2 * Temperature;
    public const string StillingerWeber = "sw", Tersoff = "tersoff";

    /// <summary>n, the diamond cells per side for <paramref name="atoms"/> atoms: 8 n³ ≥ atoms, n ≥ 4 (the box holds 3 (r_c + skin)).</summary>
    public static int CellsPerSide(int atoms) => Math.Max(4, (int)Math.Ceiling(Math.Cbrt(atoms / 8.0) - 1e-9));

    /// <summary>The potential of a benchmark style, for Si only.</summary>
    public static IPotentialTable Potential(string style) => style switch
    {
        StillingerWeber => StillingerWeberTable.Build(ShippedPotentialFiles.StillingerWeber("Si.sw"), "Si"),
        Tersoff => TersoffTable.Build(ShippedPotentialFiles.Tersoff("SiGe.tersoff"), "Si"),
        _ => throw new ArgumentException($"unknown many-body style '{style}'; expected {StillingerWeber} or {Tersoff}"),
    };

    /// <param name="temperature">Of the initial velocities (K).</param>
    public static ParticleSystem Build(int atoms, double temperature = InitialTemperature, ulong seed = 87287) =>
        PeriodicCrystal.Build(CrystalLattice.Diamond, ManyBodySystems.SiliconLattice, CellsPerSide(atoms),
            (float)(ManyBodySystems.SiliconMass * ManyBodySystems.MassUnit), "Si", temperature * ManyBodySystems.Boltzmann, seed);
}
