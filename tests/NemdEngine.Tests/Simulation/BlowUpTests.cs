using NemdEngine.Backends;
using NemdEngine.Kernels;
using NemdEngine.Simulation;

namespace NemdEngine.Tests.Simulation;

public class BlowUpTests
{
    [Fact]
    public void OverlappingAtomsStopTheRunNamingStepAndAtom()
    {
        using var backend = BackendFactory.Create("cpu");
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3);
        using var sim = TestSystems.Create(backend, deck, s => [new NveSpec("mobile", s.MobileIndices())], out var system);
        var positions = (Vec3[])system.Positions.Clone();
        int victim = system.MobileIndices()[100];
        // Put the atom almost on top of a neighbor: the repulsion throws it out of the box.
        var near = positions.Select((p, i) => (d: (p - positions[victim]).LengthSquared, i)).Where(t => t.i != victim).MinBy(t => t.d).i;
        positions[victim] = positions[near] + new Vec3(0.05f, 0, 0);
        sim.WritePositions(positions);
        var e = Assert.Throws<SimulationBlewUpException>(() => sim.Run(1000));
        Assert.InRange(e.Step, 1, 50);
        Assert.Contains($"step {e.Step}", e.Message);
        Assert.Contains($"atom {e.AtomId}", e.Message);
        Assert.True(e.AtomId == victim || e.AtomId == near, $"blamed atom {e.AtomId}, expected {victim} or {near}");
    }

    [Fact]
    public void NonFinitePositionStopsTheNextStep()
    {
        using var backend = BackendFactory.Create("cpu");
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3);
        using var sim = TestSystems.Create(backend, deck, s => [new NveSpec("mobile", s.MobileIndices())], out var system);
        sim.Run(5);
        var positions = (Vec3[])sim.ReadPositions().Clone();
        int victim = system.MobileIndices()[10];
        positions[victim] = new Vec3(float.NaN, positions[victim].Y, positions[victim].Z);
        sim.WritePositions(positions);
        var e = Assert.Throws<SimulationBlewUpException>(() => sim.Run(10));
        Assert.Equal(6, e.Step);
        Assert.Equal(victim, e.AtomId);
        Assert.Contains("non-finite", e.Message);
    }
}
