using System.Runtime.InteropServices;
using NemdEngine.Kernels;
using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// One HDF5 file in the H5MD 1.1 layout with room for a fixed number of frames and observable
/// samples (PureHDF fixes dataset sizes when writing begins). Per-atom frame data is chunked
/// [1, ≤65,536 atoms, 3] and goes to disk one frame behind (<see cref="FrameChunkCache"/> holds one
/// frame, deflated when compressed); steps, times, box edges and observables are small and kept until
/// <see cref="Finish"/>, which writes them and closes the file. PureHDF writes the superblock on
/// close, so the file is readable only after Finish: callers write under a temporary name.
/// </summary>
internal sealed class H5mdSegmentWriter : IDisposable
{
    public const string ParticlesGroup = "/particles/all";
    private static readonly (TrajectoryFields Field, string Name)[] TimeDependent =
        [(TrajectoryFields.Position, "position"), (TrajectoryFields.Velocity, "velocity"), (TrajectoryFields.Force, "force")];

    private readonly TrajectoryOptions options;
    private readonly int atoms;
    private readonly H5NativeWriter writer;
    private readonly Dictionary<TrajectoryFields, (H5Dataset<long[]> Step, H5Dataset<double[]> Time, H5Dataset<float[]> Value)> series = [];
    private readonly (H5Dataset<long[]> Step, H5Dataset<double[]> Time, H5Dataset<float[]> Value) edges;
    private readonly Dictionary<string, (H5Dataset<long[]> Step, H5Dataset<double[]> Time, H5Dataset<double[]> Value)> observables = [];
    private readonly Dictionary<TrajectoryFields, FrameChunkCache> caches = [];
    private readonly float[] probe;
    private readonly List<(long Step, double Time, Vec3 Box)> frames = [];
    private readonly List<ObservableSample> samples = [];
    private readonly int bins;
    private bool finished;

    public H5mdSegmentWriter(string path, TrajectoryOptions options, TrajectoryAtoms atomData, double[] binCenters, int frameCapacity, int sampleCapacity)
    {
        if (frameCapacity < 1) throw new ArgumentOutOfRangeException(nameof(frameCapacity), "a trajectory file holds at least one frame");
        this.options = options;
        atoms = atomData.Count;
        bins = binCenters.Length;
        FrameCapacity = frameCapacity;
        SampleCapacity = sampleCapacity;
        probe = new float[3 * ((atoms + ChunkAtoms(atoms) - 1) / ChunkAtoms(atoms))];
        var units = options.Units;
        bool lj = units.Name == "lj";

        // H5MD `unit` attributes must name units a reader knows; MDAnalysis raises on unknown ones
        // (even with convert_units=False), so reduced LJ units go under `reduced_unit` instead.
        void Unit(H5Object target, string unit) => target.Attributes[lj ? "reduced_unit" : "unit"] = unit;

        var file = new H5File
        {
            ["h5md"] = new H5Group
            {
                Attributes = new() { ["version"] = new[] { 1, 1 } },
                ["author"] = new H5Group { Attributes = new() { ["name"] = Environment.UserName is { Length: > 0 } u ? u : "unknown" } },
                ["creator"] = new H5Group { Attributes = new() { ["name"] = "NemdEngine", ["version"] = CreatorVersion } },
            },
            ["parameters"] = new H5Group
            {
                Attributes = new()
                {
                    ["unit_system"] = lj ? "lj: reduced Lennard-Jones units (sigma, epsilon, m, tau = sigma sqrt(m/epsilon), k_B = 1)" : units.Name,
                    ["species_names"] = atomData.SpeciesNames.ToArray(),
                },
            },
        };

        var particles = new H5Group();
        var box = new H5Group { Attributes = new() { ["dimension"] = 3, ["boundary"] = options.BoxBoundary.ToArray() } };
        edges = Series<float[]>([(ulong)frameCapacity, 3, 3], null, default);
        Unit(edges.Value, units.Length);
        Unit(edges.Time, units.Time);
        box["edges"] = Group(edges);
        particles["box"] = box;

        int atomsPerChunk = ChunkAtoms(atoms);
        foreach (var (field, name) in TimeDependent)
        {
            if (!options.Fields.HasFlag(field)) continue;
            uint[] chunks = [1, (uint)atomsPerChunk, 3];
            var cache = new FrameChunkCache(atoms, atomsPerChunk);
            caches[field] = cache;
            var creation = new H5DatasetCreation(ChunkCache: cache,
                Filters: options.Compression ? [ShuffleFilter.Id, new H5Filter(DeflateFilter.Id, new() { [DeflateFilter.COMPRESSION_LEVEL] = 1 })] : null);
            var s = Series<float[]>([(ulong)frameCapacity, (ulong)atoms, 3], chunks, creation);
            Unit(s.Value, field switch
            {
                TrajectoryFields.Position => units.Length,
                TrajectoryFields.Velocity => $"{units.Length}/{units.Time}",
                _ => $"{units.Energy}/{units.Length}",
            });
            Unit(s.Time, units.Time);
            series[field] = s;
            particles[name] = Group(s);
        }
        if (options.Fields.HasFlag(TrajectoryFields.Species)) particles["species"] = atomData.Species;
        if (options.Fields.HasFlag(TrajectoryFields.Mass))
        {
            var mass = new H5Dataset(atomData.Masses);
            Unit(mass, units.Mass);
            particles["mass"] = mass;
        }
        if (options.Fields.HasFlag(TrajectoryFields.Id)) particles["id"] = atomData.Ids;
        file["particles"] = new H5Group { ["all"] = particles };

        if (sampleCapacity > 0)
        {
            var obs = new H5Group();
            foreach (var (name, unit, width) in ObservableNames(units, bins))
            {
                ulong[] dims = width == 0 ? [(ulong)sampleCapacity] : [(ulong)sampleCapacity, (ulong)width];
                var s = Series<double[]>(dims, null, default);
                Unit(s.Value, unit);
                Unit(s.Time, units.Time);
                observables[name] = s;
                var group = Group(s);
                if (width > 0)
                {
                    var centers = new H5Dataset((double[])binCenters.Clone());
                    Unit(centers, units.Length);
                    group["bin_center"] = centers;
                }
                obs[name] = group;
            }
            file["observables"] = obs;
        }

        writer = file.BeginWrite(path, new H5WriteOptions(PreferCompactDatasetLayout: false));
    }

