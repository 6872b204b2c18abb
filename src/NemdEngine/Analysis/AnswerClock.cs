namespace NemdEngine.Analysis;

/// <summary>
/// How long the run took to answer: the wall time (s) from the start of the run until R_K's
/// relative standard error fell below <see cref="Target"/> and stayed below it to the end.
/// </summary>
/// <param name="Target">Relative standard error asked for (e.g. 0.1).</param>
/// <param name="ReachedAtSeconds">Wall time (s) of the first check after which the error stayed below target; null when the run ended above it.</param>
/// <param name="ReachedAtStep">Step of that check.</param>
/// <param name="FinalRelativeError">R_K's relative standard error at the end of the run.</param>
/// <param name="ProjectedSeconds">When not reached: the wall time (s) a run with more production would need, from the error falling as 1/√(production time).</param>
public sealed record TimeToAnswer(double Target, double? ReachedAtSeconds, long? ReachedAtStep, double FinalRelativeError, double? ProjectedSeconds)
{
    public bool Reached => ReachedAtSeconds is not null;

    /// <summary>One sentence for the summary and the log.</summary>
    /// <param name="runSeconds">Wall time of the whole run (s).</param>
    public string Describe(double runSeconds) => Reached
        ? $"R_K within {Format.Percent(Target)} (standard error) after {ReachedAtSeconds:F1} s wall, at step {ReachedAtStep}; {Format.Percent(FinalRelativeError)} at the end"
        : $"not reached; R_K is within {Format.Percent(FinalRelativeError)} after {runSeconds:F1} s, target {Format.Percent(Target)}"
          + (ProjectedSeconds is double p ? $"; about {p:F0} s wall projected (error ∝ 1/√production)" : "");
}

/// <summary>
/// Watches R_K's relative standard error at checks during production and reports when it got
/// below target for good. A single dip below the target is not an answer (the error of a
/// 10-block estimate is itself noisy), so rising above the target again resets the clock.
/// </summary>
/// <param name="belowSince">The state of a clock being resumed (<see cref="BelowSince"/> of the interrupted run).</param>
public sealed class AnswerClock(double target, (double WallSeconds, long Step)? belowSince = null)
{
    private (double Seconds, long Step)? below = belowSince;

    public double Target { get; } = target;

    /// <summary>Since when (wall seconds, step) the error has stayed below target; null when it is above (checkpointed).</summary>
    public (double WallSeconds, long Step)? BelowSince => below;

    /// <param name="relativeError">|σ(R_K) / R_K| at this check (NaN or ∞ when undefined).</param>
    /// <param name="wallSeconds">Wall time since the run started (s).</param>
    public void Observe(double relativeError, double wallSeconds, long step)
    {
        if (relativeError < Target) below ??= (wallSeconds, step);
        else below = null;
    }

    /// <summary>The answer for a run whose final R_K has <paramref name="finalRelativeError"/>.</summary>
    /// <param name="wallSeconds">Wall time of the whole run (s).</param>
    /// <param name="productionSteps">Production steps the run made.</param>
    /// <param name="secondsPerStep">Measured wall time per step (s), for the projection.</param>
    public TimeToAnswer Finish(double finalRelativeError, double wallSeconds, long productionSteps, double secondsPerStep, long finalStep)
    {
        Observe(finalRelativeError, wallSeconds, finalStep);
        // The error falls as 1/√(production): (error/target)² times the production reaches the target.
        double? projected = below is null && double.IsFinite(finalRelativeError)
            ? wallSeconds + productionSteps * (Math.Pow(finalRelativeError / Target, 2) - 1) * secondsPerStep
            : null;
        return new TimeToAnswer(Target, below?.Seconds, below?.Step, finalRelativeError, projected);
    }

    /// <summary>|σ/value| of a measured ratio; ∞ when the value is 0 or not finite.</summary>
    public static double RelativeError(Measured m) =>
        m.Value != 0 && double.IsFinite(m.Value) && double.IsFinite(m.StdErr) ? Math.Abs(m.StdErr / m.Value) : double.PositiveInfinity;
}
