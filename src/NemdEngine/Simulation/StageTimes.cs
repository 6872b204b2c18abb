using System.Diagnostics;

namespace NemdEngine.Simulation;

/// <summary>
/// Wall time spent in each stage of the step loop, for the benchmark's per-stage breakdown.
/// Stages are closed with a backend synchronization only when <see cref="Enabled"/>, so normal
/// runs on asynchronous (GPU) backends are not serialized by the measurement.
/// </summary>
public sealed class StageTimes
{
    private readonly long[] ticks = new long[Names.Length];

    public static readonly string[] Names = ["integration", "neighbor", "force", "flags"];
    public const int Integration = 0, Neighbor = 1, Force = 2, Flags = 3;

    public bool Enabled { get; set; }

    public void Add(int stage, long startTimestamp) => ticks[stage] += Stopwatch.GetTimestamp() - startTimestamp;

    public TimeSpan this[int stage] => Stopwatch.GetElapsedTime(0, ticks[stage]);

    public void Reset() => Array.Clear(ticks);
}
