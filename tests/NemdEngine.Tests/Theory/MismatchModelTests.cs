using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Phonons;
using NemdEngine.Tests.Phonons;
using NemdEngine.Theory;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Theory;

/// <summary>The mismatch models and the Landauer integral against their closed forms (physics.md, "Theory to compare with").</summary>
public class MismatchModelTests(ITestOutputHelper output)
{
    /// <summary>LJ fcc at its zero-pressure constant with mass m: physics.md's equal-ε, equal-σ sides.</summary>
    private static InterfaceSide LennardJonesSide(double mass, FrequencyGrid grid)
    {
        double a = PhononSystems.LennardJonesA0.Value;
        var crystal = BulkCrystal.Build(PhononSystems.LennardJones(), CrystalLattice.Fcc, a, a, 0, mass);
        return new InterfaceSide($"m={mass}", PhononSpectrum.Compute(crystal, grid, mesh: 14), Dispersion.SoundSpeeds(crystal), crystal.MassDensity, crystal.NumberDensity);
    }

    private static readonly Lazy<(InterfaceSide Light, InterfaceSide Heavy)> Sides = new(() =>
    {
        var grid = new FrequencyGrid(1.1 * PhononSpectrum.HighestFrequency(PhononSystems.LennardJonesFcc.Value, 4), 200);
        return (LennardJonesSide(1, grid), LennardJonesSide(3, grid));
    });

    [Fact]
    public void AmmNormalIncidenceIsTheImpedanceFormulaAndIdenticalSidesTransmitEverything()
    {
        double t = AcousticMismatch.Transmission(2.0, 3.0, 5.0, 1.5, 0);
        double z1 = 6.0, z2 = 7.5;
        Assert.Equal(4 * z1 * z2 / ((z1 + z2) * (z1 + z2)), t, 14);
        for (double angle = 0; angle < 1.5; angle += 0.1)
            Assert.Equal(1, AcousticMismatch.Transmission(2.0, 3.0, 2.0, 3.0, angle), 12);
        Assert.Equal(1, AcousticMismatch.AngleIntegrated(2.0, 3.0, 2.0, 3.0), 9);
        // c₂ = 2c₁: total internal reflection beyond θ_c = 30°.
        Assert.True(AcousticMismatch.Transmission(1, 1, 1, 2, 29.9 * Math.PI / 180) > 0);
        Assert.Equal(0, AcousticMismatch.Transmission(1, 1, 1, 2, 30.1 * Math.PI / 180));
        // Angle-integrated below normal incidence when refraction bends waves away, and only the cone inside θ_c crosses.
        Assert.True(AcousticMismatch.AngleIntegrated(1, 1, 1, 2) < 0.25 * 1.0 + 1e-9);
    }

    [Fact]
    public void AmmOfTheLennardJonesMassMismatchIsFourRootMassRatioOverOnePlusRootSquared()
    {
        var (light, heavy) = Sides.Value;
        foreach (var (c1, c2) in new[] { (light.Sound.Longitudinal, heavy.Sound.Longitudinal), (light.Sound.Transverse, heavy.Sound.Transverse) })
        {
            double t = AcousticMismatch.Transmission(light.MassDensity, c1, heavy.MassDensity, c2, 0);
            double expected = 4 * Math.Sqrt(3) / Math.Pow(1 + Math.Sqrt(3), 2);
            output.WriteLine($"normal incidence light → heavy: {t:F6} (physics.md: 4√3/(1+√3)² = {expected:F6}); c₂/c₁ = {c2 / c1:F6}");
            Assert.Equal(expected, t, 6);
        }
        var (l, tr) = MismatchModels.AcousticTransmissions(light, heavy);
        output.WriteLine($"angle-integrated: α_L = {l:F4}, α_T = {tr:F4}");
        Assert.InRange(l, 0.5, Normal(3)); // below normal incidence, above the impedance floor
        Assert.InRange(tr, 0.5, Normal(3));
        static double Normal(double r) => 4 * Math.Sqrt(r) / Math.Pow(1 + Math.Sqrt(r), 2) + 1e-9;
    }

    [Fact]
    public void DmmLimits()
    {
        var (light, heavy) = Sides.Value;
        var grid = light.Spectrum.Grid;
        var n1 = light.Spectrum.Channels;
        // Identical sides: α = ½ at every frequency.
        var same = MismatchModels.DiffuseMismatch(light, light);
        for (int k = 0; k < grid.Count; k++)
            if (n1[k] > 0) Assert.Equal(0.5, same[k] / n1[k], 12);
        // Equal-density LJ sides (physics.md): α(light → heavy) = m_R/(1 + m_R) = 0.75 where both are Debye-like (low ω).
        var dmm = MismatchModels.DiffuseMismatch(light, heavy);
        double heavyTop = heavy.Spectrum.MaxFrequency;
        var low = Enumerable.Range(0, grid.Count).Where(k => grid[k] > 0.05 * heavyTop && grid[k] < 0.2 * heavyTop).ToArray();
        double alpha = low.Average(k => dmm[k] / n1[k]);
        output.WriteLine($"DMM light → heavy at low ω: α = {alpha:F4} (m_R/(1+m_R) = 0.75); heavy ω_max = {heavyTop:F3} 1/τ");
        // Dispersion already bends N(ω) away from ω² in this window (the heavy side's by √3 more), and the
        // q-mesh is coarse at low ω: within 0.015 of the Debye value. The Debye form itself is exact below.
        Assert.InRange(alpha, 0.735, 0.765);
        // Above the heavy side's highest frequency nothing crosses.
        Assert.All(Enumerable.Range(0, grid.Count).Where(k => grid[k] > heavyTop + 5 * grid.Step), k => Assert.True(dmm[k] < 1e-9 * n1.Max()));
        // Radiation limit bounds DMM from above, and equals N₁ for identical sides.
        var rad = MismatchModels.RadiationLimit(light, heavy);
        Assert.All(Enumerable.Range(0, grid.Count), k => Assert.True(dmm[k] <= rad[k] + 1e-12));
    }

