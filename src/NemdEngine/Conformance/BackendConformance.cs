using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Sampling;
using NemdEngine.Simulation;

namespace NemdEngine.Conformance;

/// <summary>The outcome of one conformance check: what was measured against which bound.</summary>
public sealed record ConformanceResult(string Check, bool Passed, string Detail);

/// <summary>
/// Checks any backend against the double-precision reference and against the fast CPU path
/// (OpenMM's idea: one oracle, every platform tested against it). The same bodies run in the
/// test suite for each available backend and from `nemd selftest --device X` on a user's machine.
/// </summary>
public static class BackendConformance
{
    public const string Forces = "forces", UniformForces = "uniform-forces", Nve = "nve-trajectory",
        Langevin = "langevin-temperature", Profile = "profile-sums",
        SwForces = "sw-forces", TersoffForces = "tersoff-forces", SwNve = "sw-nve-trajectory";

    public static readonly string[] Checks = [Forces, UniformForces, Nve, Langevin, Profile, SwForces, TersoffForces, SwNve];

    public static IReadOnlyList<ConformanceResult> RunAll(Func<IComputeBackend> createBackend) =>
        Checks.Select(c => Run(c, createBackend)).ToList();

    public static ConformanceResult Run(string check, Func<IComputeBackend> createBackend)
    {
        using var backend = createBackend();
        return check switch
        {
            Forces => ForcesMatchReference(backend, ConformanceSystems.TwoSpeciesPairs, check),
            UniformForces => ForcesMatchReference(backend, ConformanceSystems.UniformPairs, check),
            Nve => NveTrajectoryMatchesCpuPath(backend),
            Langevin => LangevinReachesItsTemperature(backend),
            Profile => ProfileSumsMatchHostSums(backend),
            SwForces => ManyBodyForcesMatchReference(backend, ManyBodySystems.SiGeStillingerWeber(), check),
            TersoffForces => ManyBodyForcesMatchReference(backend, ManyBodySystems.SiGeTersoff(), check),
            SwNve => ManyBodyTrajectoryMatchesCpuPath(backend, ManyBodySystems.SiGeStillingerWeber(), check),
            _ => throw new ArgumentException($"unknown check '{check}'; expected one of {string.Join(", ", Checks)}"),
        };
    }

    /// <summary>
    /// Forces and energy of a randomly perturbed two-species bilayer against the all-pairs double
    /// reference. Error relative to the RMS force: float positions carry ~1e-7 relative rounding,
    /// which the stiff LJ core amplifies; a wrong pair, cutoff or image is off by orders more.
    /// </summary>
    private static ConformanceResult ForcesMatchReference(IComputeBackend backend, PairSpec[] pairs, string name)
    {
        var deck = ConformanceSystems.Deck(cellsA: 3, cellsB: 3, pairs: pairs);
        using var sim = ConformanceSystems.Create(backend, deck, ConformanceSystems.AllNve, out var system);
        var positions = ConformanceSystems.Perturbed(system.Positions, 0.05, 11);
        sim.WritePositions(positions);
        var engine = sim.ReadForces();
        var (energy, reference) = ReferenceLennardJones.Compute(positions, system.Types, ConformanceSystems.PairMatrix(deck, system), system.BoxX, system.BoxY);
        double sumSquares = 0, worst = 0, errorSquares = 0;
        for (int i = 0; i < positions.Length; i++)
            sumSquares += reference[i, 0] * reference[i, 0] + reference[i, 1] * reference[i, 1] + reference[i, 2] * reference[i, 2];
        double rms = Math.Sqrt(sumSquares / positions.Length);
        for (int i = 0; i < positions.Length; i++)
        {
            double dx = engine[i].X - reference[i, 0], dy = engine[i].Y - reference[i, 1], dz = engine[i].Z - reference[i, 2];
            double error = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            worst = Math.Max(worst, error / rms);
            errorSquares += error * error;
        }
        double rmsError = Math.Sqrt(errorSquares / positions.Length) / rms;
        var (_, potential) = sim.ComputeEnergy();
        double energyError = Math.Abs(potential - energy) / Math.Abs(energy);
        bool passed = rmsError < 1e-5 && worst < 1e-4 && energyError < 1e-5;
        return new(name, passed, $"{system.Count} atoms: RMS force error {rmsError:E2} (bound 1e-5), largest {worst:E2} (bound 1e-4) of the RMS force; " +
            $"energy error {energyError:E2} (bound 1e-5)");
    }

