using NemdEngine.Conformance;
using NemdEngine.Input;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Phonons;
using NemdEngine.Potentials;
using NemdEngine.Tests.Potentials;

namespace NemdEngine.Tests.Phonons;

/// <summary>The crystals the phonon and theory tests share: LJ fcc (ε = σ = m = 1, r_c = 2.5, shifted) and SW Si.</summary>
public static class PhononSystems
{
    public static ReferencePairPotential LennardJones(double cutoff = 2.5) =>
        new(new PairSpec[,] { { new PairSpec("A", "A", 1, 1, cutoff) } });

    public static ReferenceStillingerWeber SiliconSw => new(StillingerWeberTable.Build(ShippedPotentials.SiSw, "Si"));

    /// <summary>The zero-pressure fcc constant of the LJ potential (σ).</summary>
    public static readonly Lazy<double> LennardJonesA0 = new(() =>
        CohesiveEnergy.Minimize(LennardJones(), CubicCell.Of(CrystalLattice.Fcc, 0), 1.4, 1.7, 1e-9).LatticeConstant);

    /// <summary>The zero-pressure diamond constant of SW Si (Å).</summary>
    public static readonly Lazy<double> SiliconA0 = new(() =>
        CohesiveEnergy.Minimize(SiliconSw, CubicCell.Diamond(), 5.0, 6.0, 1e-9).LatticeConstant);

    public static readonly Lazy<BulkCrystal> LennardJonesFcc = new(() =>
        BulkCrystal.Build(LennardJones(), CrystalLattice.Fcc, LennardJonesA0.Value, LennardJonesA0.Value, 0, 1.0));

    /// <summary>SW Si, mass 28.0855 g/mol in metal engine units (rad/ps frequencies).</summary>
    public static readonly Lazy<BulkCrystal> Silicon = new(() =>
        BulkCrystal.Build(SiliconSw, CrystalLattice.Diamond, SiliconA0.Value, SiliconA0.Value, 0, 28.0855 * UnitSystem.Metal.MassScale));

    /// <summary>1 eV/Å³ in GPa.</summary>
    public const double GigapascalPerEvPerCubicAngstrom = 160.21766208;
}
