using System.Text.Json.Nodes;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Tests.Simulation;
using NemdEngine.Workflow;
using Serilog;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// Checkpoint and resume through the runner. The interrupted run is stopped exactly as a signal
/// stops it: its cancellation token is cancelled (here when the checkpoint of a chosen step has
/// been written), the step loop stops before the next step and the runner writes a checkpoint.
/// The deck is unchanged throughout; a shorter deck later extended is not used, since it would
/// change the stored deck and the sampling schedule.
/// </summary>
public class ResumeTests
{
    /// <summary>1,440 atoms; 20 equilibration + 100 production steps, a checkpoint every 10.</summary>
    private static Deck SmallDeck(string output) => TestSystems.Deck(seed: 8) with
    {
        Thermostat = new ThermostatSpec(0.4, 0.2, 0.5),
        Run = new RunSpec { EquilibrationSteps = 20, ProductionSteps = 100, SampleInterval = 10, InitialTemperature = 0.3 },
        // A loose target (a deck's must be below 1): with seed 8, R_K's relative error is at most 0.49 at every
        // check, so the clock starts at the first check, production step 40 = step 60, where the second
        // interruption falls: the resumed run must keep it.
        Analysis = new AnalysisSpec { MarginReservoir = 0.5, MarginInterface = 0.5, Blocks = 2, TargetRelativeError = 0.9 },
        Output = new OutputSpec { Directory = output, CheckpointInterval = 10 },
    };

    private static readonly ILogger Log = new LoggerConfiguration().CreateLogger();

    private static string TempDir(string tag) => TestTemp.Path($"nemd-{tag}-{Guid.NewGuid():N}");

    [Fact]
    public void InterruptedAndResumedTwiceEqualsOneRunBitForBit()
    {
        string whole = TempDir("whole"), pieces = TempDir("pieces");
        NemdRunner.Run(SmallDeck(whole), new RunOverrides(Device: "cpu"), SilentObserver.Instance, Log);

        // Stop in equilibration (step 10), then in production (step 60), then finish.
        using (var c1 = new CancellationTokenSource())
        {
            var e = Assert.Throws<RunInterruptedException>(() => NemdRunner.Run(SmallDeck(pieces), new RunOverrides(Device: "cpu"), new StopAtCheckpoint(10, c1), Log, c1.Token));
            Assert.Equal(10, e.Step);
        }
        Assert.False(RunFiles.ReadCheckpoint(Path.Combine(pieces, RunFiles.Checkpoint)).InProduction);
        Assert.False(File.Exists(Path.Combine(pieces, RunOutputs.Results)));
        using (var c2 = new CancellationTokenSource())
        {
            var e = Assert.Throws<RunInterruptedException>(() => NemdRunner.Resume(pieces, new StopAtCheckpoint(60, c2), Log, c2.Token));
            Assert.Equal(60, e.Step);
        }
        var mid = RunFiles.ReadCheckpoint(Path.Combine(pieces, RunFiles.Checkpoint));
        Assert.True(mid.InProduction);
        Assert.Equal(20, mid.ProductionStartStep);
        Assert.Equal(4, mid.Samples.Times.Length);
        NemdRunner.Resume(pieces, SilentObserver.Instance, Log);

        var a = RunFiles.ReadCheckpoint(Path.Combine(whole, RunFiles.Checkpoint));
        var b = RunFiles.ReadCheckpoint(Path.Combine(pieces, RunFiles.Checkpoint));
        Assert.Equal(120, a.Simulation.Step);
        Assert.Equal(120, b.Simulation.Step);
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.Simulation.Positions), SimulationEngineCheckpointTests.Bits(b.Simulation.Positions));
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.Simulation.Velocities), SimulationEngineCheckpointTests.Bits(b.Simulation.Velocities));
        Assert.Equal(a.Simulation.BathEnergy, b.Simulation.BathEnergy);
        Assert.Equal(a.Samples.Temperatures, b.Samples.Temperatures);

        // results.json identical but for the wall-clock fields; the answer was reached before the last interruption.
        Assert.Equal(ResultsJson.WithoutWallClock(whole), ResultsJson.WithoutWallClock(pieces));
        var answer = JsonNode.Parse(File.ReadAllText(Path.Combine(pieces, RunOutputs.Results)))!["time_to_answer"]!;
        Assert.True(answer["reached"]!.GetValue<bool>(), $"time_to_answer: {answer.ToJsonString()}");
        Assert.Equal(60, answer["step"]!.GetValue<long>());
        Assert.Equal(File.ReadAllText(Path.Combine(whole, RunOutputs.Profile)), File.ReadAllText(Path.Combine(pieces, RunOutputs.Profile)));
    }
}
