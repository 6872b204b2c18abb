using System.Buffers.Binary;
using System.Security.Cryptography;
using NemdEngine.IO;
using NemdEngine.Kernels;

namespace NemdEngine.Tests.IO;

/// <summary>
/// The checked container: a failed write (disk full) leaves the previous file whole and no
/// temporary; writes and reads stream in chunks (arrays above 2 GiB); older formats still read.
/// </summary>
public class CheckedBinaryFileTests
{
    private static string TempPath(string tag) => TestTemp.Path($"nemd-{tag}-{Guid.NewGuid():N}.bin");

    private static void WriteNumbers(string path, int count) =>
        CheckedBinaryFile.Write(path, "TEST", 1, w => w.WriteArray<double>(Enumerable.Range(0, count).Select(i => i * 0.5).ToArray()));

    private static double[] ReadNumbers(string path)
    {
        var (_, r) = CheckedBinaryFile.Read(path, "TEST", 1);
        using (r)
        {
            var values = r.ReadArray<double>("numbers");
            r.End();
            return values;
        }
    }

    [Fact]
    public void DiskFullPartwayKeepsThePreviousFileAndLeavesNoTemporary()
    {
        string path = TempPath("diskfull");
        WriteNumbers(path, 10);
        byte[] before = File.ReadAllBytes(path);

        // The payload writer fails after 100 kB have gone to the temporary, as a full disk does.
        var e = Assert.ThrowsAny<IOException>(() => CheckedBinaryFile.Write(path, "TEST", 1, w =>
        {
            w.Write(new byte[100_000]);
            throw new IOException("No space left on device", 28);
        }));
        Assert.Contains(path, e.Message);
        Assert.Contains("no space left on device", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(path + ".tmp"));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(10, ReadNumbers(path).Length);
    }

    /// <summary>A real ENOSPC without root: the temporary's name is a link to /dev/full, whose writes always fail so.</summary>
    [SkippableFact]
    public void WritesIntoAFullDeviceFailNamingTheFileAndLeaveNoTemporary()
    {
        Skip.IfNot(File.Exists("/dev/full"), "no /dev/full on this system");
        string path = TempPath("devfull");
        WriteNumbers(path, 10);
        byte[] before = File.ReadAllBytes(path);
        File.CreateSymbolicLink(path + ".tmp", "/dev/full");
        var e = Assert.ThrowsAny<IOException>(() => WriteNumbers(path, 1_000_000));
        Assert.Equal($"cannot write {path}: no space left on device", e.Message);
        Assert.False(Path.Exists(path + ".tmp"));
        Assert.Equal(before, File.ReadAllBytes(path));

        string text = Path.ChangeExtension(path, ".json");
        AtomicFile.WriteText(text, "{}");
        File.CreateSymbolicLink(text + ".tmp", "/dev/full");
        e = Assert.ThrowsAny<IOException>(() => AtomicFile.WriteText(text, new string('x', 100_000)));
        Assert.Equal($"cannot write {text}: no space left on device", e.Message);
        Assert.False(Path.Exists(text + ".tmp"));
        Assert.Equal("{}", File.ReadAllText(text));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(1000)]
    public void ArraysWrittenAndReadInSmallChunksAreTheSameFile(int chunkBytes)
    {
        Vec3[] vectors = Enumerable.Range(0, 1001).Select(i => new Vec3(i, -i * 0.25f, float.Epsilon * i)).ToArray();
        int[] ints = Enumerable.Range(0, 777).Select(i => i * 7919).ToArray();
        double[] empty = [];
        void Payload(BinaryWriter w, int chunk)
        {
            CheckedBinaryFile.WriteArray<Vec3>(w, vectors, chunk);
            w.Write("between");
            CheckedBinaryFile.WriteArray<int>(w, ints, chunk);
            CheckedBinaryFile.WriteArray<double>(w, empty, chunk);
        }
        string whole = TempPath("whole"), chunked = TempPath("chunked");
        CheckedBinaryFile.Write(whole, "TEST", 1, w => Payload(w, CheckedBinaryFile.DefaultChunkBytes));
        CheckedBinaryFile.Write(chunked, "TEST", 1, w => Payload(w, chunkBytes));
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(chunked));

