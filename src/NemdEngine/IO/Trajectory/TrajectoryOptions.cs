using NemdEngine.Model;

namespace NemdEngine.IO.Trajectory;

/// <summary>
/// How a run's trajectory is written.
/// </summary>
/// <param name="Fields">Which per-atom quantities are written.</param>
/// <param name="Compression">Deflate (level 1, with byte shuffle) on the per-frame arrays.</param>
/// <param name="Units">Unit system of every number written.</param>
/// <param name="Boundary">H5MD box boundary per axis ("periodic" or "none").</param>
/// <param name="SegmentBytes">Upper bound on the per-atom frame data of one file (bytes); a run
/// longer than that is split into several files, each complete and readable on its own.</param>
public sealed record TrajectoryOptions(
    TrajectoryFields Fields,
    bool Compression,
    UnitSystem Units,
    IReadOnlyList<string>? Boundary = null,
    long SegmentBytes = TrajectoryOptions.DefaultSegmentBytes)
{
    public const long DefaultSegmentBytes = 1L << 30;

    public IReadOnlyList<string> BoxBoundary => Boundary ?? ["periodic", "periodic", "none"];
}

/// <summary>
/// When frames and observables are written: frames at FirstStep + k·FrameInterval, observables at
/// FirstStep + k·ObservableInterval (k ≥ 1), up to and including LastStep.
/// </summary>
public sealed record TrajectorySchedule(long FirstStep, long LastStep, int FrameInterval, int ObservableInterval)
{
    /// <summary>Number of multiples of <paramref name="interval"/> (counted from FirstStep) in (from, to].</summary>
    public static int CountIn(long firstStep, long from, long to, int interval) =>
        (int)(Math.Max(0, to - firstStep) / interval - Math.Max(0, from - firstStep) / interval);

    public int TotalFrames => CountIn(FirstStep, FirstStep, LastStep, FrameInterval);
}
