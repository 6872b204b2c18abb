using System.Text.Json.Nodes;
using NemdEngine.IO;

namespace NemdEngine.Campaigns.Execution;

/// <summary>Where a run of a sweep stands.</summary>
public enum RunState
{
    /// <summary>Not started (or queued).</summary>
    Pending,
    /// <summary>A nemd holds its folder (run.json is locked).</summary>
    Running,
    /// <summary>results.json of the folder's own run is there.</summary>
    Done,
    /// <summary>Started and ended without results: stopped (resumable from its checkpoint) or failed.</summary>
    Failed,
}

/// <summary>A run's state, why (for a failure), and how it would continue.</summary>
/// <param name="Resumable">It has a checkpoint and was stopped, not refused or failed: `nemd run --resume` continues it.</param>
/// <param name="Retry">What `nemd sweep resume` does with it: null (nothing: done, running, or failed for a reason a rerun would meet again).</param>
public sealed record RunStatus(SweepManifestRun Run, RunState State, string Reason, bool Resumable, RunAction? Retry, TaskRecord? Record);

/// <summary>How a run (re)starts: fresh from its deck (clearing a start that left no checkpoint), or from its checkpoint.</summary>
public enum RunAction { Start, Resume }

/// <summary>
/// Reads a run folder's state from its files only, so it works the same for every executor, on
/// any node of a cluster that sees the folder: run.json locked → running; results.json of the
/// folder's run → done; otherwise the executor's task.json, the checkpoint and run.json tell
/// pending from stopped from failed.
/// </summary>
public static class RunStatusReader
{
    public static RunStatus Read(SweepFolder sweep, SweepManifestRun run, bool retryFailed = false)
    {
        string dir = sweep.PathOf(run);
        string? runId;
        try { runId = RunFolder.ReadRunId(dir); }
        catch (RunFolderException e) when (e.Message.Contains("in use", StringComparison.Ordinal))
        {
            return new RunStatus(run, RunState.Running, "a nemd holds the folder", false, null, TaskRecord.Read(dir));
        }
        catch (RunFolderException e)
        {
            return new RunStatus(run, RunState.Failed, e.Message, false, null, TaskRecord.Read(dir));
        }
        var record = TaskRecord.Read(dir);
        bool checkpoint = File.Exists(Path.Combine(dir, RunFiles.Checkpoint));
        string results = Path.Combine(dir, RunOutputs.Results);
        if (runId is not null && File.Exists(results) && ReadResults(results) is { } json && json["run_id"]?.GetValue<string>() == runId)
            return new RunStatus(run, RunState.Done, Headline(json), false, null, record);
        if (runId is null && !checkpoint)
            return new RunStatus(run, RunState.Pending, record is null ? "" : $"last attempt: {TaskRecord.Meaning(record.ExitCode)}{(record.Error is null ? "" : ": " + record.Error)}", false, RunAction.Start, record);
        if (record is null)
            return new RunStatus(run, RunState.Failed,
                checkpoint ? "ended without a record (killed, or its node failed); resumable from its checkpoint" : "ended without a record and before its first checkpoint",
                checkpoint, checkpoint ? RunAction.Resume : RunAction.Start, record);
        string reason = TaskRecord.Meaning(record.ExitCode) + (record.Error is null ? "" : ": " + record.Error);
        if (TaskRecord.Stopped(record.ExitCode) || record.ExitCode == 0)
            return new RunStatus(run, RunState.Failed, reason + (checkpoint ? "; resumable from its checkpoint" : ""), checkpoint, checkpoint ? RunAction.Resume : RunAction.Start, record);
        // Refused or failed: a rerun meets the same deck again, so it is rerun only when asked.
        return new RunStatus(run, RunState.Failed, reason, false, retryFailed ? RunAction.Start : null, record);
    }

    public static IReadOnlyList<RunStatus> ReadAll(SweepFolder sweep, bool retryFailed = false) =>
        sweep.Runs.Select(r => Read(sweep, r, retryFailed)).ToList();

    private static JsonNode? ReadResults(string path)
    {
        try { return JsonNode.Parse(File.ReadAllText(path)); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or IOException) { return null; }
    }

    /// <summary>"R_K = 0.63 ± 0.59 unit", from results.json.</summary>
    private static string Headline(JsonNode results)
    {
        var q = results["kapitza_resistance"];
        if (q?["value"] is null) return "R_K undefined";
        double v = q["value"]!.GetValue<double>(), e = q["stderr"]?.GetValue<double>() ?? double.NaN;
        return $"R_K = {Analysis.Format.Value(v, e)} {q["unit"]?.GetValue<string>()}";
    }
}
