using System.Text.Json.Nodes;
using NemdEngine.Analysis;

namespace NemdEngine.IO.Spectral;

/// <summary>The "spectral" block of results.json: the sum rule (∫ q df against J·A), the resolution, the segments and the sampled atoms.</summary>
public static class SpectralJson
{
    public static JsonObject ToJson(SpectralResult r)
    {
        var u = r.Units;
        JsonNode? Number(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
        JsonObject Exact(double x, string unit) => new() { ["value"] = Number(x), ["unit"] = unit };
        JsonObject Quantity(Measured m) => new() { ["value"] = Number(m.Value), ["stderr"] = Number(m.StdErr), ["unit"] = m.Unit };
        return new JsonObject
        {
            ["integrated_power"] = Quantity(r.IntegratedPower),
            ["bath_power"] = Quantity(r.BathPower),
            ["relative_difference"] = Exact(r.RelativeDifference, "1"),
            ["difference_in_standard_errors"] = Exact(r.Sigmas, "1"),
            ["integrated_conductance"] = Exact(r.IntegratedConductance, u.Conductance),
            ["resolution"] = Exact(r.Plan.Resolution, $"1/{u.Time}"),
            ["nyquist_frequency"] = Exact(r.Plan.Nyquist, $"1/{u.Time}"),
            ["segments"] = r.Segments,
            ["segment_samples"] = r.Plan.SegmentSamples,
            ["sample_interval"] = r.Plan.SampleInterval,
            ["window"] = "Hann, half overlap",
            ["thickness"] = Exact(r.Plan.Thickness, u.Length),
            ["atoms_A"] = r.AtomsA,
            ["atoms_B"] = r.AtomsB,
            ["delta_T"] = Exact(r.DeltaT, u.Temperature),
            ["files"] = new JsonArray(SpectralCsvWriter.Spectral, SpectralPlot.Spectral, SpectralPlot.SpectralSvg, SpectralCsvWriter.Vdos, SpectralPlot.Vdos, SpectralPlot.VdosSvg),
        };
    }
}
