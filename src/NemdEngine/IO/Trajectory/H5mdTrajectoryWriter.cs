using System.Globalization;
using System.Text;
using PureHDF;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// Writes a run's trajectory and NEMD observables as H5MD 1.1 files, in segments: each file
/// (<c>trajectory-0000.h5</c>, <c>trajectory-0001.h5</c>, ...) is a complete H5MD file holding a
/// bounded number of frames (<see cref="TrajectoryOptions.SegmentBytes"/>) and the observables
/// sampled over the same steps. A file is written under a temporary name (<c>.h5.part</c>) and
/// renamed when closed, so every <c>.h5</c> present is readable, even after SIGKILL; a file cut
/// short (failure, Ctrl-C) is closed by <see cref="Dispose"/> and rewritten to the frames it got.
/// <c>trajectory-files.txt</c> (<c>BASE-files.txt</c>) lists the finished files with their step ranges.
/// Memory does not grow with the run: frame data goes to disk as it comes.
/// </summary>
public sealed class H5mdTrajectoryWriter : IDisposable
{
    /// <summary>The file listing the finished files of the default base name.</summary>
    public const string IndexFile = "trajectory-files.txt";

    private readonly string directory;
    private readonly string baseName;
    private readonly TrajectoryOptions options;
    private readonly TrajectoryAtoms atoms;
    private readonly double[] binCenters;
    private readonly TrajectorySchedule schedule;
    private readonly int framesPerSegment;
    private readonly List<(string Name, long FirstStep, long LastStep, int Frames, int Samples)> finished = [];
    private H5mdSegmentWriter? current;
    private int currentIndex = -1;
    private bool closed;

    /// <param name="directory">Run folder the files go to.</param>
    /// <param name="binCenters">z of each profile bin's centre (length).</param>
    public H5mdTrajectoryWriter(string directory, TrajectoryOptions options, TrajectoryAtoms atoms, double[] binCenters, TrajectorySchedule schedule, string baseName = "trajectory")
    {
        this.directory = directory;
        this.baseName = baseName;
        this.options = options;
        this.atoms = atoms;
        this.binCenters = binCenters;
        this.schedule = schedule;
        if (schedule.ObservableInterval <= 0 || schedule.FrameInterval <= 0 || schedule.FrameInterval % schedule.ObservableInterval != 0)
            throw new ArgumentException("the frame interval must be a positive multiple of the observable interval");
        int timeDependent = (new[] { TrajectoryFields.Position, TrajectoryFields.Velocity, TrajectoryFields.Force }).Count(f => options.Fields.HasFlag(f));
        long frameBytes = 12L * atoms.Count * timeDependent;
        FramesTotal = schedule.TotalFrames;
        framesPerSegment = (int)Math.Clamp(frameBytes == 0 ? FramesTotal : options.SegmentBytes / frameBytes, 1, Math.Max(1, FramesTotal));
        SegmentCount = FramesTotal == 0 ? 0 : (FramesTotal + framesPerSegment - 1) / framesPerSegment;
    }

    public int FramesTotal { get; }
    public int FramesPerSegment => framesPerSegment;
    public int SegmentCount { get; }

    /// <summary>Full paths of the finished files so far.</summary>
    public IReadOnlyList<string> Files => finished.Select(f => Path.Combine(directory, f.Name)).ToList();

    public string FileName(int segment) => $"{baseName}-{segment.ToString("D4", CultureInfo.InvariantCulture)}.h5";

    /// <summary>Writes a frame (its step must be FirstStep + k·FrameInterval).</summary>
    public void WriteFrame(in TrajectoryFrame frame)
    {
        var segment = SegmentFor(frame.Step);
        segment?.WriteFrame(frame);
    }

    /// <summary>Records the observables of one profile sample (step FirstStep + k·ObservableInterval).</summary>
    public void WriteObservables(in ObservableSample sample) => SegmentFor(sample.Step)?.WriteObservables(sample);

