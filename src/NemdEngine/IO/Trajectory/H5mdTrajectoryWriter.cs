using System.Globalization;
using System.Text;
using NemdEngine.IO.H5md;
using PureHDF;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// Writes a run's trajectory and NEMD observables as H5MD 1.1 files, in segments: each file
/// (<c>trajectory-0000.h5md</c>, <c>trajectory-0001.h5md</c>, ...) is a complete H5MD file holding a
/// bounded number of frames (<see cref="TrajectoryOptions.SegmentBytes"/>), ending at the run's next
/// checkpoint (<see cref="TrajectorySchedule.CheckpointInterval"/>), with the observables sampled
/// over the same steps. A file is written under a temporary name (<c>.h5md.part</c>) and renamed
/// when closed, so every <c>.h5md</c> present is readable, even after SIGKILL; <see cref="Checkpoint"/>
/// closes the file that ends there. A file cut short (failure, Ctrl-C) is closed by
/// <see cref="Dispose"/> and rewritten to the frames it got. <c>trajectory-files.txt</c>
/// (<c>BASE-files.txt</c>) lists the finished files with their step ranges. Memory does not grow
/// with the run: frame data goes to disk as it comes.
/// </summary>
public sealed class H5mdTrajectoryWriter : IDisposable
{
    /// <summary>The file listing the finished files of the default base name.</summary>
    public const string IndexFile = "trajectory-files.txt";

    /// <summary>File name extension; MDAnalysis and OVITO recognise H5MD by it.</summary>
    public const string Extension = ".h5md";

    private readonly string directory;
    private readonly string baseName;
    private readonly TrajectoryOptions options;
    private readonly H5mdUnits units;
    private readonly TrajectoryAtoms atoms;
    private readonly ProfileBins bins;
    private readonly TrajectorySchedule schedule;
    private readonly int framesPerSegment;
    private readonly FrameEncoder encoder;
    private readonly List<(string Name, long FirstStep, long LastStep, int Frames, int Samples)> finished = [];
    private H5mdSegmentWriter? current;
    private (long From, long To)? range;
    private int currentIndex = -1;
    private bool closed;

    /// <param name="directory">Run folder the files go to.</param>
    /// <param name="bins">The profile's z bins (centres in length).</param>
    public H5mdTrajectoryWriter(string directory, TrajectoryOptions options, TrajectoryAtoms atoms, ProfileBins bins, TrajectorySchedule schedule, string baseName = "trajectory")
    {
        this.directory = directory;
        this.baseName = baseName;
        this.options = options;
        units = H5mdUnits.For(options.Units);
        this.atoms = atoms;
        this.bins = bins;
        this.schedule = schedule;
        encoder = new FrameEncoder(options, units, atoms.Count);
        if (schedule.ObservableInterval <= 0 || schedule.FrameInterval <= 0 || schedule.FrameInterval % schedule.ObservableInterval != 0)
            throw new ArgumentException("the frame interval must be a positive multiple of the observable interval");
        long frameBytes = H5mdSegmentWriter.BytesPerAtom(options.Fields) * atoms.Count;
        FramesTotal = schedule.TotalFrames;
        framesPerSegment = (int)Math.Clamp(frameBytes == 0 ? FramesTotal : options.SegmentBytes / frameBytes, 1, Math.Max(1, FramesTotal));
        for (var r = schedule.NextFile(schedule.BeginStep, framesPerSegment); r is { } next; r = schedule.NextFile(next.To, framesPerSegment))
            SegmentCount++;
    }

    public int FramesTotal { get; }
    /// <summary>Most frames one file holds (by <see cref="TrajectoryOptions.SegmentBytes"/>; checkpoints may end files sooner).</summary>
    public int FramesPerSegment => framesPerSegment;
    public int SegmentCount { get; }

    /// <summary>Full paths of the finished files so far.</summary>
    public IReadOnlyList<string> Files => finished.Select(f => Path.Combine(directory, f.Name)).ToList();

    public string FileName(int segment) => $"{baseName}-{segment.ToString("D4", CultureInfo.InvariantCulture)}{Extension}";

    /// <summary>Writes a frame (its step must be FirstStep + k·FrameInterval).</summary>
    public void WriteFrame(in TrajectoryFrame frame)
    {
        var segment = SegmentFor(frame.Step);
        segment?.WriteFrame(encoder.Encode(frame));
    }

    /// <summary>Records the observables of one profile sample (step FirstStep + k·ObservableInterval).</summary>
    public void WriteObservables(in ObservableSample sample) => SegmentFor(sample.Step)?.WriteObservables(sample);

    /// <summary>
    /// The run is about to write a checkpoint of the state after <paramref name="step"/>: closes the
    /// open file if it ends there, so its frames are on disk before the checkpoint refers past them.
    /// </summary>
    public void Checkpoint(long step)
    {
        if (closed || current is null || range is not { } r || r.To > step) return;
        CloseCurrent();
    }

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

    private H5mdSegmentWriter? SegmentFor(long step)
    {
        if (closed) throw new InvalidOperationException("the trajectory is closed");
        if (step <= schedule.BeginStep || step > schedule.LastStep) return null;
        if (range is { } r && step <= r.From) throw new InvalidOperationException($"step {step} comes after a later file was begun");
        while (range is not { } open || step > open.To)
        {
            CloseCurrent();
            range = schedule.NextFile(range?.To ?? schedule.BeginStep, framesPerSegment);
            if (range is null) return null;
            currentIndex++;
        }
        if (current is null)
        {
            var (from, to) = range.Value;
            int frames = TrajectorySchedule.CountIn(schedule.FirstStep, from, to, schedule.FrameInterval);
            int samples = TrajectorySchedule.CountIn(schedule.FirstStep, from, to, schedule.ObservableInterval);
            Directory.CreateDirectory(directory);
            current = new H5mdSegmentWriter(PartPath(currentIndex), options, units, atoms, bins, frames, samples);
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

    /// <summary>Rewrites a finished but short file with exactly the frames and samples it received (copied as written).</summary>
    private void Truncate(H5mdSegmentWriter source, string part)
    {
        string shortPart = part + ".short";
        using (var read = H5File.OpenRead(part))
        {
            var copy = new H5mdSegmentWriter(shortPart, options, units, atoms, bins, source.FramesWritten, source.SamplesWritten);
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