    /// <summary>Most atoms per chunk of the per-frame datasets (768 kB of float32 × 3).</summary>
    public const int MaxAtomsPerChunk = 65536;

    /// <summary>Atoms per chunk: frames split into equal chunks of at most <see cref="MaxAtomsPerChunk"/>.</summary>
    public static int ChunkAtoms(int atoms)
    {
        int chunks = Math.Max(1, (atoms + MaxAtomsPerChunk - 1) / MaxAtomsPerChunk);
        return Math.Max(1, (atoms + chunks - 1) / chunks);
    }

    public static string CreatorVersion => BuildInfo.Description;

    /// <summary>Observables written per sample: name, unit, and width (0 for a scalar, else bins).</summary>
    public static IEnumerable<(string Name, string Unit, int Width)> ObservableNames(Model.UnitSystem units, int bins) =>
    [
        ("hot_bath_energy", units.Energy, 0),
        ("cold_bath_energy", units.Energy, 0),
        ("hot_reservoir_temperature", units.Temperature, 0),
        ("cold_reservoir_temperature", units.Temperature, 0),
        ("temperature_profile", units.Temperature, bins),
    ];

    public int FrameCapacity { get; }
    public int SampleCapacity { get; }
    public int FramesWritten => frames.Count;
    public int SamplesWritten => samples.Count;
    public IReadOnlyList<(long Step, double Time, Vec3 Box)> Frames => frames;
    public IReadOnlyList<ObservableSample> Samples => samples;

    /// <summary>Writes the frame's per-atom arrays to disk now; step, time and box at <see cref="Finish"/>.</summary>
    public void WriteFrame(in TrajectoryFrame frame)
    {
        if (frames.Count >= FrameCapacity) throw new InvalidOperationException($"this trajectory file holds {FrameCapacity} frames");
        foreach (var (field, s) in series)
        {
            var data = field switch
            {
                TrajectoryFields.Position => frame.Positions,
                TrajectoryFields.Velocity => frame.Velocities,
                _ => frame.Forces,
            } ?? throw new ArgumentException($"the frame has no {field} array, which this trajectory writes");
            if (data.Length != atoms) throw new ArgumentException($"{field}: {data.Length} atoms, expected {atoms}");
            // The frame goes into its chunk buffers in one copy; PureHDF then writes the first atom
            // of each chunk (same values), which hands it those chunks (see FrameChunkCache).
            var cache = caches[field];
            var values = MemoryMarshal.Cast<Vec3, float>(data.AsSpan());
            cache.Stage(frames.Count, values);
            int n = cache.ChunksPerFrame, step = cache.AtomsPerChunk;
            for (int c = 0; c < n; c++) values.Slice(3 * c * step, 3).CopyTo(probe.AsSpan(3 * c));
            writer.Write(s.Value, probe, fileSelection: new HyperslabSelection(3,
                [(ulong)frames.Count, 0, 0], [1, (ulong)step, 3], [1, (ulong)n, 1], [1, 1, 3]));
        }
        frames.Add((frame.Step, frame.Time, frame.BoxEdges));
    }

