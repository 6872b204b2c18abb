using NemdEngine.Conformance;
using NemdEngine.Potentials;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Potentials;

/// <summary>
/// Zero-temperature diamond crystals (periodic in x, y and z): the lattice constant minimising E(a) and
/// the energy per atom there, against the published values of each potential.
/// </summary>
public class CohesiveEnergyTests(ITestOutputHelper output)
{
    private LatticeMinimum Report(string what, IManyBodyPotential potential, CubicCell cell)
    {
        var m = CohesiveEnergy.Minimize(potential, cell, 5.0, 6.0);
        output.WriteLine($"{what}: a = {m.LatticeConstant:F6} Å, E = {m.EnergyPerAtom:F6} eV/atom");
        return m;
    }

    [Fact]
    public void StillingerWeberSilicon()
    {
        var m = Report("SW Si (Si.sw)", new ReferenceStillingerWeber(StillingerWeberTable.Build(ShippedPotentials.SiSw, "Si")), CubicCell.Diamond());
        // Stillinger & Weber 1985: a = 5.431 Å, E = −2ε = −4.3366 eV/atom.
        Assert.InRange(m.LatticeConstant, 5.4305, 5.4315);
        Assert.InRange(m.EnergyPerAtom, -4.3366 - 1e-6, -4.3366 + 1e-6);
        // The SiGe file's Si entries are the same potential.
        var fromMixture = Report("SW Si (SiGe.sw)", ShippedPotentials.StillingerWeber("Si"), CubicCell.Diamond());
        Assert.Equal(m.EnergyPerAtom, fromMixture.EnergyPerAtom, 12);
    }

    [Fact]
    public void StillingerWeberGermaniumScalesSiliconBySigmaAndEpsilon()
    {
        var si = Report("SW Si", ShippedPotentials.StillingerWeber("Si"), CubicCell.Diamond());
        var ge = Report("SW Ge (Ding-Andersen)", ShippedPotentials.StillingerWeber("Ge"), CubicCell.Diamond());
        // At the ideal tetrahedral angle the three-body term vanishes, so Ge's E(a) is Si's scaled by
        // ε_Ge/ε_Si in energy and σ_Ge/σ_Si in length (λ only matters away from the ideal angle).
        Assert.Equal(si.LatticeConstant * 2.181 / 2.0951, ge.LatticeConstant, 5);
        Assert.Equal(si.EnergyPerAtom * 1.93 / 2.1683, ge.EnergyPerAtom, 9);
        Assert.Equal(-2 * 1.93, ge.EnergyPerAtom, 5);
    }

    [Fact]
    public void TersoffSiliconAndGermanium()
    {
        var si = Report("Tersoff Si", ShippedPotentials.Tersoff("Si"), CubicCell.Diamond());
        // Tersoff 1989 Si (physics.md): a ≈ 5.432 Å, E ≈ −4.63 eV/atom.
        Assert.InRange(si.LatticeConstant, 5.431, 5.433);
        Assert.InRange(si.EnergyPerAtom, -4.64, -4.62);
        var ge = Report("Tersoff Ge", ShippedPotentials.Tersoff("Ge"), CubicCell.Diamond());
        // Measured 5.656747 Å and −3.850600 eV/atom, close to germanium's experimental 5.658 Å and 3.85 eV/atom.
        Assert.InRange(ge.LatticeConstant, 5.655, 5.659);
        Assert.InRange(ge.EnergyPerAtom, -3.86, -3.84);
        // Zinc-blende SiGe (every bond Si-Ge): between the elements.
        var zb = Report("Tersoff SiGe zinc blende", ShippedPotentials.Tersoff("Si", "Ge"), CubicCell.ZincBlende(0, 1));
        Assert.InRange(zb.LatticeConstant, si.LatticeConstant, ge.LatticeConstant);
        Assert.InRange(zb.EnergyPerAtom, si.EnergyPerAtom, ge.EnergyPerAtom);
    }

    [Fact]
    public void StillingerWeberZincBlendeSiGeFollowsTheMixingRule()
    {
        // Every nearest neighbor bond is Si-Ge and the angles are ideal, so E(a) is the Si-Ge pair term
        // alone: a = a_Si σ_SiGe/σ_Si and E = −2 ε_SiGe with σ_SiGe = (σ_Si + σ_Ge)/2, ε_SiGe = √(ε_Si ε_Ge).
        var si = Report("SW Si", ShippedPotentials.StillingerWeber("Si"), CubicCell.Diamond());
        var zb = Report("SW SiGe zinc blende", ShippedPotentials.StillingerWeber("Si", "Ge"), CubicCell.ZincBlende(0, 1));
        Assert.Equal(si.LatticeConstant * (2.0951 + 2.181) / 2 / 2.0951, zb.LatticeConstant, 5);
        Assert.Equal(-2 * Math.Sqrt(2.1683 * 1.93), zb.EnergyPerAtom, 8);
    }
}
