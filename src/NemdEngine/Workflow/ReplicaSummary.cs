using System.Globalization;
using System.Text.Json.Nodes;
using NemdEngine.Analysis;
using NemdEngine.Campaigns.Collect;
using NemdEngine.IO;
using NemdEngine.Model;

namespace NemdEngine.Workflow;

/// <summary>A quantity of the replica table: its short name, how to read it from a result, and its published unit (metal decks).</summary>
public sealed record ReplicaQuantity(string Name, Func<KapitzaResult, Measured> Of, Func<PublishedUnits, PublishedUnit>? Published)
{
    public static readonly IReadOnlyList<ReplicaQuantity> All =
    [
        new("R_K", r => r.KapitzaResistance, p => p.Resistance),
        new("G", r => r.Conductance, p => p.Conductance),
        new("dT", r => r.DeltaT, null),
        new("J", r => r.HeatFlux, p => p.HeatFlux),
        new("k_A", r => r.ConductivityA, p => p.Conductivity),
        new("k_B", r => r.ConductivityB, p => p.Conductivity),
    ];

    /// <summary>The quantity called <paramref name="name"/> ("R_K", "J", ...).</summary>
    public static ReplicaQuantity Named(string name) => All.Single(q => q.Name == name);

    /// <summary>The quantity of <paramref name="r"/> in its published unit when the units have one, else in engine units.</summary>
    public Measured Shown(KapitzaResult r) => Published is { } unit && r.Units.Published is { } p ? Of(r).In(unit(p)) : Of(r);
}

/// <summary>One replica of a batch: its folder name, seed, and its result (null when its analysis failed, with the reason).</summary>
public sealed record ReplicaRow(int Replica, string Folder, ulong Seed, KapitzaResult? Result, string? Failure);

/// <summary>
/// The replicas of `nemd run --replicas N` pooled: per quantity the mean over replicas, the standard
/// error from their scatter, and the mean of their own block errors beside it (flagged when the
/// two disagree by more than a factor 2, as `nemd collect` does for seeds).
/// </summary>
public sealed record ReplicaSummary(IReadOnlyList<ReplicaRow> Rows, IReadOnlyDictionary<string, PooledQuantity> Pooled)
{
    public static ReplicaSummary Of(IReadOnlyList<ReplicaRow> rows)
    {
        var done = rows.Where(r => r.Result is not null).Select(r => r.Result!).ToList();
        var pooled = ReplicaQuantity.All.ToDictionary(q => q.Name, q =>
        {
            var shown = done.Select(q.Shown).ToList();
            return PooledQuantity.Pool(shown.Select(m => (m.Value, m.StdErr)), shown.FirstOrDefault()?.Unit ?? "");
        });
        return new ReplicaSummary(rows, pooled);
    }

    public void Write(string directory)
    {
        AtomicFile.WriteText(Path.Combine(directory, RunOutputs.ReplicasJson), ToJson().ToJsonString(SweepTable.Indented) + "\n");
        AtomicFile.WriteText(Path.Combine(directory, RunOutputs.ReplicasCsv), ToCsv());
    }

    public JsonObject ToJson() => new()
    {
        ["replicas"] = Rows.Count,
        ["replicas_analysed"] = Rows.Count(r => r.Result is not null),
        ["disagreement_factor"] = PooledQuantity.DisagreementFactor,
        ["pooled"] = new JsonObject(ReplicaQuantity.All.Select(q =>
        {
            var p = Pooled[q.Name];
            return KeyValuePair.Create(q.Name, (JsonNode?)new JsonObject
            {
                ["value"] = SweepTable.JsonNumber(p.Mean),
                ["stderr"] = SweepTable.JsonNumber(p.StdErr),
                ["stderr_replicas"] = SweepTable.JsonNumber(p.SeedStdErr),
                ["stderr_blocks"] = SweepTable.JsonNumber(p.BlockStdErr),
                ["errors_disagree"] = p.ErrorsDisagree,
                ["unit"] = p.Unit,
            });
        })),
        ["runs"] = new JsonArray(Rows.Select(row => (JsonNode)new JsonObject
        {
            ["replica"] = row.Replica,
            ["folder"] = row.Folder,
            ["seed"] = row.Seed,
            ["steady"] = row.Result?.SteadyState.Steady,
            ["failure"] = row.Failure,
            ["quantities"] = row.Result is { } r
                ? new JsonObject(ReplicaQuantity.All.Select(q =>
                {
                    var m = q.Shown(r);
                    return KeyValuePair.Create(q.Name, (JsonNode?)new JsonObject { ["value"] = SweepTable.JsonNumber(m.Value), ["stderr"] = SweepTable.JsonNumber(m.StdErr), ["unit"] = m.Unit });
                }))
                : null,
        }).ToArray()),
    };

    /// <summary>One line per replica, then a "pooled" line: value and error of each quantity, with units.</summary>
    public string ToCsv()
    {
        var header = new List<string> { "replica", "folder", "seed", "steady" };
        foreach (var q in ReplicaQuantity.All) header.AddRange([q.Name, $"{q.Name}_stderr", $"{q.Name}_unit"]);
        header.AddRange(ReplicaQuantity.All.Select(q => $"{q.Name}_stderr_blocks"));
        var lines = new List<string> { string.Join(',', header) };
        foreach (var row in Rows)
        {
            var cells = new List<string> { Inv(row.Replica), SweepTable.CsvText(row.Folder), row.Seed.ToString(CultureInfo.InvariantCulture), row.Result is { } r0 ? (r0.SteadyState.Steady ? "1" : "0") : "" };
            foreach (var q in ReplicaQuantity.All)
            {
                var m = row.Result is { } r ? q.Shown(r) : null;
                cells.AddRange([SweepTable.Num(m?.Value), SweepTable.Num(m?.StdErr), SweepTable.CsvText(m?.Unit ?? "")]);
            }
            cells.AddRange(ReplicaQuantity.All.Select(_ => ""));
            lines.Add(string.Join(',', cells));
        }
        var pooled = new List<string> { "pooled", "", "", "" };
        foreach (var q in ReplicaQuantity.All)
        {
            var p = Pooled[q.Name];
            pooled.AddRange([SweepTable.Num(p.Mean), SweepTable.Num(p.StdErr), SweepTable.CsvText(p.Unit)]);
        }
        pooled.AddRange(ReplicaQuantity.All.Select(q => SweepTable.Num(Pooled[q.Name].BlockStdErr)));
        lines.Add(string.Join(',', pooled));
        return string.Join('\n', lines) + "\n";
    }

    private static string Inv(int x) => x.ToString(CultureInfo.InvariantCulture);
}
