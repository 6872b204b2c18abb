using System.Text.Json;
using System.Text.Json.Nodes;
using NemdEngine.Campaigns.Execution;
using NemdEngine.Input;
using NemdEngine.IO;

namespace NemdEngine.Campaigns.Collect;

/// <summary>A quantity the table reports: its short name, its key in results.json, and words.</summary>
public sealed record TableQuantity(string Name, string ResultsKey, string Description)
{
    public static readonly IReadOnlyList<TableQuantity> All =
    [
        new("R_K", "kapitza_resistance", "Kapitza resistance"),
        new("G", "conductance", "interface conductance"),
        new("dT", "delta_T", "temperature jump at the interface"),
        new("J", "heat_flux", "heat flux"),
        new("k_A", "conductivity_A", "thermal conductivity of side A"),
        new("k_B", "conductivity_B", "thermal conductivity of side B"),
    ];

    /// <summary>
    /// This quantity pooled over runs' results.json. Metal decks' runs carry it in the unit papers
    /// use too (the "published" block): it is pooled in that unit when every run has it.
    /// </summary>
    public PooledQuantity Pool(IReadOnlyList<JsonNode> results)
    {
        bool published = results.Count > 0 && results.All(j => j["published"]?[ResultsKey] is not null);
        var shown = results.Select(j => published ? j["published"]![ResultsKey] : j[ResultsKey]).ToList();
        string unit = shown.Select(x => x?["unit"]?.GetValue<string>()).FirstOrDefault(u => u is not null) ?? "";
        return PooledQuantity.Pool(shown.Select(x => (Number(x?["value"]), Number(x?["stderr"]))), unit);
    }

    private static double Number(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) ? d : double.NaN;
}

/// <summary>
/// The lengths of a point's system along z (length unit): between the reservoirs (L, what the heat
/// crosses) and of each side's conducting part (L_A from the hot reservoir to the interface, L_B from
/// the interface to the cold reservoir). The size extrapolation fits against their inverses.
/// </summary>
public sealed record SystemLengths(double L, double LA, double LB, string Unit)
{
    /// <summary>From a deck: its built bilayer's layout, or its [structure] regions.</summary>
    public static SystemLengths Of(Deck deck)
    {
        string unit = Model.UnitSystem.FromName(deck.Units).Length;
        if (deck.Structure is { } s) return new SystemLengths(s.Cold.Low - s.Hot.High, s.InterfaceZ - s.Hot.High, s.Cold.Low - s.InterfaceZ, unit);
        var layout = Lattice.BilayerBuilder.Layout(deck);
        return new SystemLengths(layout.ColdReservoirBottom - layout.HotReservoirTop, layout.InterfaceZ - layout.HotReservoirTop, layout.ColdReservoirBottom - layout.InterfaceZ, unit);
    }
}

/// <summary>One row of the table: a point, its settings, its lengths, and each quantity pooled over its finished runs.</summary>
public sealed record PointRow(SweepManifestPoint Point, int Runs, int RunsDone, SystemLengths? Lengths, IReadOnlyDictionary<string, PooledQuantity> Quantities);

/// <summary>Builds the table of a sweep folder from its runs' results.json (runs not done are counted, not pooled).</summary>
public static class SweepTable
{
    public static IReadOnlyList<PointRow> Build(SweepFolder sweep)
    {
        var rows = new List<PointRow>();
        foreach (var point in sweep.Points)
        {
            var done = point.Runs.Where(r => RunStatusReader.Read(sweep, r).State == RunState.Done)
                .Select(r => JsonNode.Parse(File.ReadAllText(Path.Combine(sweep.PathOf(r), RunOutputs.Results)))!).ToList();
            var quantities = TableQuantity.All.ToDictionary(q => q.Name, q => q.Pool(done));
            SystemLengths? lengths = null;
            try { lengths = SystemLengths.Of(DeckReader.ReadFile(Path.Combine(sweep.PathOf(point.Runs[0]), SweepPlan.DeckFile))); }
            catch (Exception e) when (e is DeckException or IOException or ArgumentException) { }
            rows.Add(new PointRow(point, point.Runs.Count, done.Count, lengths, quantities));
        }
        return rows;
    }

