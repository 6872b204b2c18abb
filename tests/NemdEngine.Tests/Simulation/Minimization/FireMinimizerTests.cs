using NemdEngine.Backends;
using NemdEngine.Conformance;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Simulation;
using NemdEngine.Simulation.Minimization;

namespace NemdEngine.Tests.Simulation.Minimization;

/// <summary>
/// FIRE at fixed box on LJ bilayers of 6 × 6 × 8 fcc cells (1,152 atoms, 576 mobile): frozen walls of
/// 2 cells (4 planes, 3.1 σ, more than the 2.5 σ cutoff), so that every mobile atom of the perfect
/// lattice has all its neighbours and feels no force by symmetry.
/// <para>
/// Measured on the cpu backend (2 cores, 0.2–0.35 ms per FIRE step) with max |F| ≤ 1e-3 ε/σ, steps
/// for (α_start, N_delay) = (0.1, 5) | (0.25, 20) | (0.1, 20) | (0.25, 5): lattice perturbed by
/// ±0.05 σ 132 | 123 | 187 | 94; σ_B = 1.1 built at A's spacing 124 | 119 | 137 | 93; σ_B = 1.05
/// 108 | 96 | 132 | 81; σ_B = 0.95 108 | 103 | 135 | 76. Single-precision forces stop max |F| at
/// 1e-4 (perfect lattice) to 4e-4 ε/σ (σ_B = 1.1): tolerances below that are not reached.
/// </para>
/// </summary>
[Collection(FireBackends.Collection)]
public class FireMinimizerTests(FireBackends backends)
{
    private const double Tolerance = 1e-3; // ε/σ
    private const double Perturbation = 0.05; // σ

    public static TheoryData<string> Devices => new() { DeviceCatalog.Cpu, DeviceCatalog.IlgpuCpu };

    private static readonly FireOptions Options = new() { ForceTolerance = Tolerance, MaxSteps = 2000 };

    /// <summary>Uniform LJ on both sides; σ_B ≠ 1 makes B's natural spacing differ from the lattice it is built on.</summary>
    private static PairSpec[] Pairs(double sigmaB) =>
        [new("light", "light", 1, 1, 2.5), new("light", "heavy", 1, 0.5 * (1 + sigmaB), 2.5), new("heavy", "heavy", 1, sigmaB, 2.5)];

    private static SimulationEngine Bilayer(IComputeBackend backend, double sigmaB, out ParticleSystem system) =>
        ConformanceSystems.Create(backend, ConformanceSystems.Deck(cellsXY: 6, cellsA: 4, cellsB: 4, frozen: 2, reservoir: 1, pairs: Pairs(sigmaB)),
            ConformanceSystems.AllNve, out system);

