using System.Runtime.InteropServices;
using NemdEngine.IO.H5md;
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
    /// <summary>
    /// The particle group. MDAnalysis 2.4 reads the first group under /particles, but builds its
    /// topology (the atom count) from /particles/trajectory only: any other name needs n_atoms.
    /// </summary>
    public const string ParticlesGroup = "/particles/trajectory";

    /// <summary>The [frames][N][3] datasets: name, element type, and which field writes them.</summary>
    private static readonly (string Name, TrajectoryFields Field, bool Integer)[] PerFrame =
        [("position", TrajectoryFields.Position, false), ("image", TrajectoryFields.Position, true),
         ("velocity", TrajectoryFields.Velocity, false), ("force", TrajectoryFields.Force, false)];

    private readonly int atoms;
    private readonly H5NativeWriter writer;
    private readonly List<Series> series = [];
    private readonly (H5Dataset<long[]> Step, H5Dataset<double[]> Time, H5Dataset<float[]> Value) edges;
    private readonly Dictionary<string, (H5Dataset<long[]> Step, H5Dataset<double[]> Time, H5Dataset<double[]> Value, int Width)> observables = [];
    private readonly H5mdUnits units;
    private readonly List<(long Step, double Time, Vec3 Box)> frames = [];
    private readonly List<ObservableSample> samples = [];
    private readonly int bins;
    private bool finished;

    /// <summary>One per-frame dataset with its step and time, and how a frame's array reaches it.</summary>
    private sealed record Series(string Name, H5Dataset<long[]> Step, H5Dataset<double[]> Time, FrameChunkCache Cache, Action<FileFrame, int> Write);

    /// <param name="units">The file's units (values are already converted: see <see cref="FileFrame"/>).</param>
    public H5mdSegmentWriter(string path, TrajectoryOptions options, H5mdUnits units, TrajectoryAtoms atomData, ProfileBins profileBins, int frameCapacity, int sampleCapacity)
    {
        if (frameCapacity < 1) throw new ArgumentOutOfRangeException(nameof(frameCapacity), "a trajectory file holds at least one frame");
        this.units = units;
        atoms = atomData.Count;
        bins = profileBins.Count;
        FrameCapacity = frameCapacity;
        SampleCapacity = sampleCapacity;
        int atomsPerChunk = ChunkAtoms(atoms);
        int chunksPerFrame = (atoms + atomsPerChunk - 1) / atomsPerChunk;

        var file = H5mdHeader.NewFile(options.Units, out var parameters);
        parameters.Attributes["species_names"] = atomData.SpeciesNames.ToArray();

        var particles = new H5Group();
        var box = new H5Group { Attributes = new() { ["dimension"] = 3, ["boundary"] = options.BoxBoundary.ToArray() } };
        edges = (Steps(frameCapacity), Times(frameCapacity), new H5Dataset<float[]>(fileDims: [(ulong)frameCapacity, 3, 3]));
        units.Length.ApplyTo(edges.Value);
        box["edges"] = Group(edges.Step, edges.Time, edges.Value);
        particles["box"] = box;

        foreach (var (name, field, integer) in PerFrame)
        {
            if (!options.Fields.HasFlag(field)) continue;
            var cache = new FrameChunkCache(atoms, atomsPerChunk);
            var creation = new H5DatasetCreation(ChunkCache: cache,
                Filters: options.Compression ? [ShuffleFilter.Id, new H5Filter(DeflateFilter.Id, new() { [DeflateFilter.COMPRESSION_LEVEL] = 1 })] : null);
            ulong[] dims = [(ulong)frameCapacity, (ulong)atoms, 3];
            uint[] chunks = [1, (uint)atomsPerChunk, 3];
            H5Object value;
            Action<FileFrame, int> write;
            if (integer)
            {
                var d = new H5Dataset<int[]>(fileDims: dims, chunks: chunks, datasetCreation: creation);
                (value, write) = (d, (f, k) => WriteFrameData(d, cache, chunksPerFrame, k, f.Image!));
            }
            else
            {
                var d = new H5Dataset<float[]>(fileDims: dims, chunks: chunks, datasetCreation: creation);
                var unit = field switch { TrajectoryFields.Position => units.Length, TrajectoryFields.Velocity => units.Velocity, _ => units.Force };
                unit.ApplyTo(d);
                Func<FileFrame, float[]> pick = field switch { TrajectoryFields.Position => f => f.Position!, TrajectoryFields.Velocity => f => f.Velocity!, _ => f => f.Force! };
                (value, write) = (d, (f, k) => WriteFrameData(d, cache, chunksPerFrame, k, pick(f)));
            }
            var s = new Series(name, Steps(frameCapacity), Times(frameCapacity), cache, write);
            series.Add(s);
            particles[name] = Group(s.Step, s.Time, value);
        }

        // Time-independent and tiny: always written, so a reader can select atoms without the deck.
        particles["species"] = (int[])atomData.Species.Clone();
        var mass = new H5Dataset(atomData.Masses.Select(m => (float)(m * units.Mass.Scale)).ToArray());
        units.Mass.ApplyTo(mass);
        particles["mass"] = mass;
        particles["id"] = (int[])atomData.Ids.Clone();
        particles["region"] = (int[])atomData.Regions.Clone();
        particles["side"] = (int[])atomData.Sides.Clone();
        file["particles"] = new H5Group { [ParticlesGroup.Split('/')[^1]] = particles };

        if (sampleCapacity > 0)
        {
            var obs = new H5Group();
            foreach (var (name, unit, width) in H5mdObservables.Names(units, bins))
            {
                ulong[] dims = width == 0 ? [(ulong)sampleCapacity] : [(ulong)sampleCapacity, (ulong)width];
                var s = (Steps(sampleCapacity), Times(sampleCapacity), new H5Dataset<double[]>(fileDims: dims), width);
                unit.ApplyTo(s.Item3);
                observables[name] = s;
                var group = Group(s.Item1, s.Item2, s.Item3);
                if (name == H5mdObservables.Profile) H5mdObservables.AddBins(group, profileBins, units);
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

    /// <summary>Bytes of per-frame data per atom for these fields (the image flags go with positions).</summary>
    public static long BytesPerAtom(TrajectoryFields fields) =>
        PerFrame.Count(p => fields.HasFlag(p.Field)) * (long)FrameChunkCache.AtomBytes;

    public int FrameCapacity { get; }
    public int SampleCapacity { get; }
    public int FramesWritten => frames.Count;
    public int SamplesWritten => samples.Count;
    public IReadOnlyList<(long Step, double Time, Vec3 Box)> Frames => frames;
    public IReadOnlyList<ObservableSample> Samples => samples;

    /// <summary>Writes the frame's per-atom arrays to disk now; step, time and box at <see cref="Finish"/>.</summary>
    public void WriteFrame(FileFrame frame)
    {
        if (frames.Count >= FrameCapacity) throw new InvalidOperationException($"this trajectory file holds {FrameCapacity} frames");
        foreach (var s in series) s.Write(frame, frames.Count);
        frames.Add((frame.Step, frame.Time, frame.Box));
    }

    /// <summary>
    /// The frame goes into its chunk buffers in one copy; PureHDF then writes the first atom of
    /// each chunk (same values), which hands it those chunks (see FrameChunkCache).
    /// </summary>
    private void WriteFrameData<T>(H5Dataset<T[]> dataset, FrameChunkCache cache, int chunksPerFrame, int index, T[] data) where T : unmanaged
    {
        if (data.Length != 3 * atoms) throw new ArgumentException($"{data.Length / 3} atoms, expected {atoms}");
        cache.Stage(index, MemoryMarshal.AsBytes(data.AsSpan()));
        int step = cache.AtomsPerChunk;
        var probe = new T[3 * chunksPerFrame];
        for (int c = 0; c < chunksPerFrame; c++) data.AsSpan(3 * c * step, 3).CopyTo(probe.AsSpan(3 * c));
        writer.Write(dataset, probe, fileSelection: new HyperslabSelection(3,
            [(ulong)index, 0, 0], [1, (ulong)step, 3], [1, (ulong)chunksPerFrame, 1], [1, 1, 3]));
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
        foreach (var (step, time) in series.Select(s => (s.Step, s.Time)).Append((edges.Step, edges.Time)))
        {
            writer.Write(step, steps);
            writer.Write(time, times);
        }
        writer.Write(edges.Value, box);

        if (SampleCapacity > 0)
        {
            var sampleSteps = new long[SampleCapacity];
            var sampleTimes = new double[SampleCapacity];
            for (int i = 0; i < samples.Count; i++) (sampleSteps[i], sampleTimes[i]) = (samples[i].Step, samples[i].Time * units.Time.Scale);
            foreach (var (name, unit, width) in H5mdObservables.Names(units, bins))
            {
                var s = observables[name];
                writer.Write(s.Step, sampleSteps);
                writer.Write(s.Time, sampleTimes);
                var values = new double[SampleCapacity * Math.Max(1, width)];
                H5mdObservables.Values(name, samples, unit).CopyTo(values, 0);
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

    /// <summary>Reads back frame <paramref name="index"/> of a finished file as written (to copy it).</summary>
    public static FileFrame ReadFrame(NativeFile file, TrajectoryFields fields, int index, int atoms, (long Step, double Time, Vec3 Box) meta)
    {
        T[]? Read<T>(TrajectoryFields field, string name) where T : unmanaged =>
            fields.HasFlag(field)
                ? file.Dataset($"{ParticlesGroup}/{name}/value").Read<T[]>(
                    fileSelection: new HyperslabSelection(3, [(ulong)index, 0, 0], [1, (ulong)atoms, 3]), memoryDims: [(ulong)(3 * atoms)])
                : null;
        return new FileFrame(meta.Step, meta.Time, meta.Box, Read<float>(TrajectoryFields.Position, "position"), Read<int>(TrajectoryFields.Position, "image"),
            Read<float>(TrajectoryFields.Velocity, "velocity"), Read<float>(TrajectoryFields.Force, "force"));
    }

    private static H5Dataset<long[]> Steps(int count) => new(fileDims: [(ulong)count]);
    private static H5Dataset<double[]> Times(int count) => new(fileDims: [(ulong)count]);

    private H5Group Group(H5Dataset<long[]> step, H5Dataset<double[]> time, H5Object value)
    {
        units.Time.ApplyTo(time);
        return new() { ["step"] = step, ["time"] = time, ["value"] = value };
    }
}
