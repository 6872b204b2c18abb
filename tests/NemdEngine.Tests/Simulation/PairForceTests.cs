using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Simulation;
using NemdEngine.Tests.Reference;

namespace NemdEngine.Tests.Simulation;

public class PairForceTests
{
    private static PairSpec[,] Matrix(PairSpec[] pairs)
    {
        var m = new PairSpec[2, 2];
        m[0, 0] = pairs[0]; m[0, 1] = m[1, 0] = pairs[1]; m[1, 1] = pairs[2];
        return m;
    }

    [Fact]
    public void ReferenceForceIsMinusTheEnergyGradient()
    {
        var deck = TestSystems.Deck(cellsA: 2, cellsB: 2, pairs: TestSystems.TwoSpeciesPairs);
        var (system, _) = NemdEngine.Lattice.BilayerBuilder.Build(deck);
        var positions = TestSystems.Perturbed(system.Positions, 0.1, 3);
        var pairs = Matrix(TestSystems.TwoSpeciesPairs);
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

    private static readonly PairSpec[] UniformPairs =
    [
        new("light", "light", 1, 1, 2.5), new("light", "heavy", 1, 1, 2.5), new("heavy", "heavy", 1, 1, 2.5),
    ];

    [Theory]
    [InlineData("cpu", false)]
    [InlineData("cpu", true)]
    [InlineData("ilgpu-cpu", false)]
    [InlineData("ilgpu-cpu", true)]
    public void NeighborListForcesMatchBruteForceReference(string device, bool uniform)
    {
        using var backend = BackendFactory.Create(device);
        var pairs = uniform ? UniformPairs : TestSystems.TwoSpeciesPairs;
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3, pairs: pairs);
        using var sim = TestSystems.Create(backend, deck, s => [new NveSpec("all", s.MobileIndices())], out var system);
        var positions = TestSystems.Perturbed(system.Positions, 0.05, 11);
        sim.WritePositions(positions);
        var engine = sim.ReadForces();
        var (energy, reference) = ReferenceLennardJones.Compute(positions, system.Types, Matrix(pairs), system.BoxX, system.BoxY);
        // Error relative to the RMS force: float positions carry ~1e-7 relative rounding, which
        // the stiff LJ core amplifies; a wrong pair, cutoff or image is off by orders more.
        double sumSquares = 0, worst = 0, errorSquares = 0;
        for (int i = 0; i < positions.Length; i++)
            sumSquares += reference[i, 0] * reference[i, 0] + reference[i, 1] * reference[i, 1] + reference[i, 2] * reference[i, 2];
        double rms = Math.Sqrt(sumSquares / positions.Length);
        for (int i = 0; i < positions.Length; i++)
        {
            double err = Math.Sqrt(Math.Pow(engine[i].X - reference[i, 0], 2) + Math.Pow(engine[i].Y - reference[i, 1], 2) + Math.Pow(engine[i].Z - reference[i, 2], 2));
            worst = Math.Max(worst, err / rms);
            errorSquares += err * err;
        }
        double rmsError = Math.Sqrt(errorSquares / positions.Length) / rms;
        Assert.True(rmsError < 1e-5, $"RMS force error {rmsError:E2} of the RMS force {rms:G4} (bound 1e-5)");
        Assert.True(worst < 1e-4, $"largest force error {worst:E2} of the RMS force {rms:G4} (bound 1e-4)");
        var (_, potential) = sim.ComputeEnergy();
        Assert.True(Math.Abs(potential - energy) < 1e-5 * Math.Abs(energy), $"engine U = {potential}, reference U = {energy}");
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
