using NemdEngine.IO;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Sampling;
using NemdEngine.Simulation;

namespace NemdEngine.Tests.IO;

/// <summary>
/// A tiny checkpoint and samples with made-up values (4 atoms, 3 bins, 2 samples): small enough to
/// keep as golden files written by an earlier build (IO/Fixtures), to prove old formats still read.
/// </summary>
public static class SyntheticRunFiles
{
    public static string FixturePath(string name) => Input.DeckReaderTests.RepoFile($"tests/NemdEngine.Tests/IO/Fixtures/{name}");

    public static ProductionSamples Samples() => new()
    {
        BinCenters = [0.5, 1.5, 2.5],
        BinWidth = 1.0,
        BinRegions = [Region.HotReservoir, Region.MaterialA, Region.ColdReservoir],
        AtomsPerBin = [10, 11, 12],
        Times = [0.05, 0.1],
        Temperatures = [[0.4, 0.3, 0.2], [0.41, 0.31, double.NaN]],
        HotBathEnergy = [1.5, 3.25],
        ColdBathEnergy = [-1.25, -3.5],
        HotReservoirTemperature = [0.39, 0.4],
        ColdReservoirTemperature = [0.21, 0.2],
    };

    public static RunCheckpoint Checkpoint()
    {
        // The golden files' deck (written by 433747d): TestSystems.Deck with 0.5 σ margins, a valid deck then and now.
        var deck = TestSystems.Deck() with { SourceText = "# synthetic", SourcePath = "/synthetic/deck.toml" };
        Vec3[] V(float s) => [new(s, 2 * s, 3 * s), new(-s, 0.5f, 1e-7f), new(float.Epsilon, -0f, 7), new(1, 2, 3)];
        var simulation = new SimulationSnapshot(42, V(1.25f), V(-0.5f), V(3e-3f), V(1.0f), [0.1, -0.2, 0.3, 0],
            new NeighborSnapshot(8, 16, 5, [1, 2, 0, 1], [1, 0, 3, 2]));
        return new RunCheckpoint
        {
            Deck = deck, Device = "cpu", InProduction = true, ProductionStartStep = 20, HotBathAtStart = 0.5, ColdBathAtStart = -0.25,
            WallSeconds = 1.5, Simulation = simulation, Samples = Samples(), BinCountTotals = [100, 110, 120], AnswerBelowSince = (1.25, 30),
        };
    }

    public static StoredSamples Stored() => new(Checkpoint().Deck, new RunInfo(4, 120, 2.5, 192, "cpu: synthetic", 7, "/synthetic/deck.toml", "# synthetic"), Samples());
}
