using System.Text.Json;
using NemdEngine.Input;
using NemdEngine.Workflow;
using Serilog;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// Whole NEMD runs of a small bilayer (2,304 atoms): the physics sanity checks of the method.
/// Both runs use the same deck and seed apart from the heavy mass.
/// </summary>
public class NemdRunnerTests
{
    private static Deck SmallDeck(double heavyMass, string output)
    {
        var deck = DeckReader.ReadFile(Input.DeckReaderTests.RepoFile("inputs/lj-mass-mismatch.toml"));
        return deck with
        {
            Species = [deck.Species[0], deck.Species[1] with { Mass = heavyMass }],
            Geometry = deck.Geometry! with { CellsA = 8, CellsB = 8, ReservoirCells = 2 },
            Run = deck.Run with { EquilibrationSteps = 5000, ProductionSteps = 20000 },
            Analysis = deck.Analysis with { MarginReservoir = 1.0, MarginInterface = 1.0, Blocks = 10 },
            Output = new OutputSpec { Directory = output },
        };
    }

    private static RunOutcome Run(double heavyMass)
    {
        string dir = TestTemp.Path($"nemd-test-{heavyMass}-{Guid.NewGuid():N}");
        return NemdRunner.Run(SmallDeck(heavyMass, dir), new RunOverrides(), SilentObserver.Instance, new LoggerConfiguration().CreateLogger());
    }

    [Fact]
    public void IdenticalMaterialsGiveNoTemperatureJumpAndMassMismatchDoes()
    {
        var identical = Run(1.0);
        var r = identical.Result;
        Assert.True(Math.Abs(r.DeltaT.Value) < 3 * r.DeltaT.StdErr, $"mass ratio 1: ΔT = {r.DeltaT} should vanish within 3 stderr");
        Assert.True(r.HeatFlux.Value > 3 * r.HeatFlux.StdErr, $"heat must flow from hot to cold: J = {r.HeatFlux}");
        Assert.True(r.FitA.Slope.Value < 0 && r.FitB.Slope.Value < 0, $"profile must fall from hot to cold: {r.FitA.Slope}, {r.FitB.Slope}");

        var mismatchRun = Run(3.0);
        var mismatch = mismatchRun.Result;
        Assert.True(mismatch.DeltaT.Value > 3 * mismatch.DeltaT.StdErr, $"mass ratio 3: ΔT = {mismatch.DeltaT} should be resolved");
        Assert.True(mismatch.KapitzaResistance.Value > 0);

        // The run folder holds every output, and results.json has the documented shape.
        foreach (var file in new[] { "results.json", "profile.csv", "profile.png" })
            Assert.True(new FileInfo(Path.Combine(identical.OutputDirectory, file)).Length > 100, $"{file} missing or empty");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(identical.OutputDirectory, "results.json")));
        foreach (var key in new[] { "kapitza_resistance", "conductance", "delta_T", "heat_flux", "conductivity_A", "conductivity_B", "heat_flux_hot", "heat_flux_cold", "mean_temperature" })
        {
            var q = json.RootElement.GetProperty(key);
            Assert.Equal(JsonValueKind.String, q.GetProperty("unit").ValueKind);
            Assert.NotEqual(JsonValueKind.Undefined, q.GetProperty("stderr").ValueKind);
        }
        Assert.Equal(2304, json.RootElement.GetProperty("atoms").GetInt32());
        // The deck as run, and what produced the file.
        Assert.Equal("light", json.RootElement.GetProperty("deck").GetProperty("species")[0].GetProperty("name").GetString());
        Assert.Equal(20000, json.RootElement.GetProperty("deck").GetProperty("run").GetProperty("production_steps").GetInt64());
        var provenance = json.RootElement.GetProperty("provenance");
        Assert.Equal(NemdEngine.IO.BuildInfo.Release, provenance.GetProperty("release").GetString());
        Assert.Matches("^[0-9a-f]{40}$|^unknown$", provenance.GetProperty("commit").GetString());
        Assert.False(string.IsNullOrEmpty(provenance.GetProperty("command_line").GetString()));
        // Every real number carries a unit; exact ones have no stderr.
        Assert.Equal("σ", json.RootElement.GetProperty("fit").GetProperty("A").GetProperty("z_min").GetProperty("unit").GetString());
        Assert.Equal("ε/k_B", json.RootElement.GetProperty("fit").GetProperty("A").GetProperty("intercept").GetProperty("unit").GetString());
        Assert.False(json.RootElement.GetProperty("production_time").TryGetProperty("stderr", out _));

        // Time to answer agrees with the final R_K and the run's own clock.
        var answer = mismatchRun.Info.TimeToAnswer!;
        double finalError = Math.Abs(mismatch.KapitzaResistance.StdErr / mismatch.KapitzaResistance.Value);
        Assert.Equal(finalError, answer.FinalRelativeError, 12);
        Assert.Equal(0.1, answer.Target);
        if (answer.Reached)
        {
            Assert.True(finalError < answer.Target, $"reached, yet the final error is {finalError:P1}");
            Assert.InRange(answer.ReachedAtSeconds!.Value, 0, mismatchRun.Info.WallSeconds);
            Assert.InRange(answer.ReachedAtStep!.Value, 5001, 25000);
            Assert.Null(answer.ProjectedSeconds);
        }
        else
            Assert.True(answer.ProjectedSeconds > mismatchRun.Info.WallSeconds, $"not reached ({finalError:P1}), so more time is needed: {answer.ProjectedSeconds}");
        using var mismatchJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(mismatchRun.OutputDirectory, "results.json")));
        var tta = mismatchJson.RootElement.GetProperty("time_to_answer");
        Assert.Equal(answer.Reached, tta.GetProperty("reached").GetBoolean());
        Assert.Equal(finalError, tta.GetProperty("final_relative_error").GetProperty("value").GetDouble(), 12);
    }

    /// <summary>
    /// The reproduction: the shipped deck after only 500 equilibration steps, 4,000 of
    /// production. The old check (J of the two halves within 3σ) called this steady while the cold
    /// bath was heating the system; every reason must now be given.
    /// </summary>
    [Fact]
    public void ShortEquilibrationIsNotSteadyAndSaysWhy()
    {
        string dir = TestTemp.Path($"nemd-unsteady-{Guid.NewGuid():N}");
        try
        {
            var deck = DeckReader.ReadFile(Input.DeckReaderTests.RepoFile("inputs/lj-mass-mismatch.toml"));
            deck = deck with
            {
                Run = deck.Run with { EquilibrationSteps = 500, ProductionSteps = 4000 },
                Output = new OutputSpec { Directory = dir, CheckpointInterval = 0 },
            };
            var r = NemdRunner.Run(deck, new RunOverrides(Device: "cpu"), SilentObserver.Instance, new LoggerConfiguration().CreateLogger()).Result;
            Assert.False(r.SteadyState.Steady);
            var reasons = string.Join("; ", r.SteadyState.Reasons);
            Assert.Contains("hot and cold bath powers differ by", reasons);
            Assert.Contains("the cold bath put heat in", reasons);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
            var steady = json.RootElement.GetProperty("steady_state");
            Assert.False(steady.GetProperty("steady").GetBoolean());
            Assert.Equal(r.SteadyState.Reasons.Count(), steady.GetProperty("reasons").GetArrayLength());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
