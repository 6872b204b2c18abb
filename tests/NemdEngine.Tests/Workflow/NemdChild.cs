using System.Diagnostics;
using System.Text;
using NemdEngine.IO;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// The built `nemd` (nemd.dll next to the test assembly) run as a child process, with its output
/// collected, for tests that stop it with real signals.
/// </summary>
public sealed class NemdChild : IDisposable
{
    private readonly StringBuilder output;

    private NemdChild(Process process, StringBuilder output) => (Process, this.output) = (process, output);

    public Process Process { get; }
    public string Output { get { lock (output) return output.ToString(); } }
    public void Dispose() { if (!Process.HasExited) Process.Kill(); Process.Dispose(); }

    public static NemdChild Start(params string[] args)
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
        return new NemdChild(process, text);
    }

    /// <summary>Waits until the run folder's checkpoint is past <paramref name="step"/>; returns its step.</summary>
    public long WaitForCheckpointAfter(string dir, long step)
    {
        string path = Path.Combine(dir, RunFiles.Checkpoint);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Process.HasExited) Assert.Fail($"nemd exited ({Process.ExitCode}) before a checkpoint after step {step}:\n{Output}");
            if (File.Exists(path))
            {
                long s = RunFiles.ReadCheckpoint(path).Simulation.Step;
                if (s > step) return s;
            }
            Thread.Sleep(5);
        }
        throw new TimeoutException($"no checkpoint after step {step} within 60 s:\n{Output}");
    }

    /// <summary>Waits for the process to end (at most 90 s); returns its exit code.</summary>
    public int WaitForExit()
    {
        Assert.True(Process.WaitForExit(TimeSpan.FromSeconds(90)), $"nemd did not exit:\n{Output}");
        Process.WaitForExit(); // drains the output readers
        return Process.ExitCode;
    }
}