    /// <summary>The table as CSV: point, each axis, runs, lengths, then per quantity value, seed error, block error, disagreement flag, unit.</summary>
    public static string Csv(SweepFolder sweep, IReadOnlyList<PointRow> rows)
    {
        var header = new List<string> { "point" };
        header.AddRange(sweep.AxisLabels);
        header.AddRange(["runs", "runs_done", "L", "L_A", "L_B", "length_unit"]);
        foreach (var q in TableQuantity.All) header.AddRange([q.Name, $"{q.Name}_stderr_seeds", $"{q.Name}_stderr_blocks", $"{q.Name}_errors_disagree", $"{q.Name}_unit"]);
        var lines = new List<string> { string.Join(',', header.Select(CsvText)) };
        foreach (var row in rows)
        {
            var cells = new List<string> { row.Point.Id };
            cells.AddRange(row.Point.Settings.Select(s => CsvText(s is JsonArray a ? string.Join(' ', a.Select(x => x?.ToJsonString())) : s is JsonValue v && v.TryGetValue(out string? str) ? str : s?.ToJsonString() ?? "")));
            cells.AddRange([Inv(row.Runs), Inv(row.RunsDone), Num(row.Lengths?.L), Num(row.Lengths?.LA), Num(row.Lengths?.LB), CsvText(row.Lengths?.Unit ?? "")]);
            foreach (var q in TableQuantity.All)
            {
                var p = row.Quantities[q.Name];
                cells.AddRange([Num(p.Mean), Num(p.SeedStdErr), Num(p.BlockStdErr), p.ErrorsDisagree ? "1" : "0", CsvText(p.Unit)]);
            }
            lines.Add(string.Join(',', cells));
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The table as JSON: the axes, then per point its settings, lengths and each quantity with both errors and the flag.</summary>
    public static JsonObject Json(SweepFolder sweep, IReadOnlyList<PointRow> rows) => new()
    {
        ["sweep"] = sweep.Directory,
        ["axes"] = new JsonArray(sweep.AxisLabels.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
        ["disagreement_factor"] = PooledQuantity.DisagreementFactor,
        ["points"] = new JsonArray(rows.Select(row => (JsonNode)new JsonObject
        {
            ["point"] = row.Point.Id,
            ["settings"] = new JsonObject(sweep.AxisLabels.Zip(row.Point.Settings).Select(p => KeyValuePair.Create(p.First, p.Second?.DeepClone()))),
            ["runs"] = row.Runs,
            ["runs_done"] = row.RunsDone,
            ["lengths"] = row.Lengths is { } l ? new JsonObject { ["L"] = l.L, ["L_A"] = l.LA, ["L_B"] = l.LB, ["unit"] = l.Unit } : null,
            ["quantities"] = new JsonObject(TableQuantity.All.Select(q =>
            {
                var p = row.Quantities[q.Name];
                return KeyValuePair.Create(q.Name, (JsonNode?)new JsonObject
                {
                    ["value"] = JsonNumber(p.Mean),
                    ["stderr"] = JsonNumber(p.StdErr),
                    ["stderr_seeds"] = JsonNumber(p.SeedStdErr),
                    ["stderr_blocks"] = JsonNumber(p.BlockStdErr),
                    ["errors_disagree"] = p.ErrorsDisagree,
                    ["runs"] = p.Runs,
                    ["unit"] = p.Unit,
                });
            })),
        }).ToArray()),
    };

    internal static JsonNode? JsonNumber(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
    internal static string Num(double? x) => x is double d && double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "";
    private static string Inv(int x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string CsvText(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    internal static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
