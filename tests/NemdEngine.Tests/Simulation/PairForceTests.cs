using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Simulation;
using NemdEngine.Conformance;

namespace NemdEngine.Tests.Simulation;

public class PairForceTests
{
    [Fact]
    public void ReferenceForceIsMinusTheEnergyGradient()
    {
        var deck = TestSystems.Deck(cellsA: 2, cellsB: 2, pairs: TestSystems.TwoSpeciesPairs);
        var (system, _) = NemdEngine.Lattice.BilayerBuilder.Build(deck);
        var positions = TestSystems.Perturbed(system.Positions, 0.1, 3);
        var pairs = ConformanceSystems.PairMatrix(deck, system);
        var (_, forces) = ReferenceLennardJones.Compute(positions, system.Types, pairs, system.BoxX, system.BoxY);
        const float h = 1e-3f;
        foreach (int atom in new[] { 0, 37, 101, positions.Length - 1 })
            for (int d = 0; d < 3; d++)
            {
                double Energy(float delta)
                {
                    var moved = (Vec3[])positions.Clone();
                    var p = moved[atom];
                    if (d == 0) p.X += delta; else if (d == 1) p.Y += delta; else p.Z += delta;
                    moved[atom] = p;
                    return ReferenceLennardJones.Compute(moved, system.Types, pairs, system.BoxX, system.BoxY).Energy;
                }
                // Positions are float: use the step actually taken, not h, in the difference quotient.
                var basePos = positions[atom];
                float coordinate = d == 0 ? basePos.X : d == 1 ? basePos.Y : basePos.Z;
                double step = (double)(coordinate + h) - (coordinate - h);
                double numeric = -(Energy(h) - Energy(-h)) / step;
                Assert.True(Math.Abs(numeric - forces[atom, d]) < 1e-4 * Math.Max(1, Math.Abs(forces[atom, d])),
                    $"atom {atom} dim {d}: finite difference {numeric}, analytic {forces[atom, d]}");
            }
    }

    [Fact]
    public void ListSurvivesAtomsMovingAcrossThePeriodicBoundary()
    {
        using var backend = BackendFactory.Create("cpu");
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3);
        using var sim = TestSystems.Create(backend, deck, s => [new NveSpec("all", s.MobileIndices())], out var system);
        // Shift everything by most of a box length in x and y: wrapping must leave forces unchanged.
        var shifted = system.Positions.Select(p => new Vec3(p.X + 0.9f * system.BoxX, p.Y - 0.7f * system.BoxY, p.Z)).ToArray();
        var before = (Vec3[])sim.ReadForces().Clone();
        sim.WritePositions(shifted);
        var after = sim.ReadForces();
        // Shifting float coordinates by ~L rounds them at ~1e-6 σ: forces may move by ~1e-4, no more.
        for (int i = 0; i < before.Length; i++)
            Assert.True((before[i] - after[i]).LengthSquared < 1e-6, $"atom {i}: {before[i]} vs {after[i]}");
    }
}
