using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NemdEngine.Analysis;

namespace NemdEngine.IO;

/// <summary>
/// results.json: every measured quantity as {value, stderr, unit}, every exact one as {value, unit}
/// (counts are plain integers), the fit windows, the error analysis, the steady-state check, the run
/// facts, the deck as run, and what produced the file (release, commit, command line).
/// </summary>
public static class ResultsJsonWriter
{
    // ε, σ, ± and quotes are written as they are (\" inside strings), not as \uXXXX escapes.
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions DeckNames = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static JsonObject ToJson(KapitzaResult r, RunInfo info)
    {
        var u = r.Units;
        return new JsonObject
        {
            ["kapitza_resistance"] = Quantity(r.KapitzaResistance),
            ["conductance"] = Quantity(r.Conductance),
            ["delta_T"] = Quantity(r.DeltaT),
            ["heat_flux"] = Quantity(r.HeatFlux),
            ["heat_flux_hot"] = Quantity(r.HeatFluxHot),
            ["heat_flux_cold"] = Quantity(r.HeatFluxCold),
            ["flux_mismatch"] = Exact(r.FluxMismatch, "1"),
            ["conductivity_A"] = Quantity(r.ConductivityA),
            ["conductivity_B"] = Quantity(r.ConductivityB),
            ["mean_temperature"] = Quantity(r.MeanTemperature),
            ["interface_temperature_A"] = Quantity(r.FitA.InterfaceTemperature),
            ["interface_temperature_B"] = Quantity(r.FitB.InterfaceTemperature),
            ["reservoir_temperature_hot"] = Quantity(r.HotReservoirTemperature),
            ["reservoir_temperature_cold"] = Quantity(r.ColdReservoirTemperature),
            // Metal units: the same numbers in the units papers use (m² K/GW, MW/(m² K), GW/m², W/(m K)).
            ["published"] = u.Published is { } published ? new JsonObject
            {
                ["kapitza_resistance"] = Quantity(r.KapitzaResistance.In(published.Resistance)),
                ["conductance"] = Quantity(r.Conductance.In(published.Conductance)),
                ["heat_flux"] = Quantity(r.HeatFlux.In(published.HeatFlux)),
                ["conductivity_A"] = Quantity(r.ConductivityA.In(published.Conductivity)),
                ["conductivity_B"] = Quantity(r.ConductivityB.In(published.Conductivity)),
            } : null,
            ["fit"] = new JsonObject
            {
                ["interface_z"] = Exact(r.InterfaceZ, u.Length),
                ["margin_reservoir"] = Exact(r.MarginReservoir, u.Length),
                ["margin_interface"] = Exact(r.MarginInterface, u.Length),
                ["A"] = Side(r.FitA, r),
                ["B"] = Side(r.FitB, r),
            },
            ["errors"] = Errors(r.Errors),
            ["steady_state"] = SteadyState(r.SteadyState),
            ["production_time"] = Exact(r.ProductionTime, u.Time),
            ["run_id"] = info.RunId,
            ["atoms"] = info.Atoms,
            ["steps"] = info.Steps,
            ["wall_time"] = Exact(info.WallSeconds, "s"),
            ["throughput"] = Exact(info.AtomStepsPerSecond, "atom-steps/s"),
            ["device"] = info.Device,
            ["seed"] = info.Seed,
            ["units"] = u.Name,
            ["time_to_answer"] = info.TimeToAnswer is { } t ? new JsonObject
            {
                ["target_relative_error"] = Exact(t.Target, "1"),
                ["reached"] = t.Reached,
                ["wall_time"] = t.ReachedAtSeconds is double s ? Exact(s, "s") : null,
                ["step"] = t.ReachedAtStep,
                ["final_relative_error"] = Exact(t.FinalRelativeError, "1"),
                ["projected_wall_time"] = t.ProjectedSeconds is double p ? Exact(p, "s") : null,
            } : null,
            ["provenance"] = new JsonObject
            {
                ["program"] = "NemdEngine",
                ["release"] = BuildInfo.Release,
                ["commit"] = BuildInfo.Commit,
                ["command_line"] = info.CommandLine,
                ["deck_path"] = info.DeckPath,
                ["deck_source"] = info.DeckText,
            },
            ["theory"] = info.Theory?.ToJson(),
            ["lattice"] = info.Deck?.Lattice is { } lattice ? Lattice(lattice, u) : null,
            ["deck"] = info.Deck is { } deck ? DeckAsRun(deck) : null,
        };
    }

