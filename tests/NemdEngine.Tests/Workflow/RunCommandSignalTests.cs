using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using NemdEngine.Cli;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Tests.Simulation;
using NemdEngine.Workflow;
using Serilog;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// The built `nemd` as a child process (nemd.dll next to the test assembly), stopped by real
/// signals: SIGINT, then SIGTERM on the resumed run, then SIGKILL on the next one, and a last
/// resume that completes. The end result must equal, bit for bit, one uninterrupted run.
/// </summary>
public partial class RunCommandSignalTests
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private const int SigInt = 2, SigTerm = 15;

    private static void AssertStoppedBySignal(NemdChild child, int expectedCode, string signal, string dir)
    {
        int code = child.WaitForExit();
        Assert.True(expectedCode == code, $"exit code {code}, expected {expectedCode}:\n{child.Output}");
        var line = child.Output.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains($"stopped by {signal} after step", line);
        Assert.Contains($"nemd run --resume {dir}", line);
        long step = long.Parse(line.Split("after step ")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(step, RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation.Step);
        Assert.Contains($"Stopped by {signal}", File.ReadAllText(Path.Combine(dir, "nemd.log")));
    }

    [Fact]
    public void SigintSigtermAndSigkillLeaveAResumableRunThatEndsAsOneUninterruptedRun()
    {
        string deck = ShippedDeck.WriteEdited(("cells_A = 16", "cells_A = 5"), ("cells_B = 16", "cells_B = 5"), ("reservoir_cells = 3", "reservoir_cells = 1"),
            ("equilibration_steps = 20000", "equilibration_steps = 40"), ("production_steps = 160000", "production_steps = 260"),
            ("margin_reservoir = 2.0", "margin_reservoir = 0.5"), ("margin_interface = 2.0", "margin_interface = 0.5"), ("# blocks = 20 ", "blocks = 2 #"),
            ("checkpoint_interval = 18000", "checkpoint_interval = 10"));
        string dir = TestTemp.Path($"nemd-signals-{Guid.NewGuid():N}");

        long seen;
        using (var run = NemdChild.Start("run", deck, "--out", dir, "--device", "cpu"))
        {
            seen = run.WaitForCheckpointAfter(dir, 0);
            Assert.Equal(0, Kill(run.Process.Id, SigInt));
            AssertStoppedBySignal(run, RunCommand.ExitInterrupted, "SIGINT", dir);
        }
        using (var resumed = NemdChild.Start("run", "--resume", dir))
        {
            seen = resumed.WaitForCheckpointAfter(dir, RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation.Step);
            Assert.Equal(0, Kill(resumed.Process.Id, SigTerm));
            AssertStoppedBySignal(resumed, RunCommand.ExitTerminated, "SIGTERM", dir);
        }
        using (var killed = NemdChild.Start("run", "--resume", dir))
        {
            seen = killed.WaitForCheckpointAfter(dir, RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation.Step);
            killed.Process.Kill(); // SIGKILL
            killed.WaitForExit();
        }
        // Whatever SIGKILL left is readable: the last checkpoint parses, the log reads.
        Assert.True(RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation.Step >= seen);
        Assert.Contains("Resuming", File.ReadAllText(Path.Combine(dir, "nemd.log")));
        Assert.False(File.Exists(Path.Combine(dir, RunOutputs.Results)));
        using (var last = NemdChild.Start("run", "--resume", dir))
            Assert.True(last.WaitForExit() == 0, last.Output);

        // The same deck in one go, in this process, on the same device.
        string whole = TestTemp.Path($"nemd-whole-{Guid.NewGuid():N}");
        NemdRunner.Run(DeckReader.ReadFile(deck), new RunOverrides(OutputDirectory: whole, Device: "cpu"), SilentObserver.Instance, new LoggerConfiguration().CreateLogger());
        var a = RunFiles.ReadCheckpoint(Path.Combine(whole, RunFiles.Checkpoint)).Simulation;
        var b = RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation;
        Assert.Equal(300, b.Step);
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.Positions), SimulationEngineCheckpointTests.Bits(b.Positions));
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.Velocities), SimulationEngineCheckpointTests.Bits(b.Velocities));
        Assert.Equal(ResultsJson.WithoutWallClock(whole), ResultsJson.WithoutWallClock(dir));
    }
}
