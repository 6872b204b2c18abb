using NemdEngine.Backends;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Simulation;

namespace NemdEngine.Tests.Simulation;

/// <summary>Capture/Restore of the step loop's state: a restored engine continues bit for bit.</summary>
public class SimulationEngineCheckpointTests
{
    internal static IEnumerable<MethodSpec> Methods(ParticleSystem s) =>
    [
        new LangevinSpec("hot", s.IndicesOf(Region.HotReservoir), 0.4, 0.5),
        new NveSpec("bulk", s.MobileIndices().Where(i => s.Regions[i] is Region.MaterialA or Region.MaterialB).ToArray()),
        new LangevinSpec("cold", s.IndicesOf(Region.ColdReservoir), 0.2, 0.5),
    ];

    [Fact]
    public void RestoredEngineContinuesBitForBit()
    {
        using var backend = BackendFactory.Create("cpu");
        // Warm enough that the 100 steps rebuild the neighbor list (the restored list must be the one used).
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3, t: 1.0);
        using var original = TestSystems.Create(backend, deck, Methods, out _);
        original.Run(40);
        var snapshot = original.Capture();
        original.Run(60);

        using var restored = TestSystems.Create(backend, deck, Methods, out _);
        restored.Restore(snapshot);
        Assert.Equal(40, restored.Step);
        restored.Run(60);

        Assert.Equal(original.Step, restored.Step);
        var a = original.Capture();
        var b = restored.Capture();
        Assert.True(a.Neighbors.Builds > 1, "the 100 steps should rebuild the neighbor list at least once");
        Assert.Equal(Bits(a.Positions), Bits(b.Positions));
        Assert.Equal(Bits(a.Velocities), Bits(b.Velocities));
        Assert.Equal(Bits(a.Forces), Bits(b.Forces));
        Assert.Equal(a.BathEnergy, b.BathEnergy);
        Assert.Equal(a.Neighbors.Entries, b.Neighbors.Entries);
        Assert.Equal(a.Neighbors.Builds, b.Neighbors.Builds);
    }

    internal static int[] Bits(Vec3[] v) => v.SelectMany(p => new[] { BitConverter.SingleToInt32Bits(p.X), BitConverter.SingleToInt32Bits(p.Y), BitConverter.SingleToInt32Bits(p.Z) }).ToArray();
}
