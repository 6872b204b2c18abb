using NemdEngine.Model;
using NemdEngine.Backends;
using NemdEngine.IO;
using NemdEngine.Lattice;
using NemdEngine.Sampling;
using NemdEngine.Tests.Simulation;

namespace NemdEngine.Tests.IO;

/// <summary>checkpoint.bin: exact round trip; a truncated or corrupt file is refused naming the file.</summary>
public class RunFilesTests
{
    private static (RunCheckpoint Checkpoint, string Path) WriteOne()
    {
        using var backend = BackendFactory.Create("cpu");
        // A deck the validator accepts: reading the checkpoint back validates it.
        var deck = TestSystems.Deck() with { SourceText = "# deck text", SourcePath = "/some/deck.toml" };
        using var sim = TestSystems.Create(backend, deck, SimulationEngineCheckpointTests.Methods, out var system);
        var layout = BilayerBuilder.Layout(deck);
        using var sampler = new ProfileSampler(backend, sim.State, layout, ProfileBinning.For(layout, null), [0, 1], [2, 3], UnitSystem.LennardJones);
        sampler.BeginProduction();
        for (int k = 1; k <= 3; k++)
        {
            sim.Run(5);
            sampler.Sample(k * 0.025);
        }
        var checkpoint = new RunCheckpoint
        {
            Deck = deck, Device = backend.Name, InProduction = true, ProductionStartStep = 0, HotBathAtStart = 0.5, ColdBathAtStart = -0.25,
            WallSeconds = 1.5, Simulation = sim.Capture(), Samples = sampler.ToSamples(), BinCountTotals = sampler.BinCountTotals(),
            AnswerBelowSince = (1.25, 10),
        };
        string path = TestTemp.Path($"nemd-ckpt-{Guid.NewGuid():N}.bin");
        RunFiles.WriteCheckpoint(path, checkpoint);
        return (checkpoint, path);
    }

    [Fact]
    public void CheckpointRoundTripsExactly()
    {
        var (written, path) = WriteOne();
        var read = RunFiles.ReadCheckpoint(path);
        Assert.Equal(written.Deck.Geometry, read.Deck.Geometry);
        Assert.Equal(written.Deck.Species, read.Deck.Species);
        Assert.Equal(written.Deck.Pairs, read.Deck.Pairs);
        Assert.Equal(written.Deck.Run, read.Deck.Run);
        Assert.Equal(written.Deck.Seed, read.Deck.Seed);
        Assert.Equal(written.Deck.SourceText, read.Deck.SourceText);
        Assert.Equal(written.Device, read.Device);
        Assert.Equal((written.InProduction, written.ProductionStartStep, written.HotBathAtStart, written.ColdBathAtStart, written.WallSeconds),
            (read.InProduction, read.ProductionStartStep, read.HotBathAtStart, read.ColdBathAtStart, read.WallSeconds));
        Assert.Equal(written.AnswerBelowSince, read.AnswerBelowSince);
        var (a, b) = (written.Simulation, read.Simulation);
        Assert.Equal(a.Step, b.Step);
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.Positions), SimulationEngineCheckpointTests.Bits(b.Positions));
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.Velocities), SimulationEngineCheckpointTests.Bits(b.Velocities));
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.Forces), SimulationEngineCheckpointTests.Bits(b.Forces));
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.ReferencePositions), SimulationEngineCheckpointTests.Bits(b.ReferencePositions));
        Assert.Equal(a.BathEnergy, b.BathEnergy);
        Assert.Equal(a.Neighbors.Counts, b.Neighbors.Counts);
        Assert.Equal(a.Neighbors.Entries, b.Neighbors.Entries);
        Assert.Equal((a.Neighbors.CellCapacity, a.Neighbors.NeighborCapacity, a.Neighbors.Builds), (b.Neighbors.CellCapacity, b.Neighbors.NeighborCapacity, b.Neighbors.Builds));
        Assert.Equal(written.Samples.Times, read.Samples.Times);
        Assert.Equal(written.Samples.Temperatures, read.Samples.Temperatures);
        Assert.Equal(written.Samples.HotBathEnergy, read.Samples.HotBathEnergy);
        Assert.Equal(written.Samples.ColdReservoirTemperature, read.Samples.ColdReservoirTemperature);
        Assert.Equal(written.Samples.BinRegions, read.Samples.BinRegions);
        Assert.Equal(written.BinCountTotals, read.BinCountTotals);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void TruncatedCorruptOrForeignCheckpointIsRefusedNamingTheFile()
    {
        var (_, path) = WriteOne();
        byte[] good = File.ReadAllBytes(path);

        File.WriteAllBytes(path, good[..(good.Length / 2)]);
        var e = Assert.Throws<CorruptFileException>(() => RunFiles.ReadCheckpoint(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);

        var flipped = (byte[])good.Clone();
        flipped[good.Length - 100] ^= 0x10;
        File.WriteAllBytes(path, flipped);
        e = Assert.Throws<CorruptFileException>(() => RunFiles.ReadCheckpoint(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("checksum", e.Message);

        File.WriteAllBytes(path, good[..10]);
        e = Assert.Throws<CorruptFileException>(() => RunFiles.ReadCheckpoint(path));
        Assert.Contains(path, e.Message);

        File.WriteAllText(path, "not a checkpoint at all, but long enough to hold a header of fifty-two bytes");
        e = Assert.Throws<CorruptFileException>(() => RunFiles.ReadCheckpoint(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a NemdEngine", e.Message);

        // A samples file is not a checkpoint.
        File.WriteAllBytes(path, good);
        var samples = RunFiles.ReadCheckpoint(path).Samples;
        RunFiles.WriteSamples(path, new StoredSamples(TestSystems.Deck(), new RunInfo(1, 1, 1, 1, "cpu", 1, null, null), samples));
        e = Assert.Throws<CorruptFileException>(() => RunFiles.ReadCheckpoint(path));
        Assert.Contains("'SMPL' file, expected 'CKPT'", e.Message);
    }
}
