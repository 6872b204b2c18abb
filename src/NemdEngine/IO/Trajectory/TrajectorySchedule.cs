namespace NemdEngine.IO.Trajectory;

/// <summary>
/// When frames and observables are written: frames at FirstStep + k·FrameInterval, observables at
/// FirstStep + k·ObservableInterval (k ≥ 1), up to and including LastStep; and where files end.
/// </summary>
public sealed record TrajectorySchedule(long FirstStep, long LastStep, int FrameInterval, int ObservableInterval)
{
    /// <summary>
    /// Steps between the run's checkpoints (taken at multiples of it, counted from step 0); 0: none.
    /// A file ends at the first checkpoint at or after its first frame, so it can be closed before
    /// the checkpoint is written: what a checkpoint covers is then readable on disk.
    /// </summary>
    public long CheckpointInterval { get; init; }

    /// <summary>The step a resumed run continues from: only later steps are written; null: FirstStep.</summary>
    public long? ResumedAt { get; init; }

    /// <summary>Steps after this one are written.</summary>
    public long BeginStep => ResumedAt ?? FirstStep;

    /// <summary>Number of multiples of <paramref name="interval"/> (counted from FirstStep) in (from, to].</summary>
    public static int CountIn(long firstStep, long from, long to, int interval) =>
        (int)(Math.Max(0, to - firstStep) / interval - Math.Max(0, from - firstStep) / interval);

    /// <summary>Frames this schedule writes (those after <see cref="BeginStep"/>).</summary>
    public int TotalFrames => CountIn(FirstStep, BeginStep, LastStep, FrameInterval);

    /// <summary>The first frame step after <paramref name="step"/>.</summary>
    public long NextFrameAfter(long step) => FirstStep + (Math.Max(0, step - FirstStep) / FrameInterval + 1) * FrameInterval;

    /// <summary>
    /// The steps (From, To] of the file that follows step <paramref name="from"/>, holding at most
    /// <paramref name="framesPerFile"/> frames and ending at a checkpoint; null when no frame is left.
    /// The last file also takes the observables sampled after the last frame.
    /// </summary>
    public (long From, long To)? NextFile(long from, int framesPerFile)
    {
        long first = NextFrameAfter(from);
        if (first > LastStep) return null;
        long to = first + (long)(Math.Max(1, framesPerFile) - 1) * FrameInterval;
        if (CheckpointInterval > 0) to = Math.Min(to, (first + CheckpointInterval - 1) / CheckpointInterval * CheckpointInterval);
        if (NextFrameAfter(to) > LastStep) to = LastStep;
        return (from, to);
    }
}
