using System.Globalization;
using System.Text.Json;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.IO.H5md;
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
    private readonly string dir = TestTemp.Path($"nemd-h5md-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static readonly TrajectoryAtoms AtomData = new(
        Enumerable.Range(0, Atoms).Select(i => i % 2).ToArray(),
        Enumerable.Range(0, Atoms).Select(i => i % 2 == 0 ? 1f : 3f).ToArray(),
        Enumerable.Range(0, Atoms).Select(i => 100 + i).ToArray(),
        ["light", "heavy"],
        Enumerable.Range(0, Atoms).Select(i => i % 4).ToArray(),
        Enumerable.Range(0, Atoms).Select(i => i < Atoms / 2 ? 0 : 1).ToArray());

    private static readonly double[] BinCenters = [0.5, 1.5, 2.5, 3.5, 4.5];
    private static readonly ProfileBins OneBin = new([0.5], [2], [0]);
    private static readonly ProfileBins Bins5 = new(BinCenters, [0, 1, 2, 2, 3], [0, 0, 0, 1, 1]);

    /// <summary>Box edge along x and y (σ): a power of two above every test position, so no position is wrapped.</summary>
    private const float Edge = 16384f;

    /// <summary>A distinct, exactly representable value for every (frame, atom, component, field).</summary>
    private static float Value(int frame, int atom, int component, int field) => frame * 1000 + atom + component * 0.25f + field * 0.0625f;

    private static Vec3[] Array3(int frame, int field, int atoms = Atoms) =>
        Enumerable.Range(0, atoms).Select(i => new Vec3(Value(frame, i, 0, field), Value(frame, i, 1, field), Value(frame, i, 2, field))).ToArray();

    private static ObservableSample Sample(int k) => new(FirstStep + k * SampleInterval, (FirstStep + k * SampleInterval) * 0.005,
        0.5 * k, -0.25 * k, 0.33 + 0.001 * k, 0.27 - 0.001 * k, BinCenters.Select(z => z + k).ToArray());

    private static TrajectoryFrame Frame(int f) => new(FirstStep + (f + 1) * FrameInterval, (FirstStep + (f + 1) * FrameInterval) * 0.005,
        new Vec3(Edge, Edge, 40f + f), Array3(f, 0), Array3(f, 1), Array3(f, 2));

    /// <summary>Writes <paramref name="written"/> of the scheduled frames with all fields, 3 frames per file (4 datasets of 12 bytes per atom: position, image, velocity, force).</summary>
    private H5mdTrajectoryWriter Write(int scheduledFrames, int written, bool compression, bool close = true)
    {
        var options = new TrajectoryOptions((TrajectoryFields)63, compression, UnitSystem.LennardJones, SegmentBytes: 3 * 4 * 12 * Atoms);
        var schedule = new TrajectorySchedule(FirstStep, FirstStep + scheduledFrames * FrameInterval, FrameInterval, SampleInterval);
        var writer = new H5mdTrajectoryWriter(dir, options, AtomData, Bins5, schedule);
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
        Assert.Equal(["trajectory-0000.h5md", "trajectory-0001.h5md", "trajectory-0002.h5md"], writer.Files.Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(dir, "*.part"));

        int frameOffset = 0;
        var dumps = H5py(writer.Files);
        foreach (var d in dumps)
        {
            int frames = d.GetProperty("particles/trajectory/position/value").GetProperty("shape")[0].GetInt32();
            Assert.Equal(frameOffset < 6 ? 3 : 1, frames);
            Assert.Equal("[1,1]", d.GetProperty("@/h5md/version").GetRawText().Replace(" ", "", StringComparison.Ordinal));
            Assert.Equal("NemdEngine", d.GetProperty("@/h5md/creator/name").GetString());
            string version = d.GetProperty("@/h5md/creator/version").GetString()!;
            Assert.Contains(BuildInfo.Release, version, StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]{40}$", BuildInfo.Commit);
            Assert.Contains(BuildInfo.Commit[..12], version, StringComparison.Ordinal);
            Assert.Equal(3, d.GetProperty("@/particles/trajectory/box/dimension").GetInt32());
            Assert.Equal(["periodic", "periodic", "none"], d.GetProperty("@/particles/trajectory/box/boundary").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("sigma", d.GetProperty("@/particles/trajectory/position/value/reduced_unit").GetString());
            Assert.Equal("tau", d.GetProperty("@/particles/trajectory/position/time/reduced_unit").GetString());
            Assert.Equal("epsilon/sigma", d.GetProperty("@/particles/trajectory/force/value/reduced_unit").GetString());
            Assert.False(d.TryGetProperty("@/particles/trajectory/position/value/unit", out _), "LJ labels must not sit under H5MD's unit, which MDAnalysis rejects");
            Assert.Equal(["light", "heavy"], d.GetProperty("@/parameters/species_names").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["frozen", "hot", "mobile", "cold"], d.GetProperty("@/parameters/region_names").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["A", "B"], d.GetProperty("@/parameters/side_names").EnumerateArray().Select(e => e.GetString()));

            for (int field = 0; field < 3; field++)
            {
                string name = new[] { "position", "velocity", "force" }[field];
                var value = d.GetProperty($"particles/trajectory/{name}/value");
                Assert.Equal(new[] { frames, Atoms, 3 }, value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
                Assert.Equal("float32", value.GetProperty("dtype").GetString());
                var data = value.GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
                for (int f = 0; f < frames; f++)
                    for (int i = 0; i < Atoms; i++)
                        for (int c = 0; c < 3; c++)
                            Assert.Equal(Value(frameOffset + f, i, c, field), data[(f * Atoms + i) * 3 + c]);
                var steps = Ints(d, $"particles/trajectory/{name}/step");
                Assert.Equal(Enumerable.Range(frameOffset, frames).Select(f => (long)Frame(f).Step), steps);
                Assert.Equal(steps.Select(s => s * 0.005), Doubles(d, $"particles/trajectory/{name}/time"));
            }
            // Every position lies inside the box: the image flags are all zero and int32, stepped like the positions.
            var image = d.GetProperty("particles/trajectory/image/value");
            Assert.Equal(new[] { frames, Atoms, 3 }, image.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal("int32", image.GetProperty("dtype").GetString());
            Assert.All(Ints(d, "particles/trajectory/image/value"), k => Assert.Equal(0, k));
            Assert.Equal(Ints(d, "particles/trajectory/position/step"), Ints(d, "particles/trajectory/image/step"));
            var edges = d.GetProperty("particles/trajectory/box/edges/value");
            Assert.Equal(new[] { frames, 3, 3 }, edges.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            var box = Doubles(d, "particles/trajectory/box/edges/value");
            for (int f = 0; f < frames; f++)
                Assert.Equal(new double[] { Edge, 0, 0, 0, Edge, 0, 0, 0, 40 + frameOffset + f }, box.Skip(9 * f).Take(9));
            Assert.Equal(AtomData.Species.Select(x => (long)x), Ints(d, "particles/trajectory/species"));
            Assert.Equal(AtomData.Ids.Select(x => (long)x), Ints(d, "particles/trajectory/id"));
            Assert.Equal(AtomData.Masses.Select(x => (double)x), Doubles(d, "particles/trajectory/mass"));
            Assert.Equal("m", d.GetProperty("@/particles/trajectory/mass/reduced_unit").GetString());
            Assert.Equal(AtomData.Regions.Select(x => (long)x), Ints(d, "particles/trajectory/region"));
            Assert.Equal(AtomData.Sides.Select(x => (long)x), Ints(d, "particles/trajectory/side"));

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
            Assert.Equal(Bins5.Regions.Select(x => (long)x), Ints(d, "observables/temperature_profile/bin_region"));
            Assert.Equal(Bins5.Sides.Select(x => (long)x), Ints(d, "observables/temperature_profile/bin_side"));
            frameOffset += frames;
        }
        Assert.Equal(7, frameOffset);
        Assert.Contains("trajectory-0002.h5md 1140 1140 1 2", File.ReadAllText(Path.Combine(dir, H5mdTrajectoryWriter.IndexFile)), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void H5dumpShowsTheH5mdLayout()
    {
        string h5dump = Peers.RequireExecutable("h5dump", "apt-get install hdf5-tools");
        var writer = Write(scheduledFrames: 2, written: 2, compression: true);
        var (code, output, err) = Peers.Run(h5dump, ["-H", writer.Files[0]], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, err);
        foreach (var expected in new[] { "GROUP \"h5md\"", "ATTRIBUTE \"version\"", "GROUP \"author\"", "GROUP \"creator\"", "GROUP \"particles\"",
            "GROUP \"trajectory\"", "GROUP \"box\"", "GROUP \"image\"", "DATASET \"region\"", "DATASET \"side\"", "ATTRIBUTE \"boundary\"", "ATTRIBUTE \"dimension\"", "GROUP \"edges\"", "GROUP \"position\"",
            "DATASET \"value\"", "DATASET \"step\"", "DATASET \"time\"", "DATASET \"species\"", "DATASET \"mass\"", "DATASET \"id\"",
            "GROUP \"observables\"", "GROUP \"temperature_profile\"", "DATASET \"bin_center\"", "GROUP \"hot_bath_energy\"",
            "DATASPACE  SIMPLE { ( 2, 40, 3 ) / ( 2, 40, 3 ) }" })
            Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    /// <summary>
    /// For each job {call, frame, files}: whether the plain MDAnalysis.Universe(files[0]) opens, and
    /// what the job's call reads: {plain, frames, atoms, step, time, box, pos, vel, force}, and
    /// the frame's positions as h5py reads them (h5py_pos). One Python process: importing
    /// MDAnalysis takes seconds.
    /// </summary>
    private const string UniverseScript = """
        import sys, json, warnings
        warnings.filterwarnings("ignore")
        import h5py, MDAnalysis as mda
        results = []
        for job in json.loads(sys.argv[1]):
            call, frame, files = job["call"], job["frame"], job["files"]
            out = {}
            try:
                mda.Universe(files[0])
                out["plain"] = "opened"
            except Exception as e:
                out["plain"] = type(e).__name__ + ": " + str(e).splitlines()[0]
            k = frame
            for path in files:
                with h5py.File(path, "r") as f:
                    v = f["particles/trajectory/position/value"]
                    n = v.shape[1]
                    if k < v.shape[0]:
                        out["h5py_pos"] = v[k].ravel().tolist()
                        break
                    k -= v.shape[0]
            u = mda.Universe(files[0], files) if call == "plain" else mda.Universe(files[0], files, n_atoms=n, convert_units=False)
            ts = u.trajectory[frame]
            out.update(frames=len(u.trajectory), atoms=len(u.atoms), step=int(ts.data["step"]), time=float(ts.time),
                       box=[float(x) for x in ts.dimensions], pos=ts.positions.ravel().tolist(), vel=ts.velocities.ravel().tolist(),
                       force=ts.forces.ravel().tolist())
            results.append(out)
        print(json.dumps(results))
        """;

    private static JsonElement[] Universe(params (string Call, int Frame, IReadOnlyList<string> Files)[] jobs)
    {
        string json = JsonSerializer.Serialize(jobs.Select(j => new { call = j.Call, frame = j.Frame, files = j.Files }));
        var (code, output, err) = Peers.Run(Peers.Python, ["-c", UniverseScript, json], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, err);
        return JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
    }

    private static IEnumerable<float> Floats(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetSingle());
    private static IEnumerable<float> Flat(Vec3[] v) => v.SelectMany(p => new[] { p.X, p.Y, p.Z });

    /// <summary>Three frames with all fields in metal units (Å, ps, eV, g/mol, K), as the metal branch will define them.</summary>
    private IReadOnlyList<string> WriteMetal()
    {
        var metal = UnitSystem.Metal;
        var options = new TrajectoryOptions((TrajectoryFields)63, false, metal);
        var writer = new H5mdTrajectoryWriter(Path.Combine(dir, "metal"), options, AtomData, Bins5,
            new TrajectorySchedule(FirstStep, FirstStep + 3 * FrameInterval, FrameInterval, SampleInterval));
        for (int f = 0; f < 3; f++)
        {
            writer.WriteObservables(Sample(2 * f + 1));
            writer.WriteObservables(Sample(2 * f + 2));
            writer.WriteFrame(Frame(f));
        }
        writer.Close();
        return writer.Files;
    }

    [SkippableFact]
    public void MDAnalysisOpensMetalFilesAsTheyAreAndLjFilesWithNAtomsAndConvertUnitsFalse()
    {
        Peers.RequirePythonModule("MDAnalysis", "apt-get install python3-mdanalysis");
        var lj = Write(scheduledFrames: 5, written: 5, compression: false).Files;
        var metalFiles = WriteMetal();
        var results = Universe(("lj", 4, lj), ("plain", 1, metalFiles));

        // LJ: reduced units carry no H5MD unit, so MDAnalysis' default convert_units=True refuses the file (README says so).
        var u = results[0];
        Assert.StartsWith("ValueError", u.GetProperty("plain").GetString(), StringComparison.Ordinal);
        Assert.Contains("convert_units", u.GetProperty("plain").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, u.GetProperty("frames").GetInt32());
        Assert.Equal(Atoms, u.GetProperty("atoms").GetInt32());
        Assert.Equal(Frame(4).Step, u.GetProperty("step").GetInt64());
        Assert.Equal(Frame(4).Time, u.GetProperty("time").GetDouble(), 9);
        Assert.Equal(new double[] { Edge, Edge, 44, 90, 90, 90 }, u.GetProperty("box").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(Flat(Array3(4, 0)), Floats(u, "pos"));
        Assert.Equal(Flat(Array3(4, 0)), Floats(u, "h5py_pos"));
        Assert.Equal(Flat(Array3(4, 1)), Floats(u, "vel"));
        Assert.Equal(Flat(Array3(4, 2)), Floats(u, "force"));

        // Metal: MDAnalysis.Universe(path) opens it as it is, and its units need no conversion but the force's.
        var m = results[1];
        Assert.Equal("opened", m.GetProperty("plain").GetString());
        Assert.Equal(3, m.GetProperty("frames").GetInt32());
        Assert.Equal(Atoms, m.GetProperty("atoms").GetInt32());
        Assert.Equal(Frame(1).Step, m.GetProperty("step").GetInt64());
        Assert.Equal(Frame(1).Time, m.GetProperty("time").GetDouble(), 9); // ps, MDAnalysis' own time unit
        Assert.Equal(Flat(Array3(1, 0)), Floats(m, "pos"));                // Å
        Assert.Equal(Flat(Array3(1, 0)), Floats(m, "h5py_pos"));
        Assert.Equal(Flat(Array3(1, 1)), Floats(m, "vel"));                // Å/ps
        // Forces: eV/Å in the engine, kJ mol⁻¹ Å⁻¹ in the file (MDAnalysis knows no eV force), to float rounding.
        var force = Floats(m, "force").ToArray();
        var expected = Flat(Array3(1, 2)).ToArray();
        for (int k = 0; k < expected.Length; k++)
            Assert.Equal(expected[k] * H5mdUnits.KilojoulePerMolePerElectronvolt, force[k], Math.Abs(expected[k] * H5mdUnits.KilojoulePerMolePerElectronvolt) * 1e-7);

        var d = H5py(metalFiles)[0];
        Assert.Equal("Angstrom", d.GetProperty("@/particles/trajectory/position/value/unit").GetString());
        Assert.Equal("ps", d.GetProperty("@/particles/trajectory/position/time/unit").GetString());
        Assert.Equal("Angstrom ps-1", d.GetProperty("@/particles/trajectory/velocity/value/unit").GetString());
        Assert.Equal("kJ mol-1 Angstrom-1", d.GetProperty("@/particles/trajectory/force/value/unit").GetString());
        Assert.Equal("eV", d.GetProperty("@/observables/hot_bath_energy/value/unit").GetString());
        Assert.Equal("K", d.GetProperty("@/observables/temperature_profile/value/unit").GetString());
    }

    [Fact]
    public void PositionsAreWrappedIntoTheBoxWithImageFlagsThatGiveBackTheEnginePositions()
    {
        // Edges 8 x 8 x 30; the engine's x and y can lie outside [0, 8) between neighbor builds, z is bounded.
        var box = new Vec3(8, 8, 30);
        Vec3[] engine = [new(-0.5f, 3, -2), new(8.25f, -8.5f, 31), new(-1e-9f, 7.999999f, 5), new(17, 0, 0), .. Enumerable.Repeat(new Vec3(1, 2, 3), Atoms - 4)];
        var options = new TrajectoryOptions(TrajectoryFields.Position, false, UnitSystem.LennardJones);
        using (var writer = new H5mdTrajectoryWriter(dir, options, AtomData, Bins5, new TrajectorySchedule(0, 10, 10, 10)))
        {
            writer.WriteObservables(new ObservableSample(10, 0.05, 0, 0, 0, 0, new double[Bins]));
            writer.WriteFrame(new TrajectoryFrame(10, 0.05, box, engine));
            writer.Close();
        }
        using var file = H5File.OpenRead(Path.Combine(dir, "trajectory-0000.h5md"));
        var position = file.Dataset("/particles/trajectory/position/value").Read<float[]>();
        var image = file.Dataset("/particles/trajectory/image/value").Read<int[]>();
        Assert.Equal(new[] { -1, 0, 0, 1, -2, 0, 0, 0, 0, 2, 0, 0 }, image[..12]);
        Assert.Equal(new[] { 7.5f, 3, -2, 0.25f, 7.5f, 31, 0, 7.999999f, 5, 1, 0, 0 }, position[..12]);
        for (int i = 0; i < Atoms; i++)
        {
            Assert.InRange(position[3 * i], 0, MathF.BitDecrement(box.X));
            Assert.InRange(position[3 * i + 1], 0, MathF.BitDecrement(box.Y));
            Assert.Equal(engine[i].X, position[3 * i] + image[3 * i] * box.X, 1e-5);
            Assert.Equal(engine[i].Y, position[3 * i + 1] + image[3 * i + 1] * box.Y, 1e-5);
            Assert.Equal(engine[i].Z, position[3 * i + 2]);
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
        Assert.Equal(["trajectory-0000.h5md", "trajectory-0001.h5md"], writer.Files.Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(dir, "*.part*"));
        using var file = H5File.OpenRead(writer.Files[1]);
        var position = file.Dataset("/particles/trajectory/position/value");
        Assert.Equal(new ulong[] { 2, Atoms, 3 }, position.Space.Dimensions);
        var data = position.Read<float[]>();
        Assert.Equal(Value(4, Atoms - 1, 2, 0), data[^1]);
        Assert.Equal(new[] { Frame(3).Step, Frame(4).Step }, file.Dataset("/particles/trajectory/position/step").Read<long[]>());
        Assert.Equal(new ulong[] { 2, Atoms, 3 }, file.Dataset("/particles/trajectory/image/value").Space.Dimensions);
        Assert.Equal(new ulong[] { 4, Bins }, file.Dataset("/observables/temperature_profile/value").Space.Dimensions);
        Assert.Equal(Sample(10).HotBathEnergy, file.Dataset("/observables/hot_bath_energy/value").Read<double[]>()[^1]);
    }

    [Fact]
    public void AKilledRunLeavesOnlyFinishedFilesUnderH5Names()
    {
        // SIGKILL runs no finally block: model it by abandoning the writer mid-file (no Close/Dispose).
        var options = new TrajectoryOptions((TrajectoryFields)63, false, UnitSystem.LennardJones, SegmentBytes: 3 * 4 * 12 * Atoms);
        var writer = new H5mdTrajectoryWriter(dir, options, AtomData, Bins5, new TrajectorySchedule(FirstStep, FirstStep + 10 * FrameInterval, FrameInterval, SampleInterval));
        for (int f = 0; f < 5; f++)
        {
            writer.WriteObservables(Sample(2 * f + 1));
            writer.WriteObservables(Sample(2 * f + 2));
            writer.WriteFrame(Frame(f));
        }
        Assert.Equal(["trajectory-0000.h5md"], Directory.GetFiles(dir, "*.h5md").Select(Path.GetFileName));
        Assert.Equal(["trajectory-0001.h5md.part"], Directory.GetFiles(dir, "*.part").Select(Path.GetFileName));
        using var file = H5File.OpenRead(Path.Combine(dir, "trajectory-0000.h5md"));
        Assert.Equal(new ulong[] { 3, Atoms, 3 }, file.Dataset("/particles/trajectory/velocity/value").Space.Dimensions);
        Assert.Equal(Value(2, 7, 1, 1), file.Dataset("/particles/trajectory/velocity/value").Read<float[]>()[(2 * Atoms + 7) * 3 + 1]);
        Assert.Contains("trajectory-0000.h5md 1020 1060 3 6", File.ReadAllText(Path.Combine(dir, H5mdTrajectoryWriter.IndexFile)), StringComparison.Ordinal);
        writer.Dispose(); // lets the test delete the folder
    }

    [SkippableFact]
    public void FramesSpanningSeveralChunksAreReadBackExactlyByH5py()
    {
        Peers.RequirePythonModule("h5py", "apt-get install python3-h5py");
        // 70,001 atoms: two chunks of 35,001 per frame, the last one padded by one atom.
        const int atoms = 70_001, frames = 3;
        var atomData = new TrajectoryAtoms(new int[atoms], new float[atoms], Enumerable.Range(0, atoms).ToArray(), ["a"], new int[atoms], new int[atoms]);
        var options = new TrajectoryOptions(TrajectoryFields.Position | TrajectoryFields.Force, true, UnitSystem.LennardJones, SegmentBytes: 2L * 2 * 12 * atoms);
        var files = new List<string>();
        using (var writer = new H5mdTrajectoryWriter(dir, options, atomData, OneBin, new TrajectorySchedule(0, frames * 10, 10, 10)))
        {
            for (int f = 0; f < frames; f++)
            {
                writer.WriteObservables(new ObservableSample(10 * f + 10, 0, 0, 0, 0, 0, [0]));
                writer.WriteFrame(new TrajectoryFrame(10 * f + 10, 0, new Vec3(1e6f, 1e6f, 1), Array3(f, 0, atoms), null, Array3(f, 2, atoms)));
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
                        v = f[f"particles/trajectory/{name}/value"]
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
        var atomData = new TrajectoryAtoms(new int[atoms], Enumerable.Repeat(1f, atoms).ToArray(), Enumerable.Range(0, atoms).ToArray(), ["a"], new int[atoms], new int[atoms]);
        var options = new TrajectoryOptions(TrajectoryFields.Position | TrajectoryFields.Velocity | TrajectoryFields.Force, true, UnitSystem.LennardJones,
            SegmentBytes: 20L * 4 * 12 * atoms); // position, image, velocity, force
        var schedule = new TrajectorySchedule(0, frames * FrameInterval, FrameInterval, FrameInterval);
        var positions = Array3(0, 0, atoms);
        long before = 0, peakGrowth = 0;
        using (var writer = new H5mdTrajectoryWriter(dir, options, atomData, OneBin, schedule))
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
        long frameBytes = 4L * 12 * atoms;
        Assert.True(peakGrowth < 2 * frameBytes, $"live managed memory grew by {peakGrowth / 1e6:F1} MB over {frames} frames (one frame is {frameBytes / 1e6:F2} MB)");
    }

    /// <summary>The shipped deck shrunk to 2,304 atoms and 200 production steps, a frame every 50 steps with every field.</summary>
    private Deck RunnerDeck()
    {
        var deck = DeckReader.ReadFile(Input.DeckReaderTests.RepoFile("inputs/lj-mass-mismatch.toml"));
        return deck with
        {
            Geometry = deck.Geometry! with { CellsA = 8, CellsB = 8, ReservoirCells = 2 },
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
    public void ARunWritesFramesAndObservablesOfProductionInOneFilePerCheckpointIntervalAndACancelledOneLeavesWhatItReached()
    {
        // 300 steps, checkpoints every 30 (10 %): frames 150 | 200 | 250 | 300 fall into files ending at checkpoints 150, 210, 270 and the end.
        var outcome = NemdRunner.Run(RunnerDeck(), new RunOverrides(Device: "cpu"), SilentObserver.Instance, new LoggerConfiguration().CreateLogger());
        Assert.Equal(Enumerable.Range(0, 4).Select(k => Path.Combine(dir, $"trajectory-{k:D4}.h5md")), outcome.TrajectoryFiles);
        var (system, layout) = NemdEngine.Lattice.BilayerBuilder.Build(RunnerDeck());
        var observableSteps = new List<long>();
        for (int k = 0; k < 4; k++)
        {
            using var file = H5File.OpenRead(outcome.TrajectoryFiles![k]);
            Assert.Equal(new ulong[] { 1, 2304, 3 }, file.Dataset("/particles/trajectory/force/value").Space.Dimensions);
            Assert.Equal(new long[] { 150 + 50 * k }, file.Dataset("/particles/trajectory/position/step").Read<long[]>());
            observableSteps.AddRange(file.Dataset("/observables/temperature_profile/step").Read<long[]>());
            var profile = file.Dataset("/observables/temperature_profile/value");
            Assert.Equal(profile.Space.Dimensions[1], file.Dataset("/observables/temperature_profile/bin_center").Space.Dimensions[0]);
            Assert.All(file.Dataset("/observables/hot_reservoir_temperature/value").Read<double[]>(), t => Assert.InRange(t, 0.1, 1.0));
            Assert.Equal(Enumerable.Range(0, 2304), file.Dataset("/particles/trajectory/id").Read<int[]>().Order());
            // Region and side as built; x and y inside [0, L).
            Assert.Equal(system.Regions.Select(RegionLabels.RegionCode), file.Dataset("/particles/trajectory/region").Read<int[]>());
            Assert.Equal(system.Positions.Select(p => p.Z < layout.InterfaceZ ? 0 : 1), file.Dataset("/particles/trajectory/side").Read<int[]>());
            var positions = file.Dataset("/particles/trajectory/position/value").Read<float[]>();
            for (int i = 0; i < 2304; i++)
            {
                Assert.InRange(positions[3 * i], 0f, MathF.BitDecrement(system.BoxX));
                Assert.InRange(positions[3 * i + 1], 0f, MathF.BitDecrement(system.BoxY));
            }
        }
        Assert.Equal(Enumerable.Range(1, 20).Select(k => 100L + 10 * k), observableSteps);

        // Ctrl-C during production (after step 220 of 300): the files hold the frames reached (150, 200); the samples
        // after the last frame (220) have no file with a frame to go in.
        Directory.Delete(dir, recursive: true);
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            NemdRunner.Run(RunnerDeck(), new RunOverrides(Device: "cpu"), new CancelAt(120, cancel), new LoggerConfiguration().CreateLogger(), cancel.Token));
        Assert.Empty(Directory.GetFiles(dir, "*.part*"));
        Assert.Equal(["trajectory-0000.h5md", "trajectory-0001.h5md"], Directory.GetFiles(dir, "trajectory-*.h5md").Select(Path.GetFileName).Order());
        using var cut = H5File.OpenRead(Path.Combine(dir, "trajectory-0001.h5md"));
        Assert.Equal(new long[] { 200 }, cut.Dataset("/particles/trajectory/position/step").Read<long[]>());
        Assert.Equal(Enumerable.Range(6, 6).Select(k => 100L + 10 * k), cut.Dataset("/observables/hot_bath_energy/step").Read<long[]>());
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