    /// <summary>
    /// 200 NVE steps from the same perturbed start on this backend and on the CPU path with the
    /// portable kernels (the reference: the cpu device itself runs the AVX2 twins where it can, so
    /// it is never compared with itself). Float rounding differs between compilers (FMA
    /// contraction) and between the twins' summation orders, and LJ dynamics amplify it by about e
    /// per τ: after 1 τ positions agree far better than 1e-3 σ unless a kernel is wrong.
    /// </summary>
    private static ConformanceResult NveTrajectoryMatchesCpuPath(IComputeBackend backend)
    {
        const int steps = 200;
        var deck = ConformanceSystems.Deck(cellsA: 3, cellsB: 3, pairs: ConformanceSystems.TwoSpeciesPairs, t: 0.3);
        var (mine, worst, energyDifference) = AgainstPortableKernels(backend, steps, b => ConformanceSystems.Create(b, deck, ConformanceSystems.AllNve, out _));
        bool passed = worst < 1e-3 && energyDifference < 1e-4 && mine.EnergyDrift < 1e-3;
        return new(Nve, passed, $"{steps} steps: largest position difference from the portable cpu kernels {worst:E2} sigma (bound 1e-3), " +
            $"energy difference {energyDifference:E2} epsilon/atom (bound 1e-4), |E(t) - E(0)| {mine.EnergyDrift:E2} epsilon/atom (bound 1e-3)");
    }

    /// <summary>
    /// A Langevin-only slab at T = 0.45 ε/k_B, started at 0.15, damping time 0.1 τ (20 steps):
    /// after 15 damping times the mean kinetic temperature of each species must be within
    /// 6 σ/√n of the target (n samples one damping time apart, so nearly independent). Kept to
    /// 1,500 steps so it also runs on ILGPU's slow CPU emulator.
    /// </summary>
    private static ConformanceResult LangevinReachesItsTemperature(IComputeBackend backend)
    {
        const double target = 0.45;
        const int samples = 60, stepsApart = 20;
        const double damping = 0.1;
        var deck = ConformanceSystems.Deck(cellsA: 3, cellsB: 3, frozen: 0, reservoir: 0, t: 0.15);
        using var sim = ConformanceSystems.Create(backend, deck, s => [new LangevinSpec("all", s.MobileIndices(), target, damping)], out var system);
        sim.Run(15 * stepsApart);
        var perSpecies = new List<double>[system.SpeciesNames.Length];
        for (int type = 0; type < perSpecies.Length; type++) perSpecies[type] = [];
        for (int s = 0; s < samples; s++)
        {
            sim.Run(stepsApart);
            var v = sim.ReadVelocities();
            for (int type = 0; type < perSpecies.Length; type++)
            {
                double sum = 0; int n = 0;
                for (int i = 0; i < v.Length; i++)
                    if (system.Types[i] == type) { sum += system.Masses[i] * SquaredSpeed(v[i]); n++; }
                perSpecies[type].Add(sum / (3.0 * n));
            }
        }
        var details = new List<string>();
        bool passed = true;
        for (int type = 0; type < perSpecies.Length; type++)
        {
            var x = perSpecies[type];
            double mean = x.Average();
            double std = Math.Sqrt(x.Sum(t => (t - mean) * (t - mean)) / (x.Count - 1));
            double bound = 6 * std / Math.Sqrt(x.Count);
            passed &= Math.Abs(mean - target) < bound;
            details.Add($"{system.SpeciesNames[type]} <T> = {mean:F5} (target {target}, bound ±{bound:F5})");
        }
        return new(Langevin, passed, string.Join("; ", details) + " epsilon/k_B, 6 sigma/sqrt(n)");
    }