    /// <summary>The lattice with every mobile atom displaced by up to ±<see cref="Perturbation"/> per component.</summary>
    private static Vec3[] PerturbedMobile(ParticleSystem system, int seed)
    {
        var noise = ConformanceSystems.Perturbed(system.Positions, Perturbation, seed);
        var positions = (Vec3[])system.Positions.Clone();
        foreach (int i in system.MobileIndices()) positions[i] = noise[i];
        return positions;
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void PerturbedLatticeReturnsToTheLatticeAndItsEnergy(string device)
    {
        var backend = backends.Get(device);
        using var sim = Bilayer(backend, 1.0, out var system);
        double latticeEnergy = sim.ComputeEnergy().Potential / system.Count;
        sim.WritePositions(PerturbedMobile(system, seed: 3));
        using var fire = new FireMinimizer(sim, system.MobileIndices(), Options);

        var result = fire.Minimize();

        Assert.True(result.Converged, result.Summary);
        Assert.Equal(MinimizationStop.ForceTolerance, result.Stop);
        Assert.True(result.InitialMaxForce > 10, $"the perturbation gave max |F| {result.InitialMaxForce} only");
        Assert.InRange(result.FinalMaxForce, 0, Tolerance);
        Assert.True(Math.Abs(result.FinalEnergyPerAtom - latticeEnergy) < 1e-6 * Math.Abs(latticeEnergy),
            $"U/N {result.FinalEnergyPerAtom:G9}, lattice {latticeEnergy:G9} ε");
        Assert.True(result.InitialEnergyPerAtom > latticeEnergy + 0.1, $"U0/N {result.InitialEnergyPerAtom}");
        // The reduction on the backend against the engine's own tallies.
        Assert.Equal(result.FinalEnergyPerAtom, sim.ComputeEnergy().Potential / system.Count, 1e-9);
        var forces = sim.ReadForces();
        Assert.All(system.MobileIndices(), i => Assert.InRange(Math.Sqrt(forces[i].LengthSquared), 0, Tolerance));

        var positions = sim.ReadPositions();
        double worst = 0;
        for (int i = 0; i < system.Count; i++)
        {
            if (system.Regions[i] == Region.Frozen)
                Assert.True(BitEqual(positions[i], system.Positions[i]), $"frozen atom {i} moved: {system.Positions[i]} -> {positions[i]}");
            else
                worst = Math.Max(worst, Distance(positions[i], system.Positions[i], system));
        }
        Assert.True(worst < 1e-3, $"an atom ended {worst:E2} σ from its lattice site");
        Assert.All(sim.ReadVelocities(), v => Assert.Equal(0f, v.LengthSquared));
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void MismatchedInterfaceRelaxesBelowTheTolerance(string device)
    {
        var backend = backends.Get(device);
        // B's σ is 10 % larger than A's, but B is built on A's lattice: compressed, with large forces at the interface.
        using var sim = Bilayer(backend, 1.1, out var system);
        var frozenBefore = system.IndicesOf(Region.Frozen).Select(i => sim.ReadPositions()[i]).ToArray();
        using var fire = new FireMinimizer(sim, system.MobileIndices(), Options);

        var result = fire.Minimize();

        Assert.True(result.Converged, result.Summary);
        Assert.True(result.InitialMaxForce > 20, $"the mismatch gave max |F| {result.InitialMaxForce} only");
        Assert.InRange(result.FinalMaxForce, 0, Tolerance);
        Assert.True(result.FinalEnergyPerAtom < result.InitialEnergyPerAtom - 0.1, result.Summary);
        Assert.True(result.NeighborBuilds > 0, "the interface planes moved by more than half the skin: the list must have been rebuilt");
        var forces = sim.ReadForces();
        Assert.All(system.MobileIndices(), i => Assert.InRange(Math.Sqrt(forces[i].LengthSquared), 0, Tolerance));
        var after = sim.ReadPositions();
        Assert.All(system.IndicesOf(Region.Frozen).Select((atom, k) => (atom, k)), t => Assert.True(BitEqual(after[t.atom], frozenBefore[t.k])));
    }

    /// <summary>
    /// What FIRE promises about the energy: a step that did not start with a restart can raise it only
    /// by going uphill at its end (P = F·v ≤ 0, exactly so when the energy is convex along the step), and
    /// then the next step restarts. Restarts themselves (velocities zeroed, every atom moved back half a
    /// step, also those that were going downhill) may raise it. The tolerance is the single-precision
    /// rounding of the summed energy (measured up to 5e-8 |E|).
    /// </summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public void EnergyRisesOnlyWhereFireRestartsNext(string device)
    {
        var backend = backends.Get(device);
        // The mismatched interface: its relaxation overshoots (on the lattice perturbed at random, FIRE 2.0 never went uphill).
        using var sim = Bilayer(backend, 1.1, out var system);
        using var fire = new FireMinimizer(sim, system.MobileIndices(), Options);
        var steps = new List<FireStep>();

        var result = fire.Minimize(steps.Add);

        Assert.True(result.Converged, result.Summary);
        Assert.Equal(result.Steps, steps.Count);
        Assert.True(result.Restarts > 0, "no restart: the test did not exercise them");
        double initialEnergy = result.InitialEnergyPerAtom * system.Count;
        int rises = 0;
        for (int k = 0; k < steps.Count; k++)
        {
            double before = k == 0 ? initialEnergy : steps[k - 1].Energy;
            if (steps[k].Restarted || steps[k].Energy - before <= 2e-7 * Math.Abs(before)) continue;
            rises++;
            Assert.True(steps[k].Power <= 0, $"step {steps[k].Step} raised U from {before} to {steps[k].Energy} and still finds P = {steps[k].Power} > 0");
            Assert.True(k + 1 == steps.Count || steps[k + 1].Restarted, $"step {steps[k].Step + 1} did not restart after P <= 0");
        }
        Assert.True(rises > 0, "no uphill step: the test did not exercise FIRE's check");
        Assert.True(steps[^1].Energy < initialEnergy);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void SameInputGivesTheSameBits(string device)
    {
        var backend = backends.Get(device);
        (MinimizationResult Result, Vec3[] Positions, FireStep[] Steps) Once()
        {
            using var sim = Bilayer(backend, 1.1, out var system);
            sim.WritePositions(PerturbedMobile(system, seed: 11));
            using var fire = new FireMinimizer(sim, system.MobileIndices(), Options with { MaxSteps = 40 });
            var steps = new List<FireStep>();
            var result = fire.Minimize(steps.Add);
            return (result, (Vec3[])sim.ReadPositions().Clone(), steps.ToArray());
        }
        var a = Once();
        var b = Once();
        Assert.Equal(a.Result, b.Result);
        Assert.Equal(a.Steps, b.Steps);
        Assert.True(a.Positions.Zip(b.Positions).All(p => BitEqual(p.First, p.Second)), "positions differ between two identical minimizations");
    }

    [Fact]
    public void StepLimitStopsUnconvergedAndSaysSo()
    {
        var backend = backends.Get(DeviceCatalog.Cpu);
        using var sim = Bilayer(backend, 1.1, out var system);
        using var fire = new FireMinimizer(sim, system.MobileIndices(), Options with { MaxSteps = 10 });

        var result = fire.Minimize();

        Assert.False(result.Converged);
        Assert.Equal(MinimizationStop.MaxSteps, result.Stop);
        Assert.Equal(10, result.Steps);
        Assert.True(result.FinalMaxForce > Tolerance);
        Assert.Contains("did not converge", result.Summary);
        Assert.Contains("step limit of 10", result.Summary);
    }

    /// <summary>The intended order: build → minimize → assign velocities → equilibrate, on the same engine.</summary>
    [Fact]
    public void MinimizedEngineTakesTheBuiltVelocitiesAndRuns()
    {
        var backend = backends.Get(DeviceCatalog.Cpu);
        using var sim = Bilayer(backend, 1.1, out var system);
        using (var fire = new FireMinimizer(sim, system.MobileIndices(), Options))
            Assert.True(fire.Minimize().Converged);
        var minimized = (Vec3[])sim.ReadPositions().Clone();
        Assert.Equal(0, sim.Step);

        sim.WriteVelocities(system.Velocities);
        Assert.Equal(system.Velocities, sim.ReadVelocities());
        Assert.Equal(minimized, sim.ReadPositions());
        var (kinetic, potential) = sim.ComputeEnergy();
        sim.Run(200);
        var (k1, u1) = sim.ComputeEnergy();
        // NVE from the relaxed structure: the total energy holds to the unshifted cutoff's jumps (3e-4 per atom
        // measured in 200 steps at T = 0.3); a stale list or forces of other positions would break it.
        Assert.True(Math.Abs(k1 + u1 - kinetic - potential) < 1e-3 * system.Count, $"E {kinetic + potential} -> {k1 + u1}");
    }

    [Fact]
    public void AlreadyRelaxedStructureTakesNoStep()
    {
        var backend = backends.Get(DeviceCatalog.Cpu);
        using var sim = Bilayer(backend, 1.0, out var system);
        using var fire = new FireMinimizer(sim, system.MobileIndices(), Options);
        var result = fire.Minimize();
        Assert.True(result.Converged);
        Assert.Equal(0, result.Steps);
        Assert.Equal(sim.ReadPositions(), system.Positions);
    }

    private static bool BitEqual(Vec3 a, Vec3 b) =>
        BitConverter.SingleToInt32Bits(a.X) == BitConverter.SingleToInt32Bits(b.X)
        && BitConverter.SingleToInt32Bits(a.Y) == BitConverter.SingleToInt32Bits(b.Y)
        && BitConverter.SingleToInt32Bits(a.Z) == BitConverter.SingleToInt32Bits(b.Z);

    /// <summary>|a − b| with the minimum image in x and y (length).</summary>
    private static double Distance(Vec3 a, Vec3 b, ParticleSystem system)
    {
        double dx = a.X - b.X, dy = a.Y - b.Y, dz = a.Z - b.Z;
        dx -= system.BoxX * Math.Round(dx / system.BoxX);
        dy -= system.BoxY * Math.Round(dy / system.BoxY);
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }
}
