using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Setup;
using NemdEngine.Simulation;
using static NemdEngine.Tests.Simulation.SimulationEngineCheckpointTests;

namespace NemdEngine.Tests.Simulation;

/// <summary>
/// Replicas batched in one engine (nemd run --replicas): each replica must follow the trajectory of
/// a separate run with its seed bit for bit. Any coupling between replicas (a shared neighbor cell,
/// a rebuild forced by another replica's atoms, a shared random stream, a sum over the batch) shows
/// up as differing bits.
/// </summary>
public class ReplicaBatchTests
{
    public static TheoryData<string, bool> Cases => new() { { "cpu", false }, { "ilgpu-cpu", false }, { "cpu", true } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachReplicaIsItsSeparateRunBitForBit(string device, bool manyBody)
    {
        using var backend = BackendFactory.Create(device);
        Deck deck = manyBody
            ? DeckReader.ReadFile(RealMaterialsDeck.WriteEdited([.. RealMaterialsDeck.Small, ("max_steps = 5000", "max_steps = 200"), ("skin = 1.0 ", "skin = 0.3 ")]))
            // Warm enough that the neighbor lists are rebuilt, at steps that differ between replicas.
            : TestSystems.Deck(cellsA: 3, cellsB: 3, t: 1.0);
        const int replicas = 3, steps = 120;
        var decks = ReplicaSetup.Decks(deck, replicas);

        var setup = ReplicaSetup.FromDecks(decks);
        using var batch = setup.CreateEngine(backend);
        setup.Minimize(backend, batch);
        batch.Run(steps);

        var builds = new long[replicas];
        for (int r = 0; r < replicas; r++)
        {
            var alone = SimulationSetup.FromDeck(decks[r]);
            using var engine = alone.CreateEngine(backend);
            alone.Minimize(engine);
            engine.Run(steps);
            var expected = engine.Capture();
            var actual = batch.Capture(r);
            Assert.Equal(expected.Step, actual.Step);
            Assert.Equal(Bits(expected.Positions), Bits(actual.Positions));
            Assert.Equal(Bits(expected.Velocities), Bits(actual.Velocities));
            Assert.Equal(Bits(expected.Forces), Bits(actual.Forces));
            Assert.Equal(expected.BathEnergy, actual.BathEnergy);
            Assert.Equal(expected.Neighbors.Counts, actual.Neighbors.Counts);
            Assert.Equal(expected.Neighbors.Entries, actual.Neighbors.Entries);
            Assert.Equal(expected.Neighbors.Builds, actual.Neighbors.Builds);
            builds[r] = actual.Neighbors.Builds;
        }
        Assert.True(builds.All(b => b > 1), $"the run should rebuild every replica's lists (builds {string.Join(", ", builds)})");
        if (!manyBody) Assert.True(builds.Distinct().Count() > 1, $"the replicas should rebuild at different steps, so that rebuilding one alone is tested (builds {string.Join(", ", builds)})");
    }

    [Fact]
    public void AnAtomLostInABatchIsReportedWithItsReplica()
    {
        using var backend = BackendFactory.Create("cpu");
        // A timestep 100x too large throws atoms through the walls within a few steps.
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3, t: 1.0);
        deck = deck with { Run = deck.Run with { Timestep = 0.5 } };
        var setup = ReplicaSetup.FromDecks(ReplicaSetup.Decks(deck, 2));
        using var batch = setup.CreateEngine(backend);
        var e = Assert.Throws<SimulationBlewUpException>(() => batch.Run(200));
        Assert.Matches(@"in replica [01] of the batch", e.Message);
    }
}
