using System.Globalization;
using System.Text.Json;
using NemdEngine.Input;
using NemdEngine.IO.Trajectory;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Workflow;
using PureHDF;
using Serilog;

namespace NemdEngine.Tests.IO;

/// <summary>
/// The H5MD trajectory checked by real readers (h5py, h5dump, MDAnalysis) and by PureHDF's own
/// reader: layout, shapes, values, segments, truncation after a failure, and bounded memory.
/// </summary>
public sealed class H5mdTrajectoryTests : IDisposable
{
    private const int Atoms = 40, Bins = 5, FrameInterval = 20, SampleInterval = 10, FirstStep = 1000;
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"nemd-h5md-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static readonly TrajectoryAtoms AtomData = new(
        Enumerable.Range(0, Atoms).Select(i => i % 2).ToArray(),
        Enumerable.Range(0, Atoms).Select(i => i % 2 == 0 ? 1f : 3f).ToArray(),
        Enumerable.Range(0, Atoms).Select(i => 100 + i).ToArray(),
        ["light", "heavy"]);

    private static readonly double[] BinCenters = [0.5, 1.5, 2.5, 3.5, 4.5];

    /// <summary>A distinct, exactly representable value for every (frame, atom, component, field).</summary>
    private static float Value(int frame, int atom, int component, int field) => frame * 1000 + atom + component * 0.25f + field * 0.0625f;

    private static Vec3[] Array3(int frame, int field, int atoms = Atoms) =>
        Enumerable.Range(0, atoms).Select(i => new Vec3(Value(frame, i, 0, field), Value(frame, i, 1, field), Value(frame, i, 2, field))).ToArray();

    private static ObservableSample Sample(int k) => new(FirstStep + k * SampleInterval, (FirstStep + k * SampleInterval) * 0.005,
        0.5 * k, -0.25 * k, 0.33 + 0.001 * k, 0.27 - 0.001 * k, BinCenters.Select(z => z + k).ToArray());

    private static TrajectoryFrame Frame(int f) => new(FirstStep + (f + 1) * FrameInterval, (FirstStep + (f + 1) * FrameInterval) * 0.005,
        new Vec3(9.5f, 9.5f, 40f + f), Array3(f, 0), Array3(f, 1), Array3(f, 2));

    /// <summary>Writes <paramref name="written"/> of the scheduled frames with all fields, 3 frames per file.</summary>
    private H5mdTrajectoryWriter Write(int scheduledFrames, int written, bool compression, bool close = true)
    {
        var options = new TrajectoryOptions((TrajectoryFields)63, compression, UnitSystem.LennardJones, SegmentBytes: 3 * 3 * 12 * Atoms);
        var schedule = new TrajectorySchedule(FirstStep, FirstStep + scheduledFrames * FrameInterval, FrameInterval, SampleInterval);
        var writer = new H5mdTrajectoryWriter(dir, options, AtomData, BinCenters, schedule);
        try
        {
            for (int f = 0; f < written; f++)
            {
                writer.WriteObservables(Sample(2 * f + 1));
                writer.WriteObservables(Sample(2 * f + 2));
                writer.WriteFrame(Frame(f));
            }
            if (close) writer.Close();
        }
        finally { writer.Dispose(); }
        return writer;
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void H5pyReadsEveryDatasetBackWithTheWrittenShapesAndValues(bool compression)
    {
        Peers.RequirePythonModule("h5py", "apt-get install python3-h5py");
        var writer = Write(scheduledFrames: 7, written: 7, compression);
        Assert.Equal(["trajectory-0000.h5", "trajectory-0001.h5", "trajectory-0002.h5"], writer.Files.Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(dir, "*.part"));

        int frameOffset = 0;
        var dumps = H5py(writer.Files);
        foreach (var d in dumps)
        {
            int frames = d.GetProperty("particles/all/position/value").GetProperty("shape")[0].GetInt32();
            Assert.Equal(frameOffset < 6 ? 3 : 1, frames);
            Assert.Equal("[1,1]", d.GetProperty("@/h5md/version").GetRawText().Replace(" ", "", StringComparison.Ordinal));
            Assert.Equal("NemdEngine", d.GetProperty("@/h5md/creator/name").GetString());
            Assert.Equal(3, d.GetProperty("@/particles/all/box/dimension").GetInt32());
            Assert.Equal(["periodic", "periodic", "none"], d.GetProperty("@/particles/all/box/boundary").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("sigma", d.GetProperty("@/particles/all/position/value/reduced_unit").GetString());
            Assert.Equal("tau", d.GetProperty("@/particles/all/position/time/reduced_unit").GetString());
            Assert.Equal(["light", "heavy"], d.GetProperty("@/parameters/species_names").EnumerateArray().Select(e => e.GetString()));

            for (int field = 0; field < 3; field++)
            {
                string name = new[] { "position", "velocity", "force" }[field];
                var value = d.GetProperty($"particles/all/{name}/value");
                Assert.Equal(new[] { frames, Atoms, 3 }, value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
                Assert.Equal("float32", value.GetProperty("dtype").GetString());
                var data = value.GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
                for (int f = 0; f < frames; f++)
                    for (int i = 0; i < Atoms; i++)
                        for (int c = 0; c < 3; c++)
                            Assert.Equal(Value(frameOffset + f, i, c, field), data[(f * Atoms + i) * 3 + c]);
                var steps = Ints(d, $"particles/all/{name}/step");
                Assert.Equal(Enumerable.Range(frameOffset, frames).Select(f => (long)Frame(f).Step), steps);
                Assert.Equal(steps.Select(s => s * 0.005), Doubles(d, $"particles/all/{name}/time"));
            }
            var edges = d.GetProperty("particles/all/box/edges/value");
            Assert.Equal(new[] { frames, 3, 3 }, edges.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            var box = Doubles(d, "particles/all/box/edges/value");
            for (int f = 0; f < frames; f++)
                Assert.Equal(new double[] { 9.5, 0, 0, 0, 9.5, 0, 0, 0, 40 + frameOffset + f }, box.Skip(9 * f).Take(9));
            Assert.Equal(AtomData.Species.Select(x => (long)x), Ints(d, "particles/all/species"));
            Assert.Equal(AtomData.Ids.Select(x => (long)x), Ints(d, "particles/all/id"));
            Assert.Equal(AtomData.Masses.Select(x => (double)x), Doubles(d, "particles/all/mass"));

            int samples = 2 * frames;
            var expected = Enumerable.Range(2 * frameOffset + 1, samples).Select(Sample).ToArray();
            Assert.Equal(expected.Select(s => s.Step), Ints(d, "observables/hot_bath_energy/step"));
            Assert.Equal(expected.Select(s => s.HotBathEnergy), Doubles(d, "observables/hot_bath_energy/value"));
            Assert.Equal(expected.Select(s => s.ColdBathEnergy), Doubles(d, "observables/cold_bath_energy/value"));
            Assert.Equal(expected.Select(s => s.HotReservoirTemperature), Doubles(d, "observables/hot_reservoir_temperature/value"));
            Assert.Equal(expected.Select(s => s.ColdReservoirTemperature), Doubles(d, "observables/cold_reservoir_temperature/value"));
            Assert.Equal(new[] { samples, Bins }, d.GetProperty("observables/temperature_profile/value").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(expected.SelectMany(s => s.Profile), Doubles(d, "observables/temperature_profile/value"));
            Assert.Equal(BinCenters, Doubles(d, "observables/temperature_profile/bin_center"));
            frameOffset += frames;
        }
        Assert.Equal(7, frameOffset);
        Assert.Contains("trajectory-0002.h5 1140 1140 1 2", File.ReadAllText(Path.Combine(dir, H5mdTrajectoryWriter.IndexFile)), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void H5dumpShowsTheH5mdLayout()
    {
        string h5dump = Peers.RequireExecutable("h5dump", "apt-get install hdf5-tools");
        var writer = Write(scheduledFrames: 2, written: 2, compression: true);
        var (code, output, err) = Peers.Run(h5dump, ["-H", writer.Files[0]], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, err);
        foreach (var expected in new[] { "GROUP \"h5md\"", "ATTRIBUTE \"version\"", "GROUP \"author\"", "GROUP \"creator\"", "GROUP \"particles\"",
            "GROUP \"all\"", "GROUP \"box\"", "ATTRIBUTE \"boundary\"", "ATTRIBUTE \"dimension\"", "GROUP \"edges\"", "GROUP \"position\"",
            "DATASET \"value\"", "DATASET \"step\"", "DATASET \"time\"", "DATASET \"species\"", "DATASET \"mass\"", "DATASET \"id\"",
            "GROUP \"observables\"", "GROUP \"temperature_profile\"", "DATASET \"bin_center\"", "GROUP \"hot_bath_energy\"",
            "DATASPACE  SIMPLE { ( 2, 40, 3 ) / ( 2, 40, 3 ) }" })
            Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void MDAnalysisOpensTheFilesAsAUniverseAndIteratesEveryFrame()
    {
        Peers.RequirePythonModule("MDAnalysis", "apt-get install python3-mdanalysis");
        var writer = Write(scheduledFrames: 5, written: 5, compression: false);
        // MDAnalysis 2.4 cannot build a topology from H5MD with convert_units=False (its
        // parse_n_atoms rejects the keyword), so the MINIMAL topology gets n_atoms explicitly.
        string script = """
            import sys, json, warnings
            warnings.filterwarnings("ignore")
            import MDAnalysis as mda
            files = sys.argv[2:]
            u = mda.Universe(files[0], files, topology_format="MINIMAL", format="H5MD", n_atoms=int(sys.argv[1]), convert_units=False)
            out = [dict(frame=int(ts.frame), time=float(ts.time), step=int(ts.data["step"]), box=[float(x) for x in ts.dimensions],
                        pos=ts.positions[:, :].ravel().tolist(), vel=ts.velocities.ravel().tolist()) for ts in u.trajectory]
            print(json.dumps(out))
            """;
        var (code, output, err) = Peers.Run(Peers.Python, ["-c", script, Atoms.ToString(CultureInfo.InvariantCulture), .. writer.Files], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, err);
        var frames = JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(5, frames.Length);
        for (int f = 0; f < 5; f++)
        {
            Assert.Equal(Frame(f).Step, frames[f].GetProperty("step").GetInt64());
            Assert.Equal(Frame(f).Time, frames[f].GetProperty("time").GetDouble(), 9);
            Assert.Equal(new double[] { 9.5, 9.5, 40 + f, 90, 90, 90 }, frames[f].GetProperty("box").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal(Array3(f, 0).SelectMany(v => new[] { v.X, v.Y, v.Z }), frames[f].GetProperty("pos").EnumerateArray().Select(e => e.GetSingle()));
            Assert.Equal(Array3(f, 1).SelectMany(v => new[] { v.X, v.Y, v.Z }), frames[f].GetProperty("vel").EnumerateArray().Select(e => e.GetSingle()));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARunCutShortLeavesReadableFilesHoldingExactlyTheFramesWritten(bool compression)
    {
        // 10 frames scheduled (4 files of 3), the run dies after 5: no Close, only Dispose (finally).
        var writer = Write(scheduledFrames: 10, written: 5, compression, close: false);
        Assert.Null(writer.DisposeError);
        Assert.Equal(["trajectory-0000.h5", "trajectory-0001.h5"], writer.Files.Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(dir, "*.part*"));
        using var file = H5File.OpenRead(writer.Files[1]);
        var position = file.Dataset("/particles/all/position/value");
        Assert.Equal(new ulong[] { 2, Atoms, 3 }, position.Space.Dimensions);
        var data = position.Read<float[]>();
        Assert.Equal(Value(4, Atoms - 1, 2, 0), data[^1]);
        Assert.Equal(new[] { Frame(3).Step, Frame(4).Step }, file.Dataset("/particles/all/position/step").Read<long[]>());
        Assert.Equal(new ulong[] { 4, Bins }, file.Dataset("/observables/temperature_profile/value").Space.Dimensions);
        Assert.Equal(Sample(10).HotBathEnergy, file.Dataset("/observables/hot_bath_energy/value").Read<double[]>()[^1]);
    }

    [Fact]
    public void AKilledRunLeavesOnlyFinishedFilesUnderH5Names()
    {
        // SIGKILL runs no finally block: model it by abandoning the writer mid-file (no Close/Dispose).
        var options = new TrajectoryOptions((TrajectoryFields)63, false, UnitSystem.LennardJones, SegmentBytes: 3 * 3 * 12 * Atoms);
        var writer = new H5mdTrajectoryWriter(dir, options, AtomData, BinCenters, new TrajectorySchedule(FirstStep, FirstStep + 10 * FrameInterval, FrameInterval, SampleInterval));
        for (int f = 0; f < 5; f++)
        {
            writer.WriteObservables(Sample(2 * f + 1));
            writer.WriteObservables(Sample(2 * f + 2));
            writer.WriteFrame(Frame(f));
        }
        Assert.Equal(["trajectory-0000.h5"], Directory.GetFiles(dir, "*.h5").Select(Path.GetFileName));
        Assert.Equal(["trajectory-0001.h5.part"], Directory.GetFiles(dir, "*.part").Select(Path.GetFileName));
        using var file = H5File.OpenRead(Path.Combine(dir, "trajectory-0000.h5"));
        Assert.Equal(new ulong[] { 3, Atoms, 3 }, file.Dataset("/particles/all/velocity/value").Space.Dimensions);
        Assert.Equal(Value(2, 7, 1, 1), file.Dataset("/particles/all/velocity/value").Read<float[]>()[(2 * Atoms + 7) * 3 + 1]);
        Assert.Contains("trajectory-0000.h5 1020 1060 3 6", File.ReadAllText(Path.Combine(dir, H5mdTrajectoryWriter.IndexFile)), StringComparison.Ordinal);
        writer.Dispose(); // lets the test delete the folder
    }

    [SkippableFact]
    public void FramesSpanningSeveralChunksAreReadBackExactlyByH5py()
    {
        Peers.RequirePythonModule("h5py", "apt-get install python3-h5py");
        // 70,001 atoms: two chunks of 35,001 per frame, the last one padded by one atom.
        const int atoms = 70_001, frames = 3;
        var atomData = new TrajectoryAtoms(new int[atoms], new float[atoms], Enumerable.Range(0, atoms).ToArray(), ["a"]);
        var options = new TrajectoryOptions(TrajectoryFields.Position | TrajectoryFields.Force, true, UnitSystem.LennardJones, SegmentBytes: 2L * 2 * 12 * atoms);
        var files = new List<string>();
        using (var writer = new H5mdTrajectoryWriter(dir, options, atomData, [0.5], new TrajectorySchedule(0, frames * 10, 10, 10)))
        {
            for (int f = 0; f < frames; f++)
            {
                writer.WriteObservables(new ObservableSample(10 * f + 10, 0, 0, 0, 0, 0, [0]));
                writer.WriteFrame(new TrajectoryFrame(10 * f + 10, 0, default, Array3(f, 0, atoms), null, Array3(f, 2, atoms)));
            }
            writer.Close();
            files.AddRange(writer.Files);
        }
        string script = """
            import sys, h5py, numpy as np
            offset = 0
            for path in sys.argv[1:]:
                with h5py.File(path, "r") as f:
                    for field, name in ((0, "position"), (2, "force")):
                        v = f[f"particles/all/{name}/value"]
                        n = v.shape[0]
                        frame = np.arange(offset, offset + n, dtype=np.float64)[:, None, None]
                        atom = np.arange(v.shape[1], dtype=np.float64)[None, :, None]
                        comp = np.arange(3, dtype=np.float64)[None, None, :]
                        expected = (frame * 1000 + atom + comp * 0.25 + field * 0.0625).astype(np.float32)
                        assert v.chunks == (1, 35001, 3), v.chunks
                        assert np.array_equal(v[()], expected), (path, name)
                    offset += n
            print(offset)
            """;
        var (code, output, err) = Peers.Run(Peers.Python, ["-c", script, .. files], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, err);
        Assert.Equal("3", output.Trim());
    }

    [Fact]
    public void MemoryDoesNotGrowWithFramesEvenWhenCompressed()
    {
        // 20,000 atoms × 3 fields = 720 kB per frame, 60 frames = 43 MB in files of 20 frames.
        // PureHDF's own chunk cache would hold every chunk of a file until it closes (~14 MB).
        const int atoms = 20_000, frames = 60;
        var atomData = new TrajectoryAtoms(new int[atoms], Enumerable.Repeat(1f, atoms).ToArray(), Enumerable.Range(0, atoms).ToArray(), ["a"]);
        var options = new TrajectoryOptions(TrajectoryFields.Position | TrajectoryFields.Velocity | TrajectoryFields.Force, true, UnitSystem.LennardJones,
            SegmentBytes: 20L * 3 * 12 * atoms);
        var schedule = new TrajectorySchedule(0, frames * FrameInterval, FrameInterval, FrameInterval);
        var positions = Array3(0, 0, atoms);
        long before = 0, peakGrowth = 0;
        using (var writer = new H5mdTrajectoryWriter(dir, options, atomData, [0.5], schedule))
        {
            for (int f = 0; f < frames; f++)
            {
                long step = (f + 1) * FrameInterval;
                for (int i = 0; i < atoms; i++) positions[i].Z += 0.01f;
                writer.WriteObservables(new ObservableSample(step, step, 0, 0, 0, 0, [1.0]));
                writer.WriteFrame(new TrajectoryFrame(step, step, new Vec3(1, 1, 1), positions, positions, positions));
                if (f == 2) before = GC.GetTotalMemory(forceFullCollection: true);
                if (f > 2 && f % 10 == 5) peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
            writer.Close();
            Assert.Equal(3, writer.Files.Count);
        }
        long frameBytes = 3L * 12 * atoms;
        Assert.True(peakGrowth < 2 * frameBytes, $"live managed memory grew by {peakGrowth / 1e6:F1} MB over {frames} frames (one frame is {frameBytes / 1e6:F2} MB)");
    }

    /// <summary>The shipped deck shrunk to 2,304 atoms and 200 production steps, a frame every 50 steps with every field.</summary>
    private Deck RunnerDeck()
    {
        var deck = DeckReader.ReadFile(Input.DeckReaderTests.RepoFile("inputs/lj-mass-mismatch.toml"));
        return deck with
        {
            Geometry = deck.Geometry with { CellsA = 8, CellsB = 8, ReservoirCells = 2 },
            Run = deck.Run with { EquilibrationSteps = 100, ProductionSteps = 200 },
            Analysis = deck.Analysis with { MarginReservoir = 1.0, MarginInterface = 1.0, Blocks = 4 },
            Output = new OutputSpec { Directory = dir, Trajectory = new TrajectorySpec(50, [.. TrajectoryFieldNames.ByName.Keys]) },
        };
    }

    private sealed class CancelAt(long step, CancellationTokenSource cancel) : IRunObserver
    {
        private string phase = "";
        public void PhaseStarted(string phase, long steps) => this.phase = phase;
        public void Progress(long stepsDone, double? heatFlux, double? deltaT) { if (phase == "production" && stepsDone >= step) cancel.Cancel(); }
        public void PhaseFinished(string phase) { }
    }

    [Fact]
    public void ARunWritesFramesAndObservablesOfProductionAndACancelledOneLeavesWhatItReached()
    {
        var outcome = NemdRunner.Run(RunnerDeck(), new RunOverrides(Device: "cpu"), SilentObserver.Instance, new LoggerConfiguration().CreateLogger());
        Assert.Equal([Path.Combine(dir, "trajectory-0000.h5")], outcome.TrajectoryFiles);
        using (var file = H5File.OpenRead(outcome.TrajectoryFiles![0]))
        {
            Assert.Equal(new ulong[] { 4, 2304, 3 }, file.Dataset("/particles/all/force/value").Space.Dimensions);
            Assert.Equal(new long[] { 150, 200, 250, 300 }, file.Dataset("/particles/all/position/step").Read<long[]>());
            Assert.Equal(Enumerable.Range(1, 20).Select(k => 100L + 10 * k), file.Dataset("/observables/temperature_profile/step").Read<long[]>());
            var profile = file.Dataset("/observables/temperature_profile/value");
            Assert.Equal(20UL, profile.Space.Dimensions[0]);
            Assert.Equal(profile.Space.Dimensions[1], file.Dataset("/observables/temperature_profile/bin_center").Space.Dimensions[0]);
            Assert.All(file.Dataset("/observables/hot_reservoir_temperature/value").Read<double[]>(), t => Assert.InRange(t, 0.1, 1.0));
            Assert.Equal(Enumerable.Range(0, 2304), file.Dataset("/particles/all/id").Read<int[]>().Order());
        }

        // Ctrl-C during production (after step 120 of 200): the file holds the frames reached.
        // The same folder again: --overwrite clears the first run's files (a folder holds one run).
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            NemdRunner.Run(RunnerDeck(), new RunOverrides(Device: "cpu", Overwrite: true), new CancelAt(120, cancel), new LoggerConfiguration().CreateLogger(), cancel.Token));
        Assert.Empty(Directory.GetFiles(dir, "*.part*"));
        using var cut = H5File.OpenRead(Path.Combine(dir, "trajectory-0000.h5"));
        Assert.Equal(new long[] { 150, 200 }, cut.Dataset("/particles/all/position/step").Read<long[]>());
        var samples = cut.Dataset("/observables/hot_bath_energy/step").Read<long[]>();
        Assert.InRange(samples.Length, 12, 14);
        Assert.Equal(Enumerable.Range(1, samples.Length).Select(k => 100L + 10 * k), samples);
    }

    /// <summary>Every dataset and attribute of each file as read by h5py: {path: {shape, dtype, data}}, attributes as "@path/name".</summary>
    private static JsonElement[] H5py(IEnumerable<string> files)
    {
        string script = """
            import sys, json, h5py, numpy as np
            out = {}
            def conv(v):
                if isinstance(v, bytes): return v.decode()
                if isinstance(v, np.ndarray): return [conv(x) for x in v.tolist()] if v.dtype.kind in "OS" else v.tolist()
                if isinstance(v, np.generic): return v.item()
                if isinstance(v, list): return [conv(x) for x in v]
                return v
            def visit(name, obj):
                for k, a in obj.attrs.items(): out["@/" + name + "/" + k] = conv(a)
                if isinstance(obj, h5py.Dataset):
                    out[name] = dict(shape=list(obj.shape), dtype=str(obj.dtype), data=np.asarray(obj[()]).ravel().tolist())
            dumps = []
            for path in sys.argv[1:]:
                out = {}
                with h5py.File(path, "r") as f:
                    for k, a in f.attrs.items(): out["@/" + k] = conv(a)
                    f.visititems(visit)
                dumps.append(out)
            print(json.dumps(dumps))
            """;
        var (code, output, err) = Peers.Run(Peers.Python, ["-c", script, .. files], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, err);
        return JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
    }

    private static long[] Ints(JsonElement d, string path) => d.GetProperty(path).GetProperty("data").EnumerateArray().Select(e => e.GetInt64()).ToArray();
    private static double[] Doubles(JsonElement d, string path) => d.GetProperty(path).GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
