using System.Text.Json.Nodes;
using NemdEngine.IO;

namespace NemdEngine.Tests.Workflow;

/// <summary>results.json of a run folder as text, without what depends on the wall clock.</summary>
public static class ResultsJson
{
    /// <summary>
    /// Drops wall time, throughput and the time-to-answer timings (a resumed run also restarts the
    /// answer clock); keeps the target and the final relative error, which the physics fixes.
    /// </summary>
    public static string WithoutWallClock(string runDirectory)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(runDirectory, RunOutputs.Results)))!.AsObject();
        json.Remove("wall_seconds");
        json.Remove("atom_steps_per_second");
        if (json["time_to_answer"] is JsonObject answer)
            foreach (string key in new[] { "reached", "wall_seconds", "step", "projected_wall_seconds" })
                answer.Remove(key);
        return json.ToJsonString();
    }
}