    public static void Write(string path, KapitzaResult result, RunInfo info) =>
        AtomicFile.WriteText(path, ToJson(result, info).ToJsonString(Output));

    /// <summary>results.json with the spectral heat current's summary under "spectral" (<see cref="Spectral.SpectralJson"/>).</summary>
    public static void Write(string path, KapitzaResult result, RunInfo info, SpectralResult? spectral)
    {
        var json = ToJson(result, info);
        if (spectral is not null) json["spectral"] = Spectral.SpectralJson.ToJson(spectral);
        AtomicFile.WriteText(path, json.ToJsonString(Output));
    }

    /// <summary>The deck the run used (overrides applied), keys in the deck's snake_case; its source is in provenance.</summary>
    private static JsonNode DeckAsRun(Input.Deck deck)
    {
        var node = JsonSerializer.SerializeToNode(deck, DeckNames)!.AsObject();
        node.Remove("source_path");
        node.Remove("source_text");
        return node;
    }

    /// <summary>The common in-plane constant and each side's in-plane strain (a_in-plane / a_side − 1).</summary>
    private static JsonObject Lattice(Input.LatticeSpec l, Model.UnitSystem u) => new()
    {
        ["in_plane_constant"] = Exact(l.InPlaneValue, u.Length),
        ["constant_A"] = Exact(l.SideA.Constant, u.Length),
        ["constant_B"] = Exact(l.SideB.Constant, u.Length),
        ["in_plane_strain_A"] = Exact(l.InPlaneValue / l.SideA.Constant - 1, "1"),
        ["in_plane_strain_B"] = Exact(l.InPlaneValue / l.SideB.Constant - 1, "1"),
    };

    private static JsonObject Errors(ErrorEstimate e) => new()
    {
        ["samples"] = e.Samples,
        ["chosen_from_data"] = e.ChosenFromData,
        ["blocks"] = new JsonObject(e.Blocks.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["decorrelation"] = new JsonArray(e.Decorrelations.Select(d => (JsonNode)new JsonObject
        {
            ["quantity"] = d.Quantity,
            ["statistical_inefficiency"] = Exact(d.StatisticalInefficiency, "samples"),
            ["block_length"] = Exact(d.BlockLength, "samples"),
            ["plateau_found"] = d.Converged,
        }).ToArray()),
        ["warnings"] = Strings(e.Warnings),
    };

    private static JsonObject SteadyState(SteadyStateCheck s) => new()
    {
        ["steady"] = s.Steady,
        ["reasons"] = Strings(s.Reasons),
        ["tests"] = new JsonArray(s.Tests.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["passed"] = t.Passed,
            ["statistic"] = Number(t.Statistic),
            ["threshold"] = Number(t.Threshold),
            ["detail"] = t.Detail,
        }).ToArray()),
    };

    private static JsonObject Side(SideFit s, KapitzaResult r) => new()
    {
        ["z_min"] = Exact(s.WindowLow, r.Units.Length),
        ["z_max"] = Exact(s.WindowHigh, r.Units.Length),
        ["bins"] = s.Line.Points,
        ["slope"] = Quantity(s.Slope),
        ["intercept"] = Exact(s.Line.Intercept, r.Units.Temperature),
        ["interface_temperature"] = Quantity(s.InterfaceTemperature),
    };

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(w => (JsonNode)JsonValue.Create(w)).ToArray());

    private static JsonObject Quantity(Measured m) => new() { ["value"] = Number(m.Value), ["stderr"] = Number(m.StdErr), ["unit"] = m.Unit };

    /// <summary>An exact number (no error), with its unit ("1" for a pure number).</summary>
    private static JsonObject Exact(double value, string unit) => new() { ["value"] = Number(value), ["unit"] = unit };

    // JSON has no NaN or infinity: an undefined number is written as null.
    private static JsonNode? Number(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
}