    [Fact]
    public void DmmOfDebyeSidesIsPhysicsMdsSoundSpeedFormula()
    {
        // N_i(ω) = Σ_j ω²/(4π c_ij²) below both cut-offs: α₁₂ = Σ c₂⁻² / (Σ c₁⁻² + Σ c₂⁻²).
        var grid = new FrequencyGrid(10, 50);
        double[] c1 = [9.5, 7.2, 7.2], c2 = [5.5, 4.1, 4.1];
        InterfaceSide Debye(double[] c) => new("debye", new PhononSpectrum
        {
            Grid = grid,
            DensityOfStates = new double[grid.Count],
            BranchChannels = c.Select(s => grid.Values.Select(w => w * w / (4 * Math.PI * s * s)).ToArray()).ToArray(),
            MaxFrequency = grid.Max,
        }, new SoundSpeeds(c[0], c[1], c[2]), 1, 1);
        var (one, two) = (Debye(c1), Debye(c2));
        double expected = c2.Sum(c => 1 / (c * c)) / (c1.Sum(c => 1 / (c * c)) + c2.Sum(c => 1 / (c * c)));
        var dmm = MismatchModels.DiffuseMismatch(one, two);
        var n1 = one.Spectrum.Channels;
        for (int k = 0; k < grid.Count; k++) Assert.Equal(expected, dmm[k] / n1[k], 12);
    }

    [Fact]
    public void ClassicalLandauerOfADebyeSideIsPhysicsMdsRadiationConductance()
    {
        // N(ω) = ω²/(4π c²) per branch up to ω_D = (6π² n)^{1/3} c: G = (n k_B / 4) c per branch.
        double n = 1.07, c = 7.2;
        double wd = Math.Cbrt(6 * Math.PI * Math.PI * n) * c;
        var grid = new FrequencyGrid(wd, 20000);
        var channels = grid.Values.Select(w => w * w / (4 * Math.PI * c * c)).ToArray();
        double g = Landauer.Classical(grid, channels, UnitSystem.LennardJones);
        Assert.Equal(n * c / 4, g, 6);
    }

    [Fact]
    public void QuantumLandauerGrowsAsTCubedAndSaturatesAtTheClassicalValue()
    {
        var units = UnitSystem.Metal;
        double wd = 60; // rad/ps, θ_D = ħω_D/k_B ≈ 458 K
        var grid = new FrequencyGrid(wd, 4000);
        var channels = grid.Values.Select(w => w * w).ToArray();
        double classical = Landauer.Classical(grid, channels, units);
        double theta = PlanckConstant.ReducedEvPicosecond * wd / units.Boltzmann;
        double g1 = Landauer.Quantum(grid, channels, units, 0.01 * theta), g2 = Landauer.Quantum(grid, channels, units, 0.02 * theta);
        double slope = Math.Log(g2 / g1) / Math.Log(2);
        double high = Landauer.Quantum(grid, channels, units, 20 * theta) / classical;
        output.WriteLine($"θ_D = {theta:F1} K: d ln G / d ln T at 0.01-0.02 θ_D = {slope:F5}; G(20 θ_D)/G_classical = {high:F6}");
        Assert.Equal(3, slope, 3);
        Assert.InRange(high, 0.999, 1.0);
        Assert.True(Landauer.Quantum(grid, channels, units, theta) < classical);
    }

    [Fact]
    public void QuantumDmmOfTheEnginesPhononsGrowsAsTCubedAtLowTemperature()
    {
        // The q-mesh cannot resolve the lowest frequencies; the Debye tail fitted above them must give T³ (LJ argon ħ).
        var (light, heavy) = Sides.Value;
        var dmm = MismatchModels.DiffuseMismatch(light, heavy);
        var grid = light.Spectrum.Grid;
        var units = UnitSystem.LennardJones;
        double g1 = Landauer.Quantum(grid, dmm, units, 0.001), g2 = Landauer.Quantum(grid, dmm, units, 0.002);
        double slope = Math.Log(g2 / g1) / Math.Log(2);
        double high = Landauer.Quantum(grid, dmm, units, 50) / Landauer.Classical(grid, dmm, units);
        output.WriteLine($"DMM: d ln G/d ln T at 0.001-0.002 ε/k_B = {slope:F4}; G(50 ε/k_B)/G_classical = {high:F5}");
        Assert.Equal(3, slope, 2);
        Assert.InRange(high, 0.999, 1.0);
    }

    [Fact]
    public void NemdCorrectionRemovesTheResistanceOfIdenticalSides()
    {
        Assert.Equal(double.PositiveInfinity, NemdCorrection.Apply(2.0, 2.0, 2.0));
        // Equal to rounding of a mesh: still no jump.
        Assert.Equal(double.PositiveInfinity, NemdCorrection.Apply(2.0, 2.0 * (1 + 1e-5), 2.0));
        // 1/G = 1/1 − (1/4 + 1/2)/2 = 0.625.
        Assert.Equal(1 / 0.625, NemdCorrection.Apply(1.0, 4.0, 2.0), 12);
    }
}
