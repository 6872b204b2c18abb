using NemdEngine.Workflow;

namespace NemdEngine.Tests;

/// <summary>
/// Cancels its token once the checkpoint of a given step is written: the tests' way of interrupting
/// a run at a known step (as Ctrl-C would, after that checkpoint) to check what a resume gives.
/// </summary>
public sealed class StopAtCheckpoint(long step, CancellationTokenSource cancel) : IRunObserver
{
    public void PhaseStarted(string phase, long steps) { }
    public void Progress(long stepsDone, double? heatFlux, double? deltaT) { }
    public void PhaseFinished(string phase) { }
    public void CheckpointWritten(long s, string path) { if (s == step) cancel.Cancel(); }
}
