using System.Diagnostics;
using System.Text.Json.Nodes;
using NemdEngine.Input;
using NemdEngine.Theory;
using NemdEngine.Theory.Agf;
using Serilog;
using Xunit.Abstractions;
using static NemdEngine.Tests.Input.BadInputCorpusTests;

namespace NemdEngine.Tests.Theory;

/// <summary>`nemd theory` end to end, its bad input, and the summary `nemd run` adds to results.json (and what it costs).</summary>
[Collection("Console")]
public class TheoryCommandTests(ITestOutputHelper output)
{
    [Fact]
    public void TheoryCommandPrintsEveryModelWithUnitsAndWritesItsFiles()
    {
        string deck = ShippedDeck.WriteEdited();
        string dir = TestTemp.Path($"theory-{Guid.NewGuid():N}");
        var (code, stdout, error) = Nemd("theory", deck, "--out", dir, "--k-points", "4");
        output.WriteLine(stdout);
        Assert.True(code == 0, error);
        foreach (string model in new[] { "AMM", "DMM", "radiation limit", "AGF" })
            Assert.Matches($@"\n{model} +[0-9.]+ k_B/\(σ²τ\) +[0-9.]+ k_B/\(σ²τ\) +[0-9.]+ k_B/\(σ²τ\)", stdout);
        Assert.Contains("c_L = ", stdout);
        foreach (string file in new[] { "dispersion-A.csv", "dos-B.csv", "models-transmission.csv", "agf-transmission.csv", "conductance-vs-temperature.csv", "conductance.png", "dispersion.png", "dos.png" })
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        // G(T) rises with T (quantum) toward the classical value, in every model.
        var rows = File.ReadAllLines(Path.Combine(dir, "conductance-vs-temperature.csv")).Where(l => !l.StartsWith('#') && !l.StartsWith('T')).ToArray();
        var first = rows[0].Split(',').Skip(1).Select(double.Parse).ToArray();
        var last = rows[^1].Split(',').Skip(1).Select(double.Parse).ToArray();
        Assert.All(first.Zip(last), p => Assert.True(p.First < p.Second));
    }

    [Theory]
    [InlineData("0,1", "--temperatures")]
    [InlineData("-1,1", "--temperatures")]
    [InlineData("0.5,0.1", "--temperatures")]
    [InlineData("abc", "--temperatures")]
    public void TemperatureRangesThatContainZeroOrAreNotRangesAreBadInput(string range, string key)
    {
        var (code, _, error) = Nemd("theory", ShippedDeck.WriteEdited(), "--out", TestTemp.Path($"theory-{Guid.NewGuid():N}"), "--temperatures", range);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains(key, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void ADeckAtZeroTemperatureIsBadInputNamingTheKey()
    {
        string deck = ShippedDeck.WriteEdited(("t_hot = 0.36", "t_hot = 0.0"), ("t_cold = 0.24", "t_cold = 0.0"));
        var (code, _, error) = Nemd("theory", deck, "--out", TestTemp.Path($"theory-{Guid.NewGuid():N}"));
        Assert.Equal(2, code);
        Assert.Contains("t_hot", error);
    }

    [Fact]
    public void RunPutsTheModelsNextToTheNemdValue()
    {
        string deck = ShippedDeck.WriteEdited(("cells_A = 16", "cells_A = 8"), ("cells_B = 16", "cells_B = 8"),
            ("equilibration_steps = 20000", "equilibration_steps = 20"), ("production_steps = 160000", "production_steps = 100"),
            ("margin_reservoir = 2.0", "margin_reservoir = 1.0"), ("margin_interface = 2.0", "margin_interface = 1.0"),
            ("# blocks = 20 ", "blocks = 2 #"), ("checkpoint_interval = 18000", "checkpoint_interval = 0"), ("interval = 8000", "interval = 50"));
        string dir = TestTemp.Path($"theory-nemd-{Guid.NewGuid():N}");
        var (code, stdout, error) = Nemd("run", deck, "--out", dir, "--device", "cpu");
        Assert.True(code == 0, error);
        Assert.Contains("phonon models at T = ", stdout);
        Assert.Matches(@"\n  AGF +[0-9.]+ / [0-9.]+ / [0-9.]+", stdout);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "results.json")))!;
        Assert.True((double)json["theory"]!["models"]!["agf"]!["corrected_for_nemd"]!["value"]! > 0);
        Assert.Equal("k_B/(σ²τ)", (string)json["theory"]!["models"]!["dmm"]!["classical"]!["unit"]!);
        Assert.True(File.Exists(Path.Combine(dir, TheorySummary.AgfFile)));
    }

    [Fact]
    public void RunSummaryHoldsEveryModelAndCostsSeconds()
    {
        // A mass of its own, so that no earlier test's result is reused from the cache.
        var deck = DeckReader.ReadFile(ShippedDeck.WriteEdited(("mass = 3.0", "mass = 2.5")));
        string dir = TestTemp.Path($"theory-run-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var summary = TheorySummary.ForRun(deck, 0.3, dir, new LoggerConfiguration().CreateLogger());
        double seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        output.WriteLine($"theory for the run summary: {seconds:F1} s of CPU");
        Assert.NotNull(summary);
        var json = summary!.ToJson();
        foreach (string key in new[] { "amm", "dmm", "radiation_limit", "agf" })
        {
            var g = json["models"]![key]!["classical"]!.AsObject();
            Assert.Equal("k_B/(σ²τ)", (string)g["unit"]!);
            Assert.True((double)g["value"]! > 0);
        }
        Assert.True(File.Exists(Path.Combine(dir, TheorySummary.AgfFile)));
        foreach (var line in summary.Lines(NemdEngine.Model.UnitSystem.LennardJones)) output.WriteLine(line);
        // "Cheap": well under the shipped run's minutes (CPU time of all threads; the AGF does not grow with the cross-section).
        Assert.True(seconds < 30, $"{seconds:F1} s");
    }
}

/// <summary>The overlay figure the spectral heat current will feed: AGF k_B T(ω)/2π over a given g(ω).</summary>
public class TheoryOverlayTests
{
    [Fact]
    public void OverlayOfASpectralConductanceAndTheAgfTransmissionIsWritten()
    {
        var grid = new NemdEngine.Phonons.FrequencyGrid(10, 20);
        var t = grid.Values.Select(w => w * (10 - w)).ToArray();
        var agf = new AgfSpectrum(grid, t, t, t, 1, 0);
        string path = TestTemp.Path($"overlay-{Guid.NewGuid():N}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        TheoryPlots.WriteOverlay(path, agf, grid.Values, t.Select(x => 0.9 * x / (2 * Math.PI)).ToArray(), NemdEngine.Model.UnitSystem.LennardJones);
        Assert.True(new FileInfo(path).Length > 1000);
        // The CSV the overlay reads back: g_classical = k_B T/2π.
        var csv = TheoryFiles.Agf(agf, NemdEngine.Model.UnitSystem.LennardJones).Split('\n');
        var row = csv[2].Split(',');
        Assert.Equal(double.Parse(row[1]) / (2 * Math.PI), double.Parse(row[4]), 12);
    }
}
