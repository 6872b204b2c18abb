using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Model;
using NemdEngine.Sampling;
using NemdEngine.Simulation;
using NemdEngine.Simulation.Minimization;

namespace NemdEngine.Setup;

/// <summary>
/// N independent replicas of one deck in one simulation (nemd run --replicas N): replica r is the
/// deck with seed (deck seed + r), built and minimized as a run of its own would be, then all of
/// them batched (<see cref="ReplicaBatch"/>) so that every kernel launch covers every replica. Each
/// replica's trajectory is bit for bit that of a separate run with its seed on the same backend:
/// its neighbor lists are rebuilt when its own atoms move, and its bath draws its own seed's numbers.
/// </summary>
public sealed class ReplicaSetup
{
    /// <summary>Each replica as a run of its own would set it up (its deck carries its seed).</summary>
    public required IReadOnlyList<SimulationSetup> Replicas { get; init; }
    public required ParticleSystem System { get; init; }
    /// <summary>The NEMD methods over every replica's atoms (<see cref="NemdMethods"/> order).</summary>
    public required MethodSpec[] Methods { get; init; }
    public required SimulationOptions Options { get; init; }

    public SimulationSetup First => Replicas[0];
    public int AtomsPerReplica => System.AtomsPerReplica;

    /// <summary>The seed of replica <paramref name="replica"/>: the deck's seed + replica.</summary>
    public static ulong SeedOf(Deck deck, int replica) => deck.Seed + (ulong)replica;

    /// <summary>The decks of <paramref name="replicas"/> replicas of <paramref name="deck"/>: alike but for the seed (<see cref="SeedOf"/>).</summary>
    public static Deck[] Decks(Deck deck, int replicas) =>
        Enumerable.Range(0, replicas).Select(r => deck with { Seed = SeedOf(deck, r) }).ToArray();

    /// <param name="decks">One deck per replica, alike but for the seed (and the output folder): they share one load of the potentials.</param>
    public static ReplicaSetup FromDecks(IReadOnlyList<Deck> decks)
    {
        var potentials = DeckPotentials.Load(decks[0]);
        var setups = decks.Select(d => SimulationSetup.FromDeck(d, potentials)).ToArray();
        var system = ReplicaBatch.Combine(setups.Select(s => s.System).ToArray());
        int n = system.AtomsPerReplica;
        MethodSpec Union(int method)
        {
            var atoms = setups.SelectMany((s, r) => ReplicaBatch.InBatch(s.Methods[method].Atoms, r, n)).ToArray();
            return setups[0].Methods[method] switch
            {
                LangevinSpec l => l with { Atoms = atoms },
                NveSpec v => v with { Atoms = atoms },
                var other => throw new ArgumentException($"unknown method {other.GetType().Name}"),
            };
        }
        var first = setups[0];
        return new ReplicaSetup
        {
            Replicas = setups,
            System = system,
            Methods = Enumerable.Range(0, first.Methods.Length).Select(Union).ToArray(),
            Options = first.Options with { ReplicaSeeds = setups.Select(s => s.Options.Seed).ToArray() },
        };
    }

    public SimulationEngine CreateEngine(IComputeBackend backend) => new(backend, System, First.Potentials, Methods, Options);

    /// <summary>One profile sampler per replica, all from one reduction (<see cref="ProfileSampler.ForReplicas"/>).</summary>
    public ProfileSampler[] CreateSamplers(IComputeBackend backend, SimulationEngine engine) =>
        ProfileSampler.ForReplicas(backend, engine.State, First.Layout, First.Binning, Methods[NemdMethods.Hot].Atoms, Methods[NemdMethods.Cold].Atoms, First.Units);

    /// <summary>
    /// [minimize]: each replica is minimized on an engine of its own, exactly as its separate run
    /// would be, and its state (minimized positions, forces, lists, built velocities) put into the
    /// batch. Null when the deck asks for no minimization; else one result per replica.
    /// </summary>
    public MinimizationResult[]? Minimize(IComputeBackend backend, SimulationEngine batch, CancellationToken cancel = default)
    {
        if (First.Deck.Minimize.MaxSteps == 0) return null;
        var results = new MinimizationResult[Replicas.Count];
        for (int r = 0; r < Replicas.Count; r++)
        {
            using var alone = Replicas[r].CreateEngine(backend);
            results[r] = Replicas[r].Minimize(alone, cancel)!;
            batch.Restore(alone.Capture(), r);
        }
        return results;
    }
}
