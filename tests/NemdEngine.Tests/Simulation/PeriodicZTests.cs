using NemdEngine.Backends;
using NemdEngine.Benchmarking;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Potentials;
using NemdEngine.Simulation;

namespace NemdEngine.Tests.Simulation;

/// <summary>
/// A box periodic along z as well (the LAMMPS in.lj liquid of the benchmarks): the minimum image,
/// the cell stencil and the wrapping must all treat z like x and y.
/// </summary>
public class PeriodicZTests
{
    public static TheoryData<string, bool> Paths => new()
    {
        { "cpu", true }, { "cpu", false }, { "ilgpu-cpu", false },
    };

    /// <summary>
    /// A perfect periodic fcc lattice: every force vanishes by symmetry (a missing z image leaves
    /// surface forces of order 1), and the energy per atom is the lattice sum of the pair potential.
    /// </summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void PerfectLatticeHasNoForcesAndTheLatticeSumEnergy(string device, bool vectorKernels)
    {
        var (system, pairs) = LennardJonesLiquid.Build(864); // 6 x 6 x 6 cells
        Array.Clear(system.Velocities);
        using var backend = device == "cpu" ? new ParallelCpuBackend(vectorKernels: vectorKernels) : BackendFactory.Create(device);
        using var sim = new SimulationEngine(backend, system, [pairs], [new NveSpec("all", system.MobileIndices())], new SimulationOptions(0.005, 0.3, 1));
        double worst = sim.ReadForces().Max(f => Math.Sqrt(f.LengthSquared));
        Assert.True(worst < 1e-3, $"largest force on a perfect lattice {worst:E2} ε/σ");
        double perAtom = sim.ComputeEnergy().Potential / system.Count;
        double expected = LatticeSumPerAtom(LennardJonesLiquid.LatticeConstant, LennardJonesLiquid.Cutoff);
        Assert.True(Math.Abs(perAtom - expected) < 1e-4 * Math.Abs(expected), $"U/N = {perAtom}, lattice sum {expected} ε");
    }

    /// <summary>
    /// The melting liquid conserves energy while atoms cross the z faces and lists are rebuilt
    /// (with the shifted potential: unshifted, every pair crossing r_c changes E by U(r_c)).
    /// </summary>
    [Fact]
    public void LiquidConservesEnergyAcrossTheZFaces()
    {
        var (system, _) = LennardJonesLiquid.Build(864);
        var pairs = LennardJonesTable.FromPairs([new PairSpec("lj", "lj", 1, 1, LennardJonesLiquid.Cutoff, Shift: true)], system.SpeciesNames);
        using var backend = new ParallelCpuBackend();
        using var sim = new SimulationEngine(backend, system, [pairs], [new NveSpec("all", system.MobileIndices())], new SimulationOptions(0.002, 0.3, 1));
        var (k0, u0) = sim.ComputeEnergy();
        double e0 = k0 + u0, worst = 0;
        var start = sim.ReadPositions().ToArray();
        for (int block = 0; block < 10; block++)
        {
            sim.Run(100);
            var (k, u) = sim.ComputeEnergy();
            worst = Math.Max(worst, Math.Abs(k + u - e0) / system.Count);
        }
        Assert.True(sim.Neighbors.Builds > 20, $"only {sim.Neighbors.Builds} list builds in 1000 steps of a hot liquid");
        Assert.True(worst < 2e-3, $"|E(t) - E(0)| reached {worst:E2} ε per atom");
        // Atoms near the z faces moved through them and were wrapped back into [0, L).
        var end = sim.ReadPositions();
        Assert.All(end, p => Assert.InRange(p.Z, -0.3f, system.ZHigh + 0.3f));
        int crossed = start.Zip(end, (a, b) => Math.Abs(a.Z - b.Z) > 0.5 * system.BoxZ ? 1 : 0).Sum();
        Assert.True(crossed > 0, "no atom crossed a z face; the test does not exercise the periodic z");
    }

    /// <summary>Σ over lattice vectors R ≠ 0 within r_c of ½ · 4 (R⁻¹² − R⁻⁶), unshifted, in double precision.</summary>
    private static double LatticeSumPerAtom(double a, double cutoff)
    {
        double sum = 0;
        int reach = (int)Math.Ceiling(cutoff / a) + 1;
        double[][] basis = [[0, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0.5]];
        for (int x = -reach; x <= reach; x++)
            for (int y = -reach; y <= reach; y++)
                for (int z = -reach; z <= reach; z++)
                    foreach (var b in basis)
                    {
                        double dx = (x + b[0]) * a, dy = (y + b[1]) * a, dz = (z + b[2]) * a;
                        double r2 = dx * dx + dy * dy + dz * dz;
                        if (r2 == 0 || r2 >= cutoff * cutoff) continue;
                        double inv6 = 1 / (r2 * r2 * r2);
                        sum += 0.5 * 4 * (inv6 * inv6 - inv6);
                    }
        return sum;
    }
}