    /// <summary>The device-side profile reduction against the same sums done on the host in double.</summary>
    private static ConformanceResult ProfileSumsMatchHostSums(IComputeBackend backend)
    {
        var deck = ConformanceSystems.Deck(cellsA: 3, cellsB: 3, reservoir: 1, t: 0.3);
        var layout = NemdEngine.Lattice.BilayerBuilder.Layout(deck);
        using var sim = ConformanceSystems.Create(backend, deck, s => [new NveSpec("all", s.MobileIndices())], out var system);
        int[] hot = system.IndicesOf(Region.HotReservoir), cold = system.IndicesOf(Region.ColdReservoir);
        using var sampler = new ProfileSampler(backend, sim.State, layout, ProfileBinning.For(layout, null), hot, cold, UnitSystem.LennardJones);
        sim.Run(50);
        sampler.Sample(0.25);
        var samples = sampler.ToSamples();
        var positions = sim.ReadPositions();
        var velocities = sim.ReadVelocities();
        double worst = 0;
        for (int b = 0; b < samples.BinCenters.Length; b++)
        {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < positions.Length; i++)
            {
                int bin = (int)Math.Floor((positions[i].Z - layout.ZStart) / samples.BinWidth);
                if (bin != b) continue;
                sum += system.Masses[i] * SquaredSpeed(velocities[i]);
                n++;
            }
            double expected = n > 0 ? sum / (3.0 * n) : double.NaN;
            double got = samples.Temperatures[0][b];
            if (n == 0 && double.IsNaN(got)) continue;
            worst = Math.Max(worst, Math.Abs(got - expected) / Math.Max(expected, 1e-12));
        }
        double hostHot = hot.Sum(i => system.Masses[i] * SquaredSpeed(velocities[i])) / (3.0 * hot.Length);
        double hotError = Math.Abs(samples.HotReservoirTemperature[0] - hostHot) / hostHot;
        bool passed = worst < 1e-7 && hotError < 1e-7;
        return new(Profile, passed, $"{samples.BinCenters.Length} bins: largest relative difference of bin temperatures {worst:E2}, " +
            $"hot reservoir {hotError:E2} (bound 1e-7)");
    }

    /// <summary>
    /// Forces, energy, site energies and pairwise forces f_ij of a perturbed Si | Ge diamond bilayer
    /// (±0.1 Å per component) against the double-precision many-body reference (itself matched to
    /// LAMMPS at 1e-14). Float32 kernels: bounds as for LJ.
    /// </summary>
    private static ConformanceResult ManyBodyForcesMatchReference(IComputeBackend backend, (Deck Deck, IPotentialTable Table) system, string name)
    {
        var a = ManyBodyKernelAgreement.Measure(backend, system.Deck, system.Table);
        return new(name, a.Passed, a.Summary);
    }

    /// <summary>
    /// 200 NVE steps (1 fs) of the Si | Ge bilayer from 600 K on this backend and on the portable cpu
    /// kernels. Float rounding differs between compilers (FMA contraction) and summation orders, and
    /// the dynamics amplify it; after 0.2 ps positions agree far better than 1e-3 Å unless a kernel is
    /// wrong, and the total energy is conserved to 1e-4 eV/atom.
    /// </summary>
    private static ConformanceResult ManyBodyTrajectoryMatchesCpuPath(IComputeBackend backend, (Deck Deck, IPotentialTable Table) system, string name)
    {
        const int steps = 200;
        var deck = system.Deck with { Run = system.Deck.Run with { InitialTemperature = 600 * ManyBodySystems.Boltzmann } };
        var (mine, worst, energyDifference) = AgainstPortableKernels(backend, steps, b => ManyBodySystems.Create(b, deck, system.Table, out _));
        bool passed = worst < 1e-3 && energyDifference < 1e-5 && mine.EnergyDrift < 1e-4;
        return new(name, passed, $"{steps} steps of 1 fs: largest position difference from the portable cpu kernels {worst:E2} Å (bound 1e-3), " +
            $"energy difference {energyDifference:E2} eV/atom (bound 1e-5), |E(t) - E(0)| {mine.EnergyDrift:E2} eV/atom (bound 1e-4)");
    }

    /// <summary>
    /// The same system run <paramref name="steps"/> steps of NVE on <paramref name="backend"/> and on the
    /// portable cpu kernels (the reference every backend and the AVX2 twins must follow): the largest
    /// position difference, the difference of the final energies per atom, and the backend's own
    /// |E(t) − E(0)| per atom.
    /// </summary>
    private static ((double Energy, double EnergyDrift) Mine, double WorstPosition, double EnergyDifference) AgainstPortableKernels(
        IComputeBackend backend, int steps, Func<IComputeBackend, Simulation.SimulationEngine> create)
    {
        (Vec3[] Positions, double Energy, double EnergyDrift) Trajectory(IComputeBackend b)
        {
            using var sim = create(b);
            int atoms = sim.ReadPositions().Length;
            var (k0, u0) = sim.ComputeEnergy();
            sim.Run(steps);
            var (k, u) = sim.ComputeEnergy();
            return ((Vec3[])sim.ReadPositions().Clone(), (k + u) / atoms, Math.Abs(k + u - k0 - u0) / atoms);
        }
        var mine = Trajectory(backend);
        using var portable = new ParallelCpuBackend(vectorKernels: false);
        var expected = Trajectory(portable);
        double worst = 0;
        for (int i = 0; i < mine.Positions.Length; i++)
            worst = Math.Max(worst, Math.Sqrt((mine.Positions[i] - expected.Positions[i]).LengthSquared));
        return ((mine.Energy, mine.EnergyDrift), worst, Math.Abs(mine.Energy - expected.Energy));
    }

    private static double SquaredSpeed(Vec3 v) => (double)v.X * v.X + (double)v.Y * v.Y + (double)v.Z * v.Z;
}
