using System.Text.Json.Nodes;
using NemdEngine.IO;

namespace NemdEngine.Tests.Workflow;

/// <summary>results.json of a run folder as text, without what depends on the wall clock.</summary>
public static class ResultsJson
{
    /// <summary>
    /// Drops wall time, throughput and the wall times of time_to_answer; keeps whether and at which
    /// step the answer was reached, which the samples fix (a resumed run continues the clock). Also
    /// drops what names the invocation: the command line and the run folder in the deck as run.
    /// Drops the run id too: two runs of one deck in two folders are two runs.
    /// </summary>
    public static string WithoutWallClock(string runDirectory)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(runDirectory, RunOutputs.Results)))!.AsObject();
        json.Remove("wall_time");
        json.Remove("throughput");
        json.Remove("run_id");
        if (json["time_to_answer"] is JsonObject answer)
            foreach (string key in new[] { "wall_time", "projected_wall_time" })
                answer.Remove(key);
        (json["theory"] as JsonObject)?.Remove("wall_time");
        (json["provenance"] as JsonObject)?.Remove("command_line");
        (json["deck"]?["output"] as JsonObject)?.Remove("directory");
        return json.ToJsonString();
    }
}
