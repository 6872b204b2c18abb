using System.Diagnostics;

namespace NemdEngine.Campaigns.Execution;

/// <summary>
/// What Slurm says about a sweep's submitted tasks, for `nemd sweep status`: each run folder that
/// a job array still lists, with its task id and Slurm state (PENDING, RUNNING, ...). Read from the
/// sweep's slurm/jobs.txt (job id, task list), the task lists (line i = task i's folder) and
/// `squeue -h -r -o "%i %T"`. Without Slurm, or with nothing queued, it is empty.
/// </summary>
public static class SlurmQueue
{
    /// <summary>Run folder (full path) → "JOB_TASK STATE" for every task squeue lists.</summary>
    public static IReadOnlyDictionary<string, string> Read(SweepFolder sweep)
    {
        string dir = Path.Combine(sweep.Directory, SlurmExecutor.Folder);
        string jobsFile = Path.Combine(dir, SlurmExecutor.JobsFile);
        if (!File.Exists(jobsFile)) return new Dictionary<string, string>();
        var jobs = File.ReadAllLines(jobsFile).Select(l => l.Split(' ')).Where(p => p.Length >= 2).ToList();
        // One query per job: squeue refuses a list holding a job that has left the queue.
        var lines = new System.Text.StringBuilder();
        foreach (var job in jobs.Select(j => j[0]).Distinct())
        {
            try { lines.Append(Squeue(job)); }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException) { return new Dictionary<string, string>(); }
        }
        return Parse(jobs.Select(j => (j[0], ReadList(Path.Combine(dir, j[1])))), lines.ToString());
    }

    /// <summary>Matches squeue's lines ("JOB_TASK STATE") to the folders of each job's task list.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<(string Job, IReadOnlyList<string> Folders)> jobs, string squeueOutput)
    {
        var folders = jobs.ToDictionary(j => j.Job, j => j.Folders);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in squeueOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2) continue;
            var id = parts[0].Split('_');
            if (id.Length != 2 || !folders.TryGetValue(id[0], out var list) || !int.TryParse(id[1], out int task) || task < 0 || task >= list.Count) continue;
            result[Path.GetFullPath(list[task])] = $"{parts[0]} {parts[1]}";
        }
        return result;
    }

    private static IReadOnlyList<string> ReadList(string path) => File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToList() : [];

    /// <summary>squeue's lines for a job ("" when it fails, e.g. the job has left the queue).</summary>
    private static string Squeue(string job)
    {
        var start = new ProcessStartInfo("squeue") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-h", "-r", "-o", "%i %T", "-j", job }) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("squeue did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) { process.Kill(); return ""; }
        return process.ExitCode == 0 ? stdout.Result : "";
    }
}
