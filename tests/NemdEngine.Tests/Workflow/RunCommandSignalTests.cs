using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
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

    private sealed class Child(Process process, StringBuilder output) : IDisposable
    {
        public Process Process { get; } = process;
        public string Output { get { lock (output) return output.ToString(); } }
        public void Dispose() { if (!Process.HasExited) Process.Kill(); Process.Dispose(); }
    }

    private static Child Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nemd.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var text = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Child(process, text);
    }

    /// <summary>Waits until the run folder's checkpoint is past <paramref name="step"/>; returns its step.</summary>
    private static long WaitForCheckpointAfter(Child child, string dir, long step)
    {
        string path = Path.Combine(dir, RunFiles.Checkpoint);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (child.Process.HasExited) Assert.Fail($"nemd exited ({child.Process.ExitCode}) before a checkpoint after step {step}:\n{child.Output}");
            if (File.Exists(path))
            {
                long s = RunFiles.ReadCheckpoint(path).Simulation.Step;
                if (s > step) return s;
            }
            Thread.Sleep(5);
        }
        throw new TimeoutException($"no checkpoint after step {step} within 60 s:\n{child.Output}");
    }

    private static int WaitForExit(Child child)
    {
        Assert.True(child.Process.WaitForExit(TimeSpan.FromSeconds(90)), $"nemd did not exit:\n{child.Output}");
        child.Process.WaitForExit(); // drains the output readers
        return child.Process.ExitCode;
    }

    private static void AssertStoppedBySignal(Child child, int expectedCode, string signal, string dir)
    {
        int code = WaitForExit(child);
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
        string dir = Path.Combine(Path.GetTempPath(), $"nemd-signals-{Guid.NewGuid():N}");

        long seen;
        using (var run = Start("run", deck, "--out", dir, "--device", "cpu"))
        {
            seen = WaitForCheckpointAfter(run, dir, 0);
            Assert.Equal(0, Kill(run.Process.Id, SigInt));
            AssertStoppedBySignal(run, RunCommand.ExitInterrupted, "SIGINT", dir);
        }
        using (var resumed = Start("run", "--resume", dir))
        {
            seen = WaitForCheckpointAfter(resumed, dir, RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation.Step);
            Assert.Equal(0, Kill(resumed.Process.Id, SigTerm));
            AssertStoppedBySignal(resumed, RunCommand.ExitTerminated, "SIGTERM", dir);
        }
        using (var killed = Start("run", "--resume", dir))
        {
            seen = WaitForCheckpointAfter(killed, dir, RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation.Step);
            killed.Process.Kill(); // SIGKILL
            WaitForExit(killed);
        }
        // Whatever SIGKILL left is readable: the last checkpoint parses, the log reads.
        Assert.True(RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation.Step >= seen);
        Assert.Contains("Resuming", File.ReadAllText(Path.Combine(dir, "nemd.log")));
        Assert.False(File.Exists(Path.Combine(dir, RunOutputs.Results)));
        using (var last = Start("run", "--resume", dir))
            Assert.True(WaitForExit(last) == 0, last.Output);

        // The same deck in one go, in this process, on the same device.
        string whole = Path.Combine(Path.GetTempPath(), $"nemd-whole-{Guid.NewGuid():N}");
        NemdRunner.Run(DeckReader.ReadFile(deck), new RunOverrides(OutputDirectory: whole, Device: "cpu"), SilentObserver.Instance, new LoggerConfiguration().CreateLogger());
        var a = RunFiles.ReadCheckpoint(Path.Combine(whole, RunFiles.Checkpoint)).Simulation;
        var b = RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation;
        Assert.Equal(300, b.Step);
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.Positions), SimulationEngineCheckpointTests.Bits(b.Positions));
        Assert.Equal(SimulationEngineCheckpointTests.Bits(a.Velocities), SimulationEngineCheckpointTests.Bits(b.Velocities));
        Assert.Equal(ResultsJson.WithoutWallClock(whole), ResultsJson.WithoutWallClock(dir));
    }
}
