namespace NemdEngine.Workflow;

/// <summary>What a front end (the CLI's progress bar, a test) hears from a running NEMD job.</summary>
public interface IRunObserver
{
    /// <summary>A phase ("equilibration", "production") of <paramref name="steps"/> steps begins.</summary>
    void PhaseStarted(string phase, long steps);

    /// <summary>Steps done in the current phase; running heat flux J and ΔT (null until known), in the run's units.</summary>
    void Progress(long stepsDone, double? heatFlux, double? deltaT);

    void PhaseFinished(string phase);

    /// <summary>A checkpoint of the state after <paramref name="step"/> was written to <paramref name="path"/>.</summary>
    void CheckpointWritten(long step, string path) { }
}

/// <summary>An observer that ignores everything (tests, batch use).</summary>
public sealed class SilentObserver : IRunObserver
{
    public static readonly SilentObserver Instance = new();
    public void PhaseStarted(string phase, long steps) { }
    public void Progress(long stepsDone, double? heatFlux, double? deltaT) { }
    public void PhaseFinished(string phase) { }
}
