using NemdEngine.Backends;
using NemdEngine.Conformance;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Simulation;

namespace NemdEngine.Tests;

/// <summary>Small systems for tests: the library's conformance systems under short names.</summary>
public static class TestSystems
{
    public const double LatticeConstant = ConformanceSystems.LatticeConstant;
    public static readonly PairSpec[] TwoSpeciesPairs = ConformanceSystems.TwoSpeciesPairs;

    public static Deck Deck(int cellsXY = 6, int cellsA = 5, int cellsB = 5, int frozen = 1, int reservoir = 1,
        double massB = 2.0, double t = 0.3, PairSpec[]? pairs = null, ulong seed = 7)
        => ConformanceSystems.Deck(cellsXY, cellsA, cellsB, frozen, reservoir, massB, t, pairs, seed);

    public static SimulationEngine Create(IComputeBackend backend, Deck deck, Func<ParticleSystem, IEnumerable<MethodSpec>> methods, out ParticleSystem system)
        => ConformanceSystems.Create(backend, deck, methods, out system);

    public static Vec3[] Perturbed(Vec3[] positions, double amplitude, int seed) => ConformanceSystems.Perturbed(positions, amplitude, seed);
}
