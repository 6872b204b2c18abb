using System.Text.Json.Nodes;
using NemdEngine.Input;
using NemdEngine.Model;
using Serilog;

namespace NemdEngine.Theory;

/// <summary>
/// What `nemd run` puts next to its NEMD result: each model's conductance per area at the run's mean
/// temperature (classical, quantum, and the classical one corrected to compare with NEMD), the sides'
/// radiation conductances, and the AGF transmission (written as agf-transmission.csv in the run folder,
/// for the overlay with the NEMD spectral conductance).
/// </summary>
public sealed class TheorySummary
{
    public const string AgfFile = TheoryFiles.AgfTransmission;

    public required TheoryResult Result { get; init; }

    /// <summary>
    /// The hook `nemd run` calls after its analysis: the models at <paramref name="temperature"/> with the
    /// quick settings (seconds; the AGF's cost does not grow with the deck's cross-section), or null with
    /// a logged reason when the deck has no built crystals or the computation fails: theory never fails a run.
    /// </summary>
    public static TheorySummary? ForRun(Deck deck, double temperature, string outputDirectory, ILogger log)
    {
        if (deck.Lattice is null || deck.Geometry is null)
        {
            log.Information("Phonon models skipped: the deck reads its atoms from [structure] (no crystals to build)");
            return null;
        }
        try
        {
            var result = InterfaceTheory.Compute(deck, temperature > 0 ? temperature : InterfaceTheory.DeckTemperature(deck), TheoryOptions.Quick);
            if (result.Agf is { } agf)
                IO.AtomicFile.WriteText(Path.Combine(outputDirectory, AgfFile), TheoryFiles.Agf(agf, result.Units));
            log.Information("Phonon models (AMM, DMM, radiation limit, AGF) in {Seconds:F1} s", result.Seconds);
            return new TheorySummary { Result = result };
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            log.Warning(e, "Phonon models failed; the NEMD result is unaffected: {Message}", e.Message);
            return null;
        }
    }

    public JsonObject ToJson()
    {
        var r = Result;
        var u = r.Units;
        JsonObject G(double value) => new()
        {
            ["value"] = double.IsFinite(value) ? value : null,
            ["unit"] = u.Conductance,
            ["published"] = u.Published is { } p && double.IsFinite(value) ? new JsonObject { ["value"] = value * p.Conductance.PerEngineUnit, ["unit"] = p.Conductance.Label } : null,
        };
        var models = new JsonObject();
        foreach (var m in r.Models)
            models[m.Key] = new JsonObject
            {
                ["classical"] = G(m.Classical),
                ["quantum"] = G(m.Quantum),
                // null: the correction takes the whole resistance (no temperature jump, e.g. identical sides).
                ["corrected_for_nemd"] = G(m.CorrectedClassical),
            };
        return new JsonObject
        {
            ["temperature"] = new JsonObject { ["value"] = r.Temperature, ["unit"] = u.Temperature },
            ["models"] = models,
            ["radiation_A"] = G(r.RadiationA),
            ["radiation_B"] = G(r.RadiationB),
            ["sound_speeds"] = new JsonObject
            {
                ["A"] = new JsonObject { ["longitudinal"] = r.A.Model.Sound.Longitudinal, ["transverse"] = r.A.Model.Sound.Transverse, ["unit"] = $"{u.Length}/{u.Time}" },
                ["B"] = new JsonObject { ["longitudinal"] = r.B.Model.Sound.Longitudinal, ["transverse"] = r.B.Model.Sound.Transverse, ["unit"] = $"{u.Length}/{u.Time}" },
            },
            ["agf_k_points"] = r.Agf?.KPointsComputed,
            ["agf_file"] = r.Agf is null ? null : AgfFile,
            ["wall_time"] = new JsonObject { ["value"] = r.Seconds, ["unit"] = "s" },
            ["note"] = "harmonic phonon models from the deck's potentials at its lattice constants (Theory/); compare G classical corrected_for_nemd with the NEMD conductance at low T; "
                + (u.Name == "lj" ? "quantum values use argon's ħ" : "quantum values are Bose-Einstein"),
        };
    }

    /// <summary>The lines the run summary prints beside the NEMD conductance.</summary>
    public IEnumerable<string> Lines(UnitSystem units)
    {
        string F(double x) => double.IsPositiveInfinity(x) ? "∞" : x.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
        string Pub(double x) => units.Published is { } p && double.IsFinite(x) ? $" ({F(x * p.Conductance.PerEngineUnit)} {p.Conductance.Label})" : "";
        yield return $"phonon models at T = {F(Result.Temperature)} {units.Temperature}, G in {units.Conductance}: classical / quantum / classical corrected for NEMD";
        foreach (var m in Result.Models)
            yield return $"  {m.Name,-16}{F(m.Classical)}{Pub(m.Classical)} / {F(m.Quantum)} / {F(m.CorrectedClassical)}{Pub(m.CorrectedClassical)}";
    }
}
