using System.Text.Json;
using System.Text.Json.Nodes;
using NemdEngine.Analysis;

namespace NemdEngine.IO;

/// <summary>results.json: every reported quantity as {value, stderr, unit}, the fit windows and the run facts.</summary>
public static class ResultsJsonWriter
{
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
            ["flux_mismatch"] = Number(r.FluxMismatch),
            ["conductivity_A"] = Quantity(r.ConductivityA),
            ["conductivity_B"] = Quantity(r.ConductivityB),
            ["mean_temperature"] = Quantity(r.MeanTemperature),
            ["interface_temperature_A"] = Quantity(r.FitA.InterfaceTemperature),
            ["interface_temperature_B"] = Quantity(r.FitB.InterfaceTemperature),
            ["reservoir_temperature_hot"] = Quantity(r.HotReservoirTemperature),
            ["reservoir_temperature_cold"] = Quantity(r.ColdReservoirTemperature),
            ["fit"] = new JsonObject
            {
                ["interface_z"] = Number(r.InterfaceZ),
                ["margin_reservoir"] = Number(r.MarginReservoir),
                ["margin_interface"] = Number(r.MarginInterface),
                ["length_unit"] = u.Length,
                ["A"] = Side(r.FitA),
                ["B"] = Side(r.FitB),
            },
            ["blocks"] = r.Blocks,
            ["samples_per_block"] = r.SamplesPerBlock,
            ["production_time"] = Quantity(new Measured(r.ProductionTime, 0, u.Time)),
            ["steady_state"] = new JsonObject
            {
                ["heat_flux_first_half"] = Quantity(r.SteadyState.FirstHalf),
                ["heat_flux_second_half"] = Quantity(r.SteadyState.SecondHalf),
                ["steady"] = r.SteadyState.Steady,
            },
            ["run_id"] = info.RunId,
            ["atoms"] = info.Atoms,
            ["steps"] = info.Steps,
            ["wall_seconds"] = Number(info.WallSeconds),
            ["atom_steps_per_second"] = Number(info.AtomStepsPerSecond),
            ["device"] = info.Device,
            ["seed"] = info.Seed,
            ["units"] = u.Name,
            ["deck_path"] = info.DeckPath,
            ["deck"] = info.DeckText,
            ["time_to_answer"] = info.TimeToAnswer is { } t ? new JsonObject
            {
                ["target_relative_error"] = Number(t.Target),
                ["reached"] = t.Reached,
                ["wall_seconds"] = t.ReachedAtSeconds is double s ? Number(s) : null,
                ["step"] = t.ReachedAtStep,
                ["final_relative_error"] = Number(t.FinalRelativeError),
                ["projected_wall_seconds"] = t.ProjectedSeconds is double p ? Number(p) : null,
            } : null,
        };
    }

    public static void Write(string path, KapitzaResult result, RunInfo info) =>
        AtomicFile.WriteText(path, ToJson(result, info).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    private static JsonObject Side(SideFit s) => new()
    {
        ["z_min"] = Number(s.WindowLow),
        ["z_max"] = Number(s.WindowHigh),
        ["bins"] = s.Line.Points,
        ["slope"] = Quantity(s.Slope),
        ["intercept"] = Number(s.Line.Intercept),
        ["interface_temperature"] = Quantity(s.InterfaceTemperature),
    };

    private static JsonObject Quantity(Measured m) => new() { ["value"] = Number(m.Value), ["stderr"] = Number(m.StdErr), ["unit"] = m.Unit };

    // JSON has no NaN or infinity: an undefined number is written as null.
    private static JsonNode? Number(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
}