        var (_, r) = CheckedBinaryFile.Read(chunked, "TEST", 1, chunkBytes);
        using (r)
        {
            Assert.Equal(SimulationBits(vectors), SimulationBits(r.ReadArray<Vec3>("vectors", vectors.Length)));
            Assert.Equal("between", r.ReadString("text"));
            Assert.Equal(ints, r.ReadArray<int>("ints"));
            Assert.Empty(r.ReadArray<double>("empty"));
            r.End();
        }
    }

    private static int[] SimulationBits(Vec3[] v) => Simulation.SimulationEngineCheckpointTests.Bits(v);

    [Fact]
    public void HeaderHoldsLengthAndHashOfThePayload()
    {
        string path = TempPath("header");
        WriteNumbers(path, 1000);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal("NEMDTEST"u8.ToArray(), bytes[..8]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(bytes.Length - 52, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(SHA256.HashData(bytes.AsSpan(52)), bytes[20..52]);
    }

    [Fact]
    public void ACorruptLengthPrefixIsRefusedBeforeAllocating()
    {
        string path = TempPath("length");
        CheckedBinaryFile.Write(path, "TEST", 1, w => { w.Write(long.MaxValue / 2); w.Write(1.0); });
        var (_, r) = CheckedBinaryFile.Read(path, "TEST", 1);
        using (r)
        {
            var e = Assert.Throws<CorruptFileException>(() => r.ReadArray<double>("numbers"));
            Assert.Contains(path, e.Message);
            Assert.Contains("do not fit", e.Message);
        }
    }

    /// <summary>Golden files written by the build before streaming and run ids (0.9.0, commit 433747d): checkpoint format 2, samples format 1.</summary>
    [Fact]
    public void CheckpointsOfFormat1And2AndSamplesOfFormat1StillRead()
    {
        var expected = SyntheticRunFiles.Checkpoint();
        var v2 = RunFiles.ReadCheckpoint(SyntheticRunFiles.FixturePath("checkpoint-v2.bin"));
        AssertSameCheckpoint(expected, v2);
        Assert.Null(v2.RunId);
        Assert.Equal(expected.AnswerBelowSince, v2.AnswerBelowSince);

        // Format 1 is format 2 without the answer clock's 17 bytes at the end.
        byte[] golden = File.ReadAllBytes(SyntheticRunFiles.FixturePath("checkpoint-v2.bin"));
        string v1Path = TempPath("ckpt-v1");
        File.WriteAllBytes(v1Path, Rewrap(golden, version: 1, payload: golden.AsSpan(52, golden.Length - 52 - 17).ToArray()));
        var v1 = RunFiles.ReadCheckpoint(v1Path);
        AssertSameCheckpoint(expected, v1);
        Assert.Null(v1.AnswerBelowSince);

        var samples = RunFiles.ReadSamples(SyntheticRunFiles.FixturePath("samples-v1.bin"));
        var stored = SyntheticRunFiles.Stored();
        Assert.Null(samples.Info.RunId);
        Assert.Equal(stored.Info, samples.Info);
        Assert.Equal(stored.Samples.Temperatures, samples.Samples.Temperatures);
        Assert.Equal(stored.Samples.ColdBathEnergy, samples.Samples.ColdBathEnergy);
        Assert.Equal(stored.Deck.SourceText, samples.Deck.SourceText);

        // Today's format round-trips and carries the run id.
        string now = TempPath("ckpt-v3");
        RunFiles.WriteCheckpoint(now, expected with { RunId = "run-1" });
        var v3 = RunFiles.ReadCheckpoint(now);
        AssertSameCheckpoint(expected, v3);
        Assert.Equal("run-1", v3.RunId);
        string nowSamples = TempPath("smpl-v2");
        RunFiles.WriteSamples(nowSamples, stored with { Info = stored.Info with { RunId = "run-1" } });
        Assert.Equal("run-1", RunFiles.ReadSamples(nowSamples).Info.RunId);
    }

    private static byte[] Rewrap(byte[] original, uint version, byte[] payload)
    {
        byte[] file = new byte[52 + payload.Length];
        original.AsSpan(0, 8).CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), version);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(12), payload.Length);
        SHA256.HashData(payload, file.AsSpan(20, 32));
        payload.CopyTo(file, 52);
        return file;
    }

    private static void AssertSameCheckpoint(RunCheckpoint a, RunCheckpoint b)
    {
        Assert.Equal(a.Deck.Geometry, b.Deck.Geometry);
        Assert.Equal(a.Deck.SourcePath, b.Deck.SourcePath);
        Assert.Equal((a.Device, a.InProduction, a.ProductionStartStep, a.HotBathAtStart, a.ColdBathAtStart, a.WallSeconds),
            (b.Device, b.InProduction, b.ProductionStartStep, b.HotBathAtStart, b.ColdBathAtStart, b.WallSeconds));
        Assert.Equal(a.Simulation.Step, b.Simulation.Step);
        Assert.Equal(SimulationBits(a.Simulation.Positions), SimulationBits(b.Simulation.Positions));
        Assert.Equal(SimulationBits(a.Simulation.Forces), SimulationBits(b.Simulation.Forces));
        Assert.Equal(a.Simulation.BathEnergy, b.Simulation.BathEnergy);
        var (na, nb) = (a.Simulation.Neighbors, b.Simulation.Neighbors);
        Assert.Equal((na.CellCapacity, na.NeighborCapacity, na.Builds), (nb.CellCapacity, nb.NeighborCapacity, nb.Builds));
        Assert.Equal(na.Counts, nb.Counts);
        Assert.Equal(na.Entries, nb.Entries);
        Assert.Equal(a.Samples.Temperatures, b.Samples.Temperatures);
        Assert.Equal(a.BinCountTotals, b.BinCountTotals);
    }
}
