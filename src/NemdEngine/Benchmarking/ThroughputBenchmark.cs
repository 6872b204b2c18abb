using System.Diagnostics;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Lattice;
using NemdEngine.Potentials;
using NemdEngine.Sampling;
using NemdEngine.Simulation;

namespace NemdEngine.Benchmarking;

/// <summary>One measured size: throughput, memory and where the time went.</summary>
/// <param name="BytesPerAtom">Backend memory held by the simulation and sampler, per atom (bytes).</param>
/// <param name="StageFractions">Share of the step time per stage (integration, neighbor, force, flags, sampling).</param>
/// <param name="EngineSteps">Steps the simulation advanced in all: warm-up, the timed steps and the breakdown pass.</param>
public sealed record ThroughputResult(string Device, int Atoms, long Steps, double Seconds, double AtomStepsPerSecond,
    double StepsPerSecond, double BytesPerAtom, long NeighborBuilds, IReadOnlyDictionary<string, double> StageFractions, long EngineSteps)
{
    /// <summary>CPU time of the whole process (all threads) over the timed steps (s). On a shared machine
    /// CpuSeconds / (Seconds × cores used) says how much of the wall time the run actually had the cores.</summary>
    public double CpuSeconds { get; init; }
    /// <summary>Steps between spectral heat current samples (<c>nemd bench --spectral</c>); 0: none.</summary>
    public int SpectralInterval { get; init; }
}

/// <summary>
/// Throughput of the production step loop on the LJ fcc bilayer the runner simulates (light |
/// heavy, mass ratio 3, identical LJ, hot and cold Langevin reservoirs, frozen ends, a profile
/// sample every 10 steps), after a warm-up that includes kernel compilation.
/// </summary>
public static class ThroughputBenchmark
{
    public const int SampleInterval = 10;

