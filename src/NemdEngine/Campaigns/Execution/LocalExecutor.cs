using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace NemdEngine.Campaigns.Execution;

/// <summary>What happened to one run an executor started.</summary>
public sealed record RunOutcome(SweepManifestRun Run, int ExitCode, string? Error);

/// <summary>
/// Runs a sweep's runs on this machine, each as a child `nemd run` in its own folder, at most
/// <c>jobs</c> at a time. Child processes (not threads) so that a run here behaves exactly as a
/// Slurm task: its own signals, exit code and folder lock. Each child gets an equal share of the
/// cores (DOTNET_PROCESSOR_COUNT), so the pool does not oversubscribe the machine. Children are
/// started in their own session (setsid), so a Ctrl-C in the terminal reaches only this process,
/// which passes one SIGTERM to each child: they checkpoint and exit 143, and stay resumable.
/// With several devices (one per slot, e.g. cuda:0, cuda:1), each run started from its deck takes a
/// free one; a resumed run continues on the device its checkpoint names.
/// </summary>
public sealed partial class LocalExecutor(NemdCommand nemd, IReadOnlyList<string?> slotDevices, Action<string>? report = null)
{
    /// <summary><paramref name="jobs"/> slots, all on <paramref name="device"/> (null: nemd's default).</summary>
    public LocalExecutor(NemdCommand nemd, int jobs, string? device, Action<string>? report = null)
        : this(nemd, Enumerable.Repeat(device, Math.Max(1, jobs)).ToList(), report) { }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private const int SigTerm = 15;
    private readonly Lock gate = new();
    private readonly List<Process> children = [];
    private bool stopping;

    /// <summary>Concurrent runs when not told: one per core.</summary>
    public static int DefaultJobs => Environment.ProcessorCount;

    /// <summary>Stops starting runs and sends SIGTERM once to every running child (they checkpoint and exit 143).</summary>
    public void Stop()
    {
        lock (gate)
        {
            if (stopping) return;
            stopping = true;
            foreach (var child in children)
                try { if (!child.HasExited) Kill(child.Id, SigTerm); }
                catch (InvalidOperationException) { }
        }
    }

    /// <summary>Runs each of <paramref name="work"/> to its end (or until <see cref="Stop"/>); returns what each ended with.</summary>
    public IReadOnlyList<RunOutcome> Run(SweepFolder sweep, IReadOnlyList<(SweepManifestRun Run, RunAction Action)> work)
    {
        var outcomes = new List<RunOutcome>();
        int jobs = slotDevices.Count;
        int threadsPerRun = Math.Max(1, Environment.ProcessorCount / Math.Max(1, Math.Min(jobs, work.Count)));
        // One token per slot, carrying its device: a run holds it while it runs.
        using var slots = new System.Collections.Concurrent.BlockingCollection<string?>();
        foreach (var d in slotDevices) slots.Add(d);
        var tasks = new List<Task>();
        foreach (var (run, action) in work)
        {
            string? device = slots.Take();
            lock (gate) if (stopping) { slots.Add(device); break; }
            tasks.Add(Task.Run(() =>
            {
                try
                {
                    var outcome = RunOne(sweep, run, action, threadsPerRun, device);
                    lock (outcomes) outcomes.Add(outcome);
                }
                finally { slots.Add(device); }
            }));
        }
        Task.WaitAll(tasks);
        return outcomes.OrderBy(o => o.Run.Folder, StringComparer.Ordinal).ToList();
    }

    private RunOutcome RunOne(SweepFolder sweep, SweepManifestRun run, RunAction action, int threads, string? device)
    {
        string dir = sweep.PathOf(run);
        var args = NemdCommand.RunArguments(action, dir, device);
        // setsid: the child leads its own session, out of reach of the terminal's Ctrl-C (this process forwards it once).
        bool session = File.Exists("/usr/bin/setsid");
        var start = new ProcessStartInfo(session ? "/usr/bin/setsid" : nemd.Program)
        {
            WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (session) start.ArgumentList.Add(nemd.Program);
        foreach (var a in nemd.Prefix.Concat(args)) start.ArgumentList.Add(a);
        start.Environment["DOTNET_PROCESSOR_COUNT"] = threads.ToString(CultureInfo.InvariantCulture);
        report?.Invoke($"{run.Folder}: {(action == RunAction.Resume ? "resuming" : "starting")} ({string.Join(' ', args)})");
        Process process;
        lock (gate)
        {
            if (stopping) return new RunOutcome(run, -1, "not started: the sweep was stopped");
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {nemd.Program}");
            children.Add(process);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            string err = stderr.Result;
            File.AppendAllText(Path.Combine(dir, TaskRecord.StdoutFile), stdout.Result);
            File.AppendAllText(Path.Combine(dir, TaskRecord.StderrFile), err);
            lock (gate) children.Remove(process);
            var outcome = new RunOutcome(run, process.ExitCode, TaskRecord.LastError(err));
            new TaskRecord(outcome.ExitCode, outcome.Error, "local", null, TaskRecord.Now()).Write(dir);
            report?.Invoke($"{run.Folder}: {TaskRecord.Meaning(outcome.ExitCode)}{(outcome.Error is null ? "" : ": " + outcome.Error)}");
            return outcome;
        }
    }
}
