using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using NemdEngine.Campaigns;
using NemdEngine.Campaigns.Execution;
using NemdEngine.Input;

namespace NemdEngine.Cli;

/// <summary>
/// `nemd sweep SWEEP.toml [--out DIR] [--executor local|slurm|none]`: expands a sweep into one run
/// folder per point and seed (every deck validated first), then runs them; `nemd sweep status DIR`
/// and `nemd sweep resume DIR`.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var fileArg = new Argument<string>("SWEEP") { Description = "Sweep file (TOML): a base deck, axes over its keys, replicas; see README \"Sweeps\"" };
        var outOpt = new Option<string?>("--out") { HelpName = "DIR", Description = "Sweep folder (overrides the sweep file's `directory`; default sweeps/NAME)" };
        var command = new Command("sweep", "Expand a parameter sweep into run folders and run them (local pool or a Slurm job array)") { fileArg, outOpt };
        var run = new ExecutionOptions(command);
        command.SetAction(parse => Execute(parse.GetValue(fileArg)!, parse.GetValue(outOpt), run.Read(parse)));

        var statusDir = new Argument<string>("DIR") { Description = "Sweep folder" };
        var status = new Command("status", "Show each run of a sweep as pending, running, done or failed (with the reason)") { statusDir };
        status.SetAction(parse => Status(parse.GetValue(statusDir)!));
        command.Subcommands.Add(status);

        var resumeDir = new Argument<string>("DIR") { Description = "Sweep folder" };
        var retryOpt = new Option<bool>("--retry-failed") { Description = "Also rerun runs that failed (exit 2 or 3), from their decks" };
        var resume = new Command("resume", "Run what a sweep has left: stopped runs from their checkpoints (--resume), pending ones from their decks") { resumeDir, retryOpt };
        var resumeRun = new ExecutionOptions(resume);
        resume.SetAction(parse => Resume(parse.GetValue(resumeDir)!, parse.GetValue(retryOpt), resumeRun.Read(parse)));
        command.Subcommands.Add(resume);
        return command;
    }

    /// <summary>How to run: the executor and its options.</summary>
    public sealed record Execution(string Executor, int? Jobs, string? Device, SlurmOptions Slurm, string? Nemd);

    private sealed class ExecutionOptions
    {
        private readonly Option<string> executor = new("--executor") { Description = "local: a pool of nemd processes on this machine; slurm: one sbatch --array job; none: only lay out the folders", DefaultValueFactory = _ => "local" };
        private readonly Option<int?> jobs = new("--jobs")
        {
            HelpName = "N", Description = "local: runs at a time (default: one per core; each run gets cores/N threads)",
            CustomParser = NemdCli.Parser<int?>("--jobs", "a whole number of runs at a time, at least 1", t => NemdCli.SmallWholeNumber(t) is (true, int v) && v >= 1 ? (true, v) : (false, null)),
        };
        private readonly Option<string?> device = new("--device") { Description = "Device of every run (as for nemd run)" };
        private readonly Option<string?> partition = new("--partition") { Description = "slurm: partition (overrides [slurm] partition)" };
        private readonly Option<string?> time = new("--time") { Description = "slurm: time limit per task, e.g. 02:00:00 (overrides [slurm] time)" };
        private readonly Option<string?> account = new("--account") { Description = "slurm: account (overrides [slurm] account)" };
        private readonly Option<int?> cpus = new("--cpus-per-task")
        {
            HelpName = "N", Description = "slurm: cores per task (overrides [slurm] cpus_per_task; default Slurm's, 1)",
            CustomParser = NemdCli.Parser<int?>("--cpus-per-task", "a whole number of cores, at least 1", t => NemdCli.SmallWholeNumber(t) is (true, int v) && v >= 1 ? (true, v) : (false, null)),
        };
        private readonly Option<string?> nemd = new("--nemd") { HelpName = "PATH", Description = $"The nemd binary (or nemd.dll) runs start with (default: this one, or ${NemdCommand.Variable}); on a cluster it must exist at this path on every node" };

        public ExecutionOptions(Command command)
        {
            foreach (var option in new Option[] { executor, jobs, device, partition, time, account, cpus, nemd }) command.Options.Add(option);
        }

        public Execution Read(ParseResult parse) => new(parse.GetValue(executor)!, parse.GetValue(jobs), parse.GetValue(device),
            new SlurmOptions(parse.GetValue(partition), parse.GetValue(time), parse.GetValue(account), parse.GetValue(cpus)), parse.GetValue(nemd));
    }

    private static int Execute(string file, string? outDir, Execution execution)
    {
        SweepFolder sweep;
        try
        {
            CheckExecutor(execution);
            var spec = SweepFileReader.Read(file);
            string dir = outDir ?? spec.Directory ?? Path.Combine("sweeps", Path.GetFileNameWithoutExtension(spec.File));
            if (string.IsNullOrWhiteSpace(dir)) throw new DeckException("--out: is empty; expected a folder path");
            var plan = SweepPlan.Expand(spec, dir);
            sweep = SweepFolder.Create(plan, dir);
            execution = execution with { Slurm = execution.Slurm.Over(spec.Slurm) };
            Console.WriteLine($"sweep {sweep.Directory}: {sweep.Points.Count} points × {spec.Replicas} seeds = {sweep.Runs.Count()} runs, every deck validated");
        }
        catch (Exception e) when (e is DeckException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }
        return RunPending(sweep, retryFailed: false, execution);
    }

    private static int Resume(string dir, bool retryFailed, Execution execution)
    {
        SweepFolder sweep;
        try
        {
            CheckExecutor(execution);
            sweep = SweepFolder.Open(dir);
            execution = execution with { Slurm = execution.Slurm.Over(sweep.Slurm) };
        }
        catch (Exception e) when (e is DeckException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }
        return RunPending(sweep, retryFailed, execution);
    }

    private static void CheckExecutor(Execution execution)
    {
        if (execution.Executor is not ("local" or "slurm" or "none"))
            throw new DeckException($"--executor: expected local, slurm or none, got '{DeckText.Clip(execution.Executor)}'");
        if (execution.Device is not null) NemdEngine.Backends.BackendFactory.Validate(execution.Device);
    }

    /// <summary>Runs (or submits) every run that is not done, running, or failed for good; nothing finished is touched.</summary>
    private static int RunPending(SweepFolder sweep, bool retryFailed, Execution execution)
    {
        var statuses = RunStatusReader.ReadAll(sweep, retryFailed);
        var work = statuses.Where(s => s.Retry is not null).Select(s => (s.Run, s.Retry!.Value)).ToList();
        int done = statuses.Count(s => s.State == RunState.Done), running = statuses.Count(s => s.State == RunState.Running);
        var failed = statuses.Where(s => s.State == RunState.Failed && s.Retry is null).ToList();
        Console.WriteLine($"{done} done, {running} running, {failed.Count} failed for good{(failed.Count > 0 && !retryFailed ? " (--retry-failed reruns them)" : "")}, {work.Count} to run");
        if (execution.Executor == "none" || work.Count == 0) return failed.Count > 0 ? RunCommand.ExitRunFailed : 0;

        NemdCommand nemd;
        try { nemd = execution.Nemd is not null ? NemdCommand.FromPath(execution.Nemd) : NemdCommand.Current(); }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine($"error: --nemd: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }
        if (execution.Executor == "slurm")
        {
            try
            {
                string job = new SlurmExecutor(nemd, execution.Slurm).Submit(sweep, work.Select(w => w.Run).ToList(), execution.Device);
                Console.WriteLine($"submitted job array {job} ({work.Count} tasks); follow it with: nemd sweep status {sweep.Directory}");
                return 0;
            }
            catch (DeckException e)
            {
                Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
                return RunCommand.ExitBadInput;
            }
        }

        var slots = Slots(execution);
        int jobs = slots.Count;
        var executor = new LocalExecutor(nemd, slots, Console.WriteLine);
        var stoppedBy = PosixSignal.SIGINT;
        bool stopped = false;
        void OnSignal(PosixSignalContext context)
        {
            if (stopped) return;
            context.Cancel = true;
            (stopped, stoppedBy) = (true, context.Signal);
            Console.Error.WriteLine($"stopping: SIGTERM sent to the running runs (they checkpoint); continue with: nemd sweep resume {sweep.Directory}");
            executor.Stop();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        Console.WriteLine($"running {work.Count} runs, {jobs.ToString(CultureInfo.InvariantCulture)} at a time");
        var outcomes = executor.Run(sweep, work);
        int bad = outcomes.Count(o => o.ExitCode != 0);
        if (stopped)
        {
            Console.Error.WriteLine($"error: stopped by {(stoppedBy == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT")}; continue with: nemd sweep resume {sweep.Directory}");
            return stoppedBy == PosixSignal.SIGTERM ? RunCommand.ExitTerminated : RunCommand.ExitInterrupted;
        }
        if (bad > 0 || failed.Count > 0)
        {
            Console.Error.WriteLine($"error: {bad + failed.Count} runs did not finish; see: nemd sweep status {sweep.Directory}");
            return RunCommand.ExitRunFailed;
        }
        Console.WriteLine($"all {statuses.Count} runs done; tabulate with: nemd collect {sweep.Directory}");
        return 0;
    }

    /// <summary>
    /// The local pool: --device cuda or opencl (no index) gives one slot per usable device of that
    /// kind (cuda:0, cuda:1, ...; --jobs caps it); otherwise --jobs slots (default one per core) on the device given.
    /// </summary>
    private static IReadOnlyList<string?> Slots(Execution execution)
    {
        string? kind = execution.Device?.Trim().ToLowerInvariant();
        if (kind is NemdEngine.Backends.DeviceCatalog.Cuda or NemdEngine.Backends.DeviceCatalog.OpenCl)
        {
            var devices = NemdEngine.Backends.DeviceCatalog.Discover().Where(d => d.Backend == kind && d.Usable).Select(d => (string?)d.Id).ToList();
            if (devices.Count > 0) return devices.Take(execution.Jobs ?? devices.Count).ToList();
        }
        return Enumerable.Repeat(execution.Device, execution.Jobs ?? LocalExecutor.DefaultJobs).ToList();
    }

    private static int Status(string dir)
    {
        SweepFolder sweep;
        try { sweep = SweepFolder.Open(dir); }
        catch (DeckException e)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }
        var statuses = RunStatusReader.ReadAll(sweep);
        var queued = SlurmQueue.Read(sweep);
        int width = statuses.Max(s => s.Run.Folder.Length);
        foreach (var s in statuses)
        {
            // A task Slurm still lists but whose nemd has not taken the folder: say so (queued, or starting).
            string slurm = s.State != RunState.Running && s.State != RunState.Done && queued.TryGetValue(sweep.PathOf(s.Run), out var task) ? $"Slurm task {task}" : "";
            string reason = string.Join("; ", new[] { slurm, s.Reason }.Where(x => x.Length > 0));
            Console.WriteLine($"{s.Run.Folder.PadRight(width)}  {s.State.ToString().ToLowerInvariant(),-8}{(reason.Length > 0 ? "  " + reason : "")}");
        }
        Console.WriteLine(string.Join(", ", Enum.GetValues<RunState>().Select(state => $"{statuses.Count(s => s.State == state)} {state.ToString().ToLowerInvariant()}")));
        return 0;
    }
}
