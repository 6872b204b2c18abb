using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Simulation;

namespace NemdEngine.Conformance;

/// <summary>Small bilayers for conformance checks and tests, built through the same BilayerBuilder as real runs.</summary>
public static class ConformanceSystems
{
    /// <summary>Near the zero-pressure fcc constant of LJ at T ≈ 0.3 (σ).</summary>
    public const double LatticeConstant = 1.5672;

    /// <summary>Two species with different ε, σ and cutoffs so the pair table is exercised.</summary>
    public static readonly PairSpec[] TwoSpeciesPairs =
    [
        new("light", "light", 1.0, 1.0, 2.5),
        new("light", "heavy", 0.8, 1.02, 2.4),
        new("heavy", "heavy", 1.2, 0.98, 2.5),
    ];

    /// <summary>Identical LJ for every pair: the force kernel's single-entry (uniform) path.</summary>
    public static readonly PairSpec[] UniformPairs =
    [
        new("light", "light", 1, 1, 2.5), new("light", "heavy", 1, 1, 2.5), new("heavy", "heavy", 1, 1, 2.5),
    ];

    /// <summary>
    /// A light | heavy bilayer deck; sizes in unit cells, temperatures in ε/k_B. As built it passes the
    /// validator for the default sizes (200 production steps give the 20 samples 10 blocks need; margins
    /// of 0.5 σ leave 3 or more planes per fit window from 5 cells per side up).
    /// </summary>
    public static Deck Deck(int cellsXY = 6, int cellsA = 5, int cellsB = 5, int frozen = 1, int reservoir = 1,
        double massB = 2.0, double t = 0.3, PairSpec[]? pairs = null, ulong seed = 7) => new()
    {
        Seed = seed,
        Species = [new SpeciesSpec("light", 1.0), new SpeciesSpec("heavy", massB)],
        Pairs = pairs ?? UniformPairs,
        Lattice = new LatticeSpec("fcc", LatticeConstant),
        Geometry = new GeometrySpec
        {
            CellsX = cellsXY, CellsY = cellsXY, SpeciesA = "light", CellsA = cellsA, SpeciesB = "heavy", CellsB = cellsB,
            FrozenCells = frozen, ReservoirCells = reservoir,
        },
        Thermostat = new ThermostatSpec(t, t, 0.5),
        Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 400, InitialTemperature = t },
        Analysis = new AnalysisSpec { MarginReservoir = 0.5, MarginInterface = 0.5 },
    };

    /// <summary>The deck's system (<see cref="Setup.SimulationSetup"/>) on a backend, with other integration methods than NEMD's.</summary>
    public static SimulationEngine Create(IComputeBackend backend, Deck deck, Func<ParticleSystem, IEnumerable<MethodSpec>> methods, out ParticleSystem system)
    {
        var setup = Setup.SimulationSetup.FromDeck(deck);
        system = setup.System;
        return new SimulationEngine(backend, system, setup.Potentials, methods(system), setup.Options);
    }

    /// <summary>Every mobile atom in one NVE group (walls stay frozen).</summary>
    public static IEnumerable<MethodSpec> AllNve(ParticleSystem s) => [new NveSpec("all", s.MobileIndices())];

    /// <summary>Lattice positions displaced by uniform noise of ±amplitude (length) per component.</summary>
    public static Vec3[] Perturbed(Vec3[] positions, double amplitude, int seed)
    {
        var random = new System.Random(seed);
        return positions.Select(p => new Vec3(
            p.X + (float)(amplitude * (2 * random.NextDouble() - 1)),
            p.Y + (float)(amplitude * (2 * random.NextDouble() - 1)),
            p.Z + (float)(amplitude * (2 * random.NextDouble() - 1)))).ToArray();
    }

    /// <summary>The pair specs of a deck as a species × species matrix (for the reference).</summary>
    public static PairSpec[,] PairMatrix(Deck deck, ParticleSystem system)
    {
        int n = system.SpeciesNames.Length;
        var matrix = new PairSpec[n, n];
        foreach (var p in PairTable.ResolvePairs(deck))
        {
            int i = Array.IndexOf(system.SpeciesNames, p.SpeciesI), j = Array.IndexOf(system.SpeciesNames, p.SpeciesJ);
            matrix[i, j] = matrix[j, i] = p;
        }
        return matrix;
    }
}
