using NemdEngine.Backends;
using NemdEngine.Benchmarking;

namespace NemdEngine.Tests.Benchmarking;

/// <summary>A smoke of the `nemd bench` harness: it measures the system it claims to. No speed is asserted.</summary>
public class ThroughputBenchmarkTests
{
    [Fact]
    public void BenchmarkReportsTheRequestedBilayerAndAConsistentBreakdown()
    {
        using var backend = BackendFactory.Create("cpu");
        var r = ThroughputBenchmark.Run(backend, 4000, minSeconds: 0.2);
        Assert.Equal(4000, r.Atoms); // 10 x 10 x 10 fcc cells
        Assert.True(r.Steps >= 50 && r.Steps % 50 == 0, $"steps {r.Steps}");
        Assert.Equal(r.Atoms * (double)r.Steps / r.Seconds, r.AtomStepsPerSecond, 6);
        // Positions, velocities, forces, reference positions (4 × 12 B), masses, types, ids, energies (4 × 4 B),
        // bath tallies (8 B) and the neighbor list: a few hundred bytes per atom, not kilobytes.
        Assert.InRange(r.BytesPerAtom, 72, 4096);
        Assert.Equal(1.0, r.StageFractions.Values.Sum(), 9);
        Assert.Contains("force", r.StageFractions.Keys);
        Assert.Contains("sampling", r.StageFractions.Keys);
    }

    [Fact]
    public void LiquidBenchmarkIsLammpsInLj()
    {
        using var backend = BackendFactory.Create("cpu");
        var r = ThroughputBenchmark.RunLiquid(backend, 4000, minSeconds: 0.2);
        Assert.Equal(4000, r.Atoms);
        Assert.True(r.NeighborBuilds > 0, "a melting lattice at T* = 3 must trigger list rebuilds");
        Assert.DoesNotContain("sampling", r.StageFractions.Keys);
        Assert.Equal(1.0, r.StageFractions.Values.Sum(), 9);

        var (system, _) = LennardJonesLiquid.Build(4000);
        double volume = (double)system.BoxX * system.BoxY * system.BoxZ;
        Assert.Equal(0.8442, system.Count / volume, 5);
        Assert.True(system.PeriodicZ);
    }
}