    /// <summary>Finishes the open file; throws if that fails. Dispose afterwards is a no-op.</summary>
    public void Close()
    {
        if (closed) return;
        closed = true;
        CloseCurrent();
    }

    /// <summary>Finishes the open file, truncated to what it got; never throws (for finally blocks).</summary>
    public void Dispose()
    {
        if (closed) return;
        closed = true;
        try { CloseCurrent(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            DisposeError = e;
            current?.Dispose();
            current = null;
        }
    }

    /// <summary>Why the last file could not be finished by <see cref="Dispose"/>, if it failed.</summary>
    public Exception? DisposeError { get; private set; }

    private (long From, long To) StepRange(int segment)
    {
        long span = (long)framesPerSegment * schedule.FrameInterval;
        long from = schedule.FirstStep + segment * span;
        long to = segment == SegmentCount - 1 ? schedule.LastStep : from + span;
        return (from, to);
    }

    private H5mdSegmentWriter? SegmentFor(long step)
    {
        if (closed) throw new InvalidOperationException("the trajectory is closed");
        if (SegmentCount == 0 || step <= schedule.FirstStep || step > schedule.LastStep) return null;
        int segment = (int)Math.Min(SegmentCount - 1, (step - schedule.FirstStep - 1) / ((long)framesPerSegment * schedule.FrameInterval));
        if (segment != currentIndex)
        {
            if (segment < currentIndex) throw new InvalidOperationException($"step {step} comes after a later file was begun");
            CloseCurrent();
            var (from, to) = StepRange(segment);
            int frames = TrajectorySchedule.CountIn(schedule.FirstStep, from, to, schedule.FrameInterval);
            int samples = TrajectorySchedule.CountIn(schedule.FirstStep, from, to, schedule.ObservableInterval);
            Directory.CreateDirectory(directory);
            current = new H5mdSegmentWriter(PartPath(segment), options, atoms, binCenters, frames, samples);
            currentIndex = segment;
        }
        return current;
    }

    private string PartPath(int segment) => Path.Combine(directory, FileName(segment) + ".part");

    private void CloseCurrent()
    {
        if (current is null) return;
        var segment = current;
        current = null;
        string part = PartPath(currentIndex), final = Path.Combine(directory, FileName(currentIndex));
        segment.Finish();
        if (segment.FramesWritten == 0)
        {
            File.Delete(part);
            return;
        }
        if (segment.FramesWritten < segment.FrameCapacity || segment.SamplesWritten < segment.SampleCapacity)
            Truncate(segment, part);
        File.Move(part, final, overwrite: true);
        var frames = segment.Frames;
        finished.Add((FileName(currentIndex), frames[0].Step, frames[^1].Step, frames.Count, segment.SamplesWritten));
        WriteIndex();
    }

    /// <summary>Rewrites a finished but short file with exactly the frames and samples it received.</summary>
    private void Truncate(H5mdSegmentWriter source, string part)
    {
        string shortPart = part + ".short";
        using (var read = H5File.OpenRead(part))
        {
            var copy = new H5mdSegmentWriter(shortPart, options, atoms, binCenters, source.FramesWritten, source.SamplesWritten);
            try
            {
                for (int f = 0; f < source.FramesWritten; f++)
                    copy.WriteFrame(H5mdSegmentWriter.ReadFrame(read, options.Fields, f, atoms.Count, source.Frames[f]));
                foreach (var s in source.Samples) copy.WriteObservables(s);
                copy.Finish();
            }
            finally { copy.Dispose(); }
        }
        File.Move(shortPart, part, overwrite: true);
    }

    private void WriteIndex()
    {
        var text = new StringBuilder();
        text.AppendLine("# H5MD trajectory files of this run, in order: file first_step last_step frames observable_samples");
        foreach (var f in finished) text.AppendLine(CultureInfo.InvariantCulture, $"{f.Name} {f.FirstStep} {f.LastStep} {f.Frames} {f.Samples}");
        AtomicFile.WriteText(Path.Combine(directory, $"{baseName}-files.txt"), text.ToString());
    }
}
