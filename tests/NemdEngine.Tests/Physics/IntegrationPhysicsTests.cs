using NemdEngine.Sampling;
using NemdEngine.Backends;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Simulation;

namespace NemdEngine.Tests.Physics;

/// <summary>Statistical and conservation checks of the integrator; each states its bound.</summary>
public class IntegrationPhysicsTests
{
    [Fact]
    public void NveEnergyDriftIsSmallOverTenThousandSteps()
    {
        using var backend = BackendFactory.Create("cpu");
        // All atoms mobile (no walls, no baths): a free-standing LJ slab, periodic in x and y.
        var deck = TestSystems.Deck(cellsA: 4, cellsB: 4, frozen: 0, reservoir: 0, t: 0.3);
        using var sim = TestSystems.Create(backend, deck, s => [new NveSpec("all", s.MobileIndices())], out var system);
        var (k0, u0) = sim.ComputeEnergy();
        double e0 = (k0 + u0) / system.Count, maxDeviation = 0;
        for (int block = 0; block < 20; block++)
        {
            sim.Run(500);
            var (k, u) = sim.ComputeEnergy();
            maxDeviation = Math.Max(maxDeviation, Math.Abs((k + u) / system.Count - e0));
        }
        // Velocity-Verlet at dt = 0.005 τ conserves E to O(dt²) fluctuations with no secular drift;
        // 1e-3 ε/atom is ~1 % of the kinetic energy per atom (0.45 ε at T = 0.3) — a bug is far above it.
        Assert.True(maxDeviation < 1e-3, $"max |E(t) - E(0)| = {maxDeviation:E2} epsilon/atom over 10^4 steps");
    }

    [Fact]
    public void TotalMomentumOfAFreeSlabStaysZero()
    {
        using var backend = BackendFactory.Create("cpu");
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3, frozen: 0, reservoir: 0, t: 0.3);
        using var sim = TestSystems.Create(backend, deck, s => [new NveSpec("all", s.MobileIndices())], out var system);
        double thermal = Math.Sqrt(system.Count * 2.0 * 0.3); // √(N m kT), heaviest mass 2
        for (int block = 0; block < 10; block++)
        {
            sim.Run(200);
            var v = sim.ReadVelocities();
            double px = 0, py = 0, pz = 0;
            for (int i = 0; i < v.Length; i++) { px += system.Masses[i] * v[i].X; py += system.Masses[i] * v[i].Y; pz += system.Masses[i] * v[i].Z; }
            double p = Math.Sqrt(px * px + py * py + pz * pz);
            // Pair forces are antisymmetric; only float summation order breaks it.
            Assert.True(p < 1e-3 * thermal, $"|P| = {p:E2} after {(block + 1) * 200} steps (bound {1e-3 * thermal:E2})");
        }
    }

    [Fact]
    public void BathsWithNoAtomsLeaveTheRestMovingAsNve()
    {
        // reservoir_cells = 0: the NEMD composition has empty Langevin groups (the benchmark slab).
        using var backend = BackendFactory.Create("cpu");
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3, reservoir: 0, t: 0.3);
        using var sim = TestSystems.Create(backend, deck, s => NemdMethods.For(s, deck.Thermostat, UnitSystem.LennardJones), out var system);
        Assert.Empty(sim.Methods[NemdMethods.Hot].Spec.Atoms);
        var (k0, u0) = sim.ComputeEnergy();
        sim.Run(200);
        var (k, u) = sim.ComputeEnergy();
        Assert.True(Math.Abs((k + u - k0 - u0) / system.Count) < 1e-3, $"|ΔE| = {Math.Abs((k + u - k0 - u0) / system.Count):E2} epsilon/atom over 200 steps");
    }

    [Fact]
    public void SameSeedGivesBitIdenticalTrajectories()
    {
        Vec3[] Final()
        {
            using var backend = BackendFactory.Create("cpu");
            var deck = TestSystems.Deck(cellsA: 3, cellsB: 3, reservoir: 1, t: 0.3);
            using var sim = TestSystems.Create(backend, deck, s =>
            [
                new LangevinSpec("hot", s.IndicesOf(Region.HotReservoir), 0.35, 0.5),
                new NveSpec("bulk", s.MobileIndices().Where(i => s.Regions[i] is Region.MaterialA or Region.MaterialB).ToArray()),
                new LangevinSpec("cold", s.IndicesOf(Region.ColdReservoir), 0.25, 0.5),
            ], out _);
            sim.Run(300);
            return (Vec3[])sim.ReadPositions().Clone();
        }
        var a = Final();
        var b = Final();
        for (int i = 0; i < a.Length; i++)
            Assert.True(a[i].X == b[i].X && a[i].Y == b[i].Y && a[i].Z == b[i].Z, $"atom {i}: {a[i]} vs {b[i]}");
    }
}
