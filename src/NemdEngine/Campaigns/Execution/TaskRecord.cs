using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NemdEngine.IO;

namespace NemdEngine.Campaigns.Execution;

/// <summary>
/// `task.json` in a run folder: how the executor's last `nemd run` there ended (exit code, its
/// `error:` line, which executor, when). Written by the local executor after the process exits and
/// by the Slurm task script; `nemd sweep status` reads it for the reason of a failure. nemd's own
/// run files never include it, so `--overwrite` leaves it; a newer attempt replaces it.
/// </summary>
public sealed record TaskRecord(int ExitCode, string? Error, string Executor, string? Job, string FinishedUtc)
{
    public const string FileName = "task.json";
    /// <summary>What the task wrote on stderr (appended over attempts), beside the run's own nemd.log.</summary>
    public const string StderrFile = "nemd.err";
    /// <summary>What the task wrote on stdout (appended over attempts).</summary>
    public const string StdoutFile = "nemd.out";

    public static TaskRecord? Read(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!;
            return new TaskRecord(json["exit_code"]!.GetValue<int>(), json["error"]?.GetValue<string>(), json["executor"]?.GetValue<string>() ?? "?",
                json["job"]?.GetValue<string>(), json["finished_utc"]?.GetValue<string>() ?? "");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or IOException or FormatException)
        {
            return new TaskRecord(-1, $"{path} is unreadable: {e.Message}", "?", null, "");
        }
    }

    public void Write(string runDirectory) => AtomicFile.WriteText(Path.Combine(runDirectory, FileName), new JsonObject
    {
        ["exit_code"] = ExitCode,
        ["error"] = Error,
        ["executor"] = Executor,
        ["job"] = Job,
        ["finished_utc"] = FinishedUtc,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The last `error: ` line of a task's stderr (without the prefix), or null.</summary>
    public static string? LastError(string stderr) =>
        stderr.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal))?["error: ".Length..];

    /// <summary>What an exit code of `nemd run` means, in words.</summary>
    public static string Meaning(int code) => code switch
    {
        0 => "finished",
        2 => "bad input (exit 2)",
        3 => "the run failed (exit 3)",
        130 => "stopped by SIGINT (exit 130)",
        143 => "stopped by SIGTERM: time limit, preemption or scancel (exit 143)",
        137 => "killed by SIGKILL (exit 137)",
        -1 => "no exit code",
        _ => $"exit {code}",
    };

    /// <summary>Exit codes after which the run can continue from its checkpoint (stopped, not failed).</summary>
    public static bool Stopped(int code) => code is 130 or 143 or 137;
}