    /// <summary>Keeps one observable sample (written at <see cref="Finish"/>).</summary>
    public void WriteObservables(in ObservableSample sample)
    {
        if (samples.Count >= SampleCapacity) throw new InvalidOperationException($"this trajectory file holds {SampleCapacity} observable samples");
        if (sample.Profile.Length != bins) throw new ArgumentException($"profile has {sample.Profile.Length} bins, expected {bins}");
        samples.Add(sample with { Profile = (double[])sample.Profile.Clone() });
    }

    /// <summary>Writes steps, times, box edges and observables (unfilled rows stay zero) and closes the file.</summary>
    public void Finish()
    {
        if (finished) return;
        finished = true;
        try { WriteBuffered(); }
        finally { writer.Dispose(); }
    }

    private void WriteBuffered()
    {
        var steps = new long[FrameCapacity];
        var times = new double[FrameCapacity];
        var box = new float[FrameCapacity * 9];
        for (int f = 0; f < frames.Count; f++)
        {
            steps[f] = frames[f].Step;
            times[f] = frames[f].Time;
            box[9 * f] = frames[f].Box.X;
            box[9 * f + 4] = frames[f].Box.Y;
            box[9 * f + 8] = frames[f].Box.Z;
        }
        foreach (var s in series.Values.Append(edges))
        {
            writer.Write(s.Step, steps);
            writer.Write(s.Time, times);
        }
        writer.Write(edges.Value, box);

        if (SampleCapacity > 0)
        {
            var sampleSteps = new long[SampleCapacity];
            var sampleTimes = new double[SampleCapacity];
            for (int i = 0; i < samples.Count; i++) (sampleSteps[i], sampleTimes[i]) = (samples[i].Step, samples[i].Time);
            foreach (var (name, _, width) in ObservableNames(options.Units, bins))
            {
                var s = observables[name];
                writer.Write(s.Step, sampleSteps);
                writer.Write(s.Time, sampleTimes);
                var values = new double[SampleCapacity * Math.Max(1, width)];
                for (int i = 0; i < samples.Count; i++)
                {
                    var x = samples[i];
                    switch (name)
                    {
                        case "hot_bath_energy": values[i] = x.HotBathEnergy; break;
                        case "cold_bath_energy": values[i] = x.ColdBathEnergy; break;
                        case "hot_reservoir_temperature": values[i] = x.HotReservoirTemperature; break;
                        case "cold_reservoir_temperature": values[i] = x.ColdReservoirTemperature; break;
                        default: x.Profile.CopyTo(values, i * width); break;
                    }
                }
                writer.Write(s.Value, values);
            }
        }
    }

    /// <summary>Closes the file without writing the buffered data (after a failed write).</summary>
    public void Dispose()
    {
        if (finished) return;
        finished = true;
        writer.Dispose();
    }

    /// <summary>Reads back the per-atom arrays of frame <paramref name="index"/> of a finished file.</summary>
    public static TrajectoryFrame ReadFrame(NativeFile file, TrajectoryFields fields, int index, int atoms, (long Step, double Time, Vec3 Box) meta)
    {
        Vec3[]? Read(TrajectoryFields field, string name)
        {
            if (!fields.HasFlag(field)) return null;
            var values = file.Dataset($"{ParticlesGroup}/{name}/value")
                .Read<float[]>(fileSelection: new HyperslabSelection(3, [(ulong)index, 0, 0], [1, (ulong)atoms, 3]), memoryDims: [(ulong)(3 * atoms)]);
            return MemoryMarshal.Cast<float, Vec3>(values.AsSpan()).ToArray();
        }
        return new TrajectoryFrame(meta.Step, meta.Time, meta.Box,
            Read(TrajectoryFields.Position, "position"), Read(TrajectoryFields.Velocity, "velocity"), Read(TrajectoryFields.Force, "force"));
    }

    private static (H5Dataset<long[]> Step, H5Dataset<double[]> Time, H5Dataset<T> Value) Series<T>(ulong[] dims, uint[]? chunks, H5DatasetCreation creation) =>
        (new H5Dataset<long[]>(fileDims: [dims[0]]), new H5Dataset<double[]>(fileDims: [dims[0]]), new H5Dataset<T>(fileDims: dims, chunks: chunks, datasetCreation: creation));

    private static H5Group Group<T>((H5Dataset<long[]> Step, H5Dataset<double[]> Time, H5Dataset<T> Value) s) =>
        new() { ["step"] = s.Step, ["time"] = s.Time, ["value"] = s.Value };
}
