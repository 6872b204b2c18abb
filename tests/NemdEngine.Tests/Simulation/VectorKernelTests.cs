using NemdEngine.Backends;
using NemdEngine.Benchmarking;
using NemdEngine.Conformance;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Kernels.Forces;
using NemdEngine.Simulation;

namespace NemdEngine.Tests.Simulation;

/// <summary>
/// The host AVX2 kernels against their portable twins on the same cpu backend: the neighbor
/// build must give the same lists entry for entry, the force kernel the same forces and energy
/// to float rounding. Perturbed positions make every list length differ, so partial groups of
/// eight, and the gathered path for the last atom, are exercised.
/// </summary>
public class VectorKernelTests
{
    /// <param name="pairTable">uniform (one parameter set), two-species (parameters blended per lane), or
    /// many-species: three more species in the table than in the bilayer, past
    /// <see cref="VectorLennardJonesForceKernel{TEnergy}.MaxSpeciesForSelect"/>, so parameters are gathered.</param>
    [SkippableTheory]
    [InlineData("uniform")]
    [InlineData("two-species")]
    [InlineData("many-species")]
    public void VectorKernelsReproduceTheScalarListsAndForces(string pairTable)
    {
        SkipWithoutAvx2();
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3, pairs: pairTable == "uniform" ? ConformanceSystems.UniformPairs : TestSystems.TwoSpeciesPairs);
        if (pairTable == "many-species")
        {
            // Unused species with their own LJ (cross pairs Lorentz-Berthelot mixed) only widen the table.
            string[] extra = ["s3", "s4", "s5"];
            deck = deck with
            {
                Species = [.. deck.Species, .. extra.Select(n => new SpeciesSpec(n, 1.5))],
                Pairs = [.. deck.Pairs, .. extra.Select((n, k) => new PairSpec(n, n, 0.9 + 0.1 * k, 1.0, 2.5))],
            };
        }
        using var vectorBackend = new ParallelCpuBackend(vectorKernels: true);
        using var scalarBackend = new ParallelCpuBackend(vectorKernels: false);
        using var vector = TestSystems.Create(vectorBackend, deck, ConformanceSystems.AllNve, out var system);
        using var scalar = TestSystems.Create(scalarBackend, deck, ConformanceSystems.AllNve, out _);
        Assert.True(vector.VectorizedForces && vector.Neighbors.Vectorized);
        Assert.False(scalar.VectorizedForces || scalar.Neighbors.Vectorized);
        Assert.Equal(pairTable == "many-species" ? 5 : 2, system.SpeciesNames.Length);

        var positions = TestSystems.Perturbed(system.Positions, 0.15, 11);
        vector.WritePositions(positions);
        scalar.WritePositions(positions);

        AssertSameListsAndForces(scalar, vector);
        double uScalar = scalar.ComputeEnergy().Potential, uVector = vector.ComputeEnergy().Potential;
        Assert.True(Math.Abs(uVector - uScalar) < 1e-6 * Math.Abs(uScalar), $"potential energy {uVector} (vector) vs {uScalar} (scalar)");
    }

    /// <summary>The same agreement in the periodic-z liquid after it has melted (disordered, atoms wrapped through every face).</summary>
    [SkippableFact]
    public void VectorKernelsReproduceTheScalarListsAndForcesInThePeriodicLiquid()
    {
        SkipWithoutAvx2();
        var (system, pairs) = LennardJonesLiquid.Build(2048);
        using var vectorBackend = new ParallelCpuBackend(vectorKernels: true);
        using var scalarBackend = new ParallelCpuBackend(vectorKernels: false);
        using var vector = new SimulationEngine(vectorBackend, system, [pairs], ConformanceSystems.AllNve(system), new SimulationOptions(0.005, 0.3, 1));
        using var scalar = new SimulationEngine(scalarBackend, system, [pairs], ConformanceSystems.AllNve(system), new SimulationOptions(0.005, 0.3, 1));
        vector.Run(200);
        var melted = vector.ReadPositions().ToArray();
        vector.WritePositions(melted);
        scalar.WritePositions(melted);
        AssertSameListsAndForces(scalar, vector);
    }

    /// <summary>Lists that start too small for cells and neighbors are regrown by both builds to the same content.</summary>
    [SkippableFact]
    public void VectorBuildRegrowsOverflowingListsLikeTheScalarBuild()
    {
        SkipWithoutAvx2();
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3);
        using var vectorBackend = new ParallelCpuBackend(vectorKernels: true);
        using var scalarBackend = new ParallelCpuBackend(vectorKernels: false);
        using var vector = TestSystems.Create(vectorBackend, deck, ConformanceSystems.AllNve, out var system);
        using var scalar = TestSystems.Create(scalarBackend, deck, ConformanceSystems.AllNve, out _);
        var empty = new NeighborSnapshot(CellCapacity: 1, NeighborCapacity: 9, Builds: 0, new int[system.Count], []);
        foreach (var engine in new[] { vector, scalar })
        {
            engine.Neighbors.Import(empty);
            engine.Neighbors.Build();
        }
        var fromVector = vector.Neighbors.Export();
        AssertSameLists(scalar.Neighbors.Export(), fromVector);
        Assert.True(fromVector.NeighborCapacity > 9 && fromVector.CellCapacity > 1, "both capacities should have grown");
        Assert.True(fromVector.Counts.Min() > 40, $"an fcc solid has ~80 neighbors within r_c + skin; the fewest found was {fromVector.Counts.Min()}");
    }

    private static void AssertSameListsAndForces(SimulationEngine scalar, SimulationEngine vector)
    {
        AssertSameLists(scalar.Neighbors.Export(), vector.Neighbors.Export());
        var expected = scalar.ReadForces().ToArray();
        var got = vector.ReadForces();
        double rms = Math.Sqrt(expected.Average(f => (double)f.LengthSquared));
        double worst = expected.Zip(got, (e, g) => Math.Sqrt((e - g).LengthSquared)).Max();
        Assert.True(worst < 1e-5 * rms, $"largest force difference {worst:E2}, RMS force {rms:E2}");
    }

    private static void AssertSameLists(NeighborSnapshot expected, NeighborSnapshot got)
    {
        Assert.Equal(expected.Counts, got.Counts);
        Assert.Equal(expected.Entries, got.Entries);
    }

    private static void SkipWithoutAvx2() =>
        Skip.IfNot(VectorLennardJonesForceKernel<WithoutEnergy>.IsSupported,
            "this CPU has no AVX2, so the cpu device runs only the portable kernels (covered by the conformance tests)");
}
