namespace NemdEngine.IO;

/// <summary>Facts about a run for results.json: size, length, wall time (s), throughput (atom-steps/s), device, seed, deck.</summary>
public sealed record RunInfo(int Atoms, long Steps, double WallSeconds, double AtomStepsPerSecond, string Device, ulong Seed, string? DeckPath, string? DeckText)
{
    /// <summary>When R_K reached the deck's target error (set by a finished run; not stored in samples.bin).</summary>
    public Analysis.TimeToAnswer? TimeToAnswer { get; init; }

    /// <summary>The run these facts belong to (its folder's run.json, <see cref="RunFolder"/>); null for samples stored before run ids.</summary>
    public string? RunId { get; init; }
}
