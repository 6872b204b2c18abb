using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NemdEngine.Input;

namespace NemdEngine.Campaigns.Execution;

/// <summary>
/// Submits a sweep's runs as one Slurm job array (`sbatch --array=0-(N-1)`). Task i reads line i of
/// a task list (one run folder per line), changes into that folder and runs `nemd run` there: from
/// its checkpoint (`--resume`) when one exists, else from its deck. The task script survives the
/// SIGTERM Slurm sends at the time limit or on preemption (it traps it and waits), so after nemd
/// checkpoints and exits 143 it still writes task.json; `nemd sweep resume` then submits what is
/// left. Everything lives in the sweep folder, which every node must see at the same path.
/// </summary>
public sealed class SlurmExecutor(NemdCommand nemd, SlurmOptions options, string sbatch = "sbatch")
{
    /// <summary>Folder (in the sweep folder) holding the task script, task lists, Slurm's output files and the job ids.</summary>
    public const string Folder = "slurm";
    public const string Script = "task.sh";
    public const string JobsFile = "jobs.txt";

    /// <summary>Submits the runs; returns the job id.</summary>
    /// <exception cref="DeckException">sbatch is missing or refuses the job (its message passed on): bad input.</exception>
    public string Submit(SweepFolder sweep, IReadOnlyList<SweepManifestRun> runs, string? device)
    {
        if (runs.Count == 0) throw new ArgumentException("nothing to submit");
        string dir = Path.Combine(sweep.Directory, Folder);
        Directory.CreateDirectory(dir);
        string script = Path.Combine(dir, Script);
        IO.AtomicFile.WriteText(script, TaskScript(device));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        string list = Path.Combine(dir, $"tasks-{stamp}.txt");
        IO.AtomicFile.WriteText(list, string.Concat(runs.Select(r => sweep.PathOf(r) + "\n")));

        var args = new List<string>
        {
            "--parsable", $"--array=0-{runs.Count - 1}", "--job-name=nemd-sweep",
            $"--output={Path.Combine(dir, "%A_%a.out")}", $"--chdir={sweep.Directory}",
        };
        if (options.Partition is { } p) args.Add($"--partition={p}");
        if (options.TimeLimit is { } t) args.Add($"--time={t}");
        if (options.Account is { } a) args.Add($"--account={a}");
        if (options.CpusPerTask is int c) args.Add($"--cpus-per-task={c.ToString(CultureInfo.InvariantCulture)}");
        args.Add(script);
        args.Add(list);

        var start = new ProcessStartInfo(sbatch) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try { process = Process.Start(start) ?? throw new Win32Exception(); }
        catch (Win32Exception e)
        {
            throw new DeckException($"--executor slurm: cannot run {sbatch}: {e.Message} (is Slurm installed, and sbatch on PATH?)");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new DeckException($"--executor slurm: {sbatch} did not answer within 2 minutes (is slurmctld running?)");
            }
            process.WaitForExit();
            string err = string.Join(' ', stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (process.ExitCode != 0)
                throw new DeckException($"--executor slurm: sbatch refused the job array (exit {process.ExitCode}): {Truncate(err.Length > 0 ? err : stdout.Result.Trim())}");
            string jobId = stdout.Result.Trim().Split(';')[0];
            File.AppendAllText(Path.Combine(dir, JobsFile), $"{jobId} {Path.GetFileName(list)} {runs.Count}\n");
            return jobId;
        }
    }

    /// <summary>sbatch's own message, on one line, whole unless it is very long.</summary>
    private static string Truncate(string message) => message.Length <= 500 ? message : message[..499] + "…";

    /// <summary>The task script: one run folder per array task.</summary>
    public string TaskScript(string? device)
    {
        string deviceArgs = device is null ? "" : $" --device {NemdCommand.Quote(device)}";
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append("# One task of a `nemd sweep` Slurm job array, written by nemd. $1: the task list (one run folder per line).\n");
        s.Append("folder=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \"$1\")\n");
        s.Append("cd \"$folder\" || exit 2\n");
        s.Append("# Slurm sends SIGTERM to every process of the task at its time limit, on preemption or scancel: nemd\n");
        s.Append("# checkpoints and exits 143. This shell traps it so that it waits for nemd and records how it ended.\n");
        s.Append("trap 'true' TERM INT\n");
        s.Append("# The cpu device's threads: the cores Slurm gave the task, not the node's.\n");
        s.Append("cores=${SLURM_CPUS_PER_TASK:-${SLURM_CPUS_ON_NODE:-}}\n");
        s.Append("[ -n \"$cores\" ] && export DOTNET_PROCESSOR_COUNT=$cores\n");
        s.Append("# A run already finished (results.json of the folder's own run) is never rerun.\n");
        s.Append("id() { grep -o '\"run_id\": *\"[^\"]*\"' \"$1\" 2>/dev/null | head -n 1 | sed 's/.*\"\\([^\"]*\\)\"$/\\1/'; }\n");
        s.Append("if [ -f results.json ] && [ -n \"$(id run.json)\" ] && [ \"$(id run.json)\" = \"$(id results.json)\" ]; then echo \"$folder: already done\"; exit 0; fi\n");
        s.Append("if [ -f checkpoint.bin ]; then args=(run --resume .)\n");
        s.Append($"elif [ -f run.json ]; then args=(run deck.toml --overwrite{deviceArgs})\n");
        s.Append($"else args=(run deck.toml{deviceArgs}); fi\n");
        s.Append("err=$(mktemp)\n");
        s.Append($"{nemd.ShellWords()} \"${{args[@]}}\" >> {TaskRecord.StdoutFile} 2> \"$err\"\n");
        s.Append("code=$?\n");
        s.Append($"cat \"$err\" >> {TaskRecord.StderrFile}\n");
        s.Append("line=$(grep '^error: ' \"$err\" | tail -n 1 | cut -c 8- | sed -e 's/\\\\/\\\\\\\\/g' -e 's/\"/\\\\\"/g')\n");
        s.Append("rm -f \"$err\"\n");
        s.Append("if [ -n \"$line\" ]; then error=\"\\\"$line\\\"\"; else error=null; fi\n");
        s.Append($"printf '{{\"exit_code\": %d, \"error\": %s, \"executor\": \"slurm\", \"job\": \"%s\", \"finished_utc\": \"%s\"}}\\n' \"$code\" \"$error\" \"${{SLURM_ARRAY_JOB_ID}}_${{SLURM_ARRAY_TASK_ID}}\" \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" > {TaskRecord.FileName}.tmp && mv {TaskRecord.FileName}.tmp {TaskRecord.FileName}\n");
        s.Append("exit $code\n");
        return s.ToString();
    }
}