    /// <summary>A cube of n fcc cells per side with 4 n³ ≥ atoms (n ≥ 10), split evenly between A and B.</summary>
    public static Deck BilayerDeck(int atoms)
    {
        int n = Math.Max(10, (int)Math.Ceiling(Math.Cbrt(atoms / 4.0) - 1e-9));
        return new Deck
        {
            Seed = 1,
            Species = [new SpeciesSpec("light", 1.0), new SpeciesSpec("heavy", 3.0)],
            Pairs = [new PairSpec("light", "light", 1, 1, 2.5), new PairSpec("light", "heavy", 1, 1, 2.5), new PairSpec("heavy", "heavy", 1, 1, 2.5)],
            Lattice = new LatticeSpec("fcc", 1.5672),
            Geometry = new GeometrySpec
            {
                CellsX = n, CellsY = n, SpeciesA = "light", CellsA = n / 2, SpeciesB = "heavy", CellsB = n - n / 2,
                FrozenCells = 1, ReservoirCells = 3,
            },
            Thermostat = new ThermostatSpec(0.33, 0.27, 0.5),
            Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 1, InitialTemperature = 0.3 },
        };
    }

    /// <param name="minSeconds">Measure for at least this long (wall seconds).</param>
    /// <param name="spectralInterval">Also sample the spectral heat current every this many steps (segments of
    /// <see cref="Sampling.Spectral.SpectralPlan.DefaultSegmentSamples"/>, the slab the largest cutoff thick); 0: not.</param>
    public static ThroughputResult Run(IComputeBackend backend, int atoms, double minSeconds, int spectralInterval = 0) =>
        Run(backend, BilayerDeck(atoms), minSeconds, spectralInterval);

    /// <summary>The same measurement on any deck's system (its reservoirs, if any, as Langevin baths).</summary>
    public static ThroughputResult Run(IComputeBackend backend, Deck deck, double minSeconds, int spectralInterval = 0)
    {
        var setup = Setup.SimulationSetup.FromDeck(deck);
        using var sim = setup.CreateEngine(backend);
        using var sampler = setup.CreateSampler(backend, sim);
        using var spectral = spectralInterval > 0
            ? new Sampling.Spectral.SpectralSampler(backend, sim, setup.System, setup.Layout, new Sampling.Spectral.SpectralPlan(
                Setup.DeckPotentials.MaxCutoff(setup.Potentials), spectralInterval, Sampling.Spectral.SpectralPlan.DefaultSegmentSamples, spectralInterval * deck.Run.Timestep))
            : null;
        var result = Measure(backend, sim, step =>
        {
            if (step % SampleInterval == 0) sampler.Sample(step * deck.Run.Timestep);
            if (spectral is not null && step % spectralInterval == 0) spectral.Sample();
        }, minSeconds);
        return result with { SpectralInterval = spectralInterval };
    }

    /// <summary>LAMMPS bench/in.lj: the periodic LJ liquid (<see cref="LennardJonesLiquid"/>), NVE, no sampling.</summary>
    /// <summary>
    /// <paramref name="replicas"/> seeds of the bilayer deck batched in one engine (nemd run
    /// --replicas), sampled like <see cref="Run(IComputeBackend, Deck, double, int)"/>; atom-steps
    /// count the atoms of every replica.
    /// </summary>
    public static ThroughputResult RunReplicas(IComputeBackend backend, Deck deck, int replicas, double minSeconds)
    {
        var setup = Setup.ReplicaSetup.FromDecks(Setup.ReplicaSetup.Decks(deck, replicas));
        using var sim = setup.CreateEngine(backend);
        var samplers = setup.CreateSamplers(backend, sim);
        try
        {
            return Measure(backend, sim, step =>
            {
                if (step % SampleInterval == 0) ProfileSampler.SampleAll(samplers, step * deck.Run.Timestep);
            }, minSeconds);
        }
        finally
        {
            foreach (var sampler in samplers) sampler.Dispose();
        }
    }

    public static ThroughputResult RunLiquid(IComputeBackend backend, int atoms, double minSeconds)
    {
        var (system, pairs) = LennardJonesLiquid.Build(atoms);
        using var sim = new SimulationEngine(backend, system, [pairs], [new NveSpec("all", system.MobileIndices())],
            new SimulationOptions(LennardJonesLiquid.Timestep, LennardJonesLiquid.Skin, 1));
        return Measure(backend, sim, null, minSeconds);
    }

    /// <summary>The periodic diamond Si crystal near 1000 K (<see cref="SiliconCrystal"/>) with SW or Tersoff, NVE, no sampling.</summary>
    /// <param name="style"><see cref="SiliconCrystal.StillingerWeber"/> or <see cref="SiliconCrystal.Tersoff"/>.</param>
    public static ThroughputResult RunSilicon(IComputeBackend backend, string style, int atoms, double minSeconds)
    {
        var potential = SiliconCrystal.Potential(style);
        var system = SiliconCrystal.Build(atoms);
        using var sim = new SimulationEngine(backend, system, [potential], [new NveSpec("all", system.MobileIndices())],
            new SimulationOptions(Conformance.ManyBodySystems.Timestep, Conformance.ManyBodySystems.Skin, 1));
        return Measure(backend, sim, null, minSeconds);
    }

    /// <summary>
    /// Warm-up (JIT tiers, kernel compilation), then whole 50-step batches for at least minSeconds,
    /// then a shorter pass with synchronized stage timers for the breakdown.
    /// </summary>
    /// <param name="sample">Per-step work outside the engine (profile sampling), timed as its own stage.</param>
    private static ThroughputResult Measure(IComputeBackend backend, SimulationEngine sim, Action<long>? sample, double minSeconds)
    {
        long sampleTicks = 0;
        Action<long>? afterStep = sample is null ? null : step =>
        {
            long start = Stopwatch.GetTimestamp();
            sample(step);
            sampleTicks += Stopwatch.GetTimestamp() - start;
        };

        sim.Run(50, afterStep);
        long builds = sim.Neighbors.Builds, steps = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < minSeconds)
        {
            sim.Run(50, afterStep);
            steps += 50;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        builds = sim.Neighbors.Builds - builds;
        long bytes = backend.LiveBytes;

        sim.Times.Reset();
        sim.Times.Enabled = true;
        sampleTicks = 0;
        sim.Run(Math.Max(50, steps / 5), afterStep);
        sim.Times.Enabled = false;
        var stages = Enumerable.Range(0, StageTimes.Names.Length).ToDictionary(s => StageTimes.Names[s], s => sim.Times[s].TotalSeconds);
        if (sample is not null) stages["sampling"] = Stopwatch.GetElapsedTime(0, sampleTicks).TotalSeconds;
        double total = stages.Values.Sum();
        var fractions = stages.ToDictionary(kv => kv.Key, kv => kv.Value / total);

        return new ThroughputResult($"{backend.Name}: {backend.Description}", sim.AtomCount, steps, seconds,
            sim.AtomCount * (double)steps / seconds, steps / seconds, bytes / (double)sim.AtomCount, builds, fractions, sim.Step) { CpuSeconds = cpuSeconds };
    }
}
