using NemdEngine.Backends;
using NemdEngine.Benchmarking;
using NemdEngine.Lattice;

namespace NemdEngine.Tests.Benchmarking;

/// <summary>
/// The `nemd bench` harness measures the system it claims, for the steps it counts, with memory
/// that grows linearly with the atoms. No speed is asserted (speed belongs to benchmarks/).
/// </summary>
public class ThroughputBenchmarkTests
{
    [Fact]
    public void BilayerBenchmarkRunsTheDeckItNamesForTheStepsItCounts()
    {
        using var backend = BackendFactory.Create("cpu");
        var r = ThroughputBenchmark.Run(backend, 4000, minSeconds: 0.2);
        var (system, layout) = BilayerBuilder.Build(ThroughputBenchmark.BilayerDeck(4000));
        Assert.Equal(system.Count, r.Atoms);
        Assert.True(layout.HotReservoirTop > layout.FrozenLowTop && layout.ColdReservoirBottom < layout.FrozenHighBottom, "the bilayer has reservoirs");
        // Every counted step was simulated: 50 warm-up steps, the timed batches and the breakdown pass.
        Assert.True(r.Steps >= 50 && r.Steps % 50 == 0, $"steps {r.Steps}");
        Assert.Equal(50 + r.Steps + Math.Max(50, r.Steps / 5), r.EngineSteps);
        Assert.Equal(["flags", "force", "integration", "neighbor", "sampling"], r.StageFractions.Keys.Order());
        Assert.All(r.StageFractions.Values, f => Assert.InRange(f, 0, 1));
    }

    [Fact]
    public void MemoryPerAtomDoesNotGrowWithTheSystem()
    {
        // Per-atom buffers and a neighbor list of fixed density: bytes per atom stay put from 4,000 to 13,500 atoms.
        using var small = BackendFactory.Create("cpu");
        double perAtomSmall = ThroughputBenchmark.Run(small, 4000, minSeconds: 0.05).BytesPerAtom;
        using var large = BackendFactory.Create("cpu");
        double perAtomLarge = ThroughputBenchmark.Run(large, 13500, minSeconds: 0.05).BytesPerAtom;
        Assert.InRange(perAtomSmall, 72, 4096);
        Assert.InRange(perAtomLarge / perAtomSmall, 0.75, 1.25);
    }

    [Fact]
    public void LiquidBenchmarkIsLammpsInLj()
    {
        using var backend = BackendFactory.Create("cpu");
        var r = ThroughputBenchmark.RunLiquid(backend, 4000, minSeconds: 0.2);
        Assert.Equal(4000, r.Atoms);
        Assert.True(r.NeighborBuilds > 0, "a melting lattice at T* = 3 must trigger list rebuilds");
        Assert.DoesNotContain("sampling", r.StageFractions.Keys);

        var (system, _) = LennardJonesLiquid.Build(4000);
        double volume = (double)system.BoxX * system.BoxY * system.BoxZ;
        Assert.Equal(0.8442, system.Count / volume, 5);
        Assert.True(system.PeriodicZ);
    }
}
