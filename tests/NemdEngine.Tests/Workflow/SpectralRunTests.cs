using System.Text.Json.Nodes;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.IO.Spectral;
using NemdEngine.Tests.Input;
using NemdEngine.Workflow;
using Serilog;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// The spectral heat current through `nemd run`: the sum rule on a real LJ mass-mismatch run, its
/// files, a run interrupted twice and resumed that writes the same spectral.csv bit for bit, and the
/// bad input the issue names (exit 2 naming the key).
/// </summary>
[Collection("Console")]
public class SpectralRunTests(ITestOutputHelper output)
{
    private static readonly ILogger Log = new LoggerConfiguration().CreateLogger();

    private static string TempDir(string tag) => TestTemp.Path($"nemd-spectral-{tag}-{Guid.NewGuid():N}");

    /// <summary>
    /// 2,304 atoms (light | heavy, mass ratio 3), reservoirs at 0.45 and 0.15 ε/k_B, 10,000 + 40,000 steps,
    /// a spectral sample every 5 steps, Δf = 0.1/τ (segments of 400 samples, 39 of them): about 30 s on 2 cores.
    /// </summary>
    private static string SumRuleDeck(string output) => ShippedDeck.WriteEdited(
        ("cells_A = 16 ", "cells_A = 8 "), ("cells_B = 16", "cells_B = 8"), ("reservoir_cells = 3 ", "reservoir_cells = 2 "),
        ("equilibration_steps = 20000", "equilibration_steps = 10000"), ("production_steps = 160000", "production_steps = 40000"),
        ("t_hot = 0.36 ", "t_hot = 0.45 "), ("t_cold = 0.24 ", "t_cold = 0.15 "),
        ("directory = \"runs/lj-mass-mismatch\"", $"directory = \"{output}\""), ("checkpoint_interval = 18000", "checkpoint_interval = 0"),
        ("[output.trajectory]", "[spectral]\nresolution = 0.1\nsample_interval = 5\n\n# [output.trajectory]"), ("interval = 8000 ", "# interval = 8000 "),
        ("fields = [\"position\"]", "# fields"), ("compression = false", "# compression = false"));

    /// <summary>
    /// ∫ q df (the mean interfacial power over the segments) against J·A from the baths. On a run of tens
    /// of seconds the bath current itself is known to about 10 % (the Langevin work is noisy), so the
    /// test is statistical: within 3 combined standard errors, and the relative difference is printed.
    /// Exactness of the integral itself (Parseval, bin sum = mean power) is WelchCrossSpectraTests'.
    /// </summary>
    [Fact]
    public void IntegralOfQEqualsTheBathHeatCurrentOnARealRun()
    {
        string dir = TempDir("sum");
        var deck = DeckReader.ReadFile(SumRuleDeck(dir));
        var outcome = NemdRunner.Run(deck, new RunOverrides(Device: "cpu"), SilentObserver.Instance, Log);
        var s = outcome.Spectral!;
        output.WriteLine($"∫q df = {s.IntegratedPower}, J·A = {s.BathPower}, relative difference {s.RelativeDifference:P1}, {s.Sigmas:F2} combined standard errors; {s.Segments} segments; G = {outcome.Result.Conductance}, ∫g df = {s.IntegratedConductance:G4}");
        Assert.Equal(39, s.Segments);
        Assert.True(s.IntegratedPower.Value > 0 && s.BathPower.Value > 0);
        Assert.True(Math.Abs(s.Sigmas) < 3, $"∫q df = {s.IntegratedPower} and J·A = {s.BathPower} differ by {s.Sigmas:F2} combined standard errors");
        Assert.True(Math.Abs(s.RelativeDifference) < 0.25, $"relative difference {s.RelativeDifference:P1}");
        // Physics of the spectra. Same ε and σ, masses 1 and 3: each side's frequencies scale as 1/√m, so the
        // mean frequency of B's density of states is 1/√3 of A's (harmonic limit); and above the heavy side's
        // band edge only inelastic processes carry heat, a small part of q at T ≈ 0.3 ε/k_B.
        double Mean(double[] d) => s.Frequency.Zip(d, (f, x) => f * x).Sum() / d.Sum();
        double ratio = Mean(s.DosB) / Mean(s.DosA);
        double edge = s.Frequency.Zip(s.DosB).Where(p => p.Second > 0.01 * s.DosB.Max()).Max(p => p.First);
        double below = s.Frequency.Zip(s.Q).Where(p => p.First <= edge).Sum(p => p.Second) / s.Q.Sum();
        output.WriteLine($"mean frequency of the DOS: B/A = {ratio:F3} (1/√3 = {1 / Math.Sqrt(3):F3}); heavy side's band edge {edge:G3}/τ, {below:P1} of ∫q below it");
        Assert.True(Math.Abs(ratio - 1 / Math.Sqrt(3)) < 0.03, $"the sides' mean DOS frequencies are in the ratio {ratio:F3}, not 1/√3");
        Assert.True(below > 0.9, $"only {below:P0} of the spectral heat current lies below the heavy side's band edge {edge:G3}/τ");

        foreach (var file in new[] { SpectralCsvWriter.Spectral, SpectralCsvWriter.Vdos, SpectralPlot.Spectral, SpectralPlot.SpectralSvg, SpectralPlot.Vdos, SpectralPlot.VdosSvg })
            Assert.True(new FileInfo(Path.Combine(dir, file)).Length > 100, file);
        // The phonon models ran beside it, so the NEMD g(ω) is drawn over the AGF's.
        Assert.NotNull(outcome.Info.Theory?.Result.Agf);
        Assert.True(new FileInfo(Path.Combine(dir, RunOutputs.SpectralOverAgf)).Length > 100, RunOutputs.SpectralOverAgf);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, RunOutputs.Results)))!["spectral"]!;
        Assert.Equal(s.IntegratedPower.Value, json["integrated_power"]!["value"]!.GetValue<double>());
        Assert.Equal(39, json["segments"]!.GetValue<int>());
        var rows = File.ReadAllLines(Path.Combine(dir, SpectralCsvWriter.Spectral)).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal("frequency,omega,q,q_A_side,q_B_side,g,transmission,transmission_per_area", rows[0]);
        Assert.Equal(201, rows.Length - 1);
    }

    /// <summary>1,440 atoms; 20 + 100 steps; a spectral sample every step in segments of 24 (the interruption at step 60 falls with 16 samples in the segment).</summary>
    private static Deck ResumeDeck(string output) => TestSystems.Deck(seed: 8) with
    {
        Thermostat = new ThermostatSpec(0.4, 0.2, 0.5),
        Run = new RunSpec { EquilibrationSteps = 20, ProductionSteps = 100, SampleInterval = 10, InitialTemperature = 0.3 },
        Analysis = new AnalysisSpec { MarginReservoir = 0.5, MarginInterface = 0.5, Blocks = 2, TargetRelativeError = 0.9 },
        Output = new OutputSpec { Directory = output, CheckpointInterval = 10 },
        Spectral = new SpectralSpec { SampleInterval = 1, Resolution = 1 / (24 * 0.005) },
    };

    [Fact]
    public void InterruptedAndResumedWritesTheSameSpectraBitForBit()
    {
        string whole = TempDir("whole"), pieces = TempDir("pieces");
        NemdRunner.Run(ResumeDeck(whole), new RunOverrides(Device: "cpu"), SilentObserver.Instance, Log);
        using (var c1 = new CancellationTokenSource())
            Assert.Throws<RunInterruptedException>(() => NemdRunner.Run(ResumeDeck(pieces), new RunOverrides(Device: "cpu"), new StopAtCheckpoint(10, c1), Log, c1.Token));
        using (var c2 = new CancellationTokenSource())
            Assert.Throws<RunInterruptedException>(() => NemdRunner.Resume(pieces, new StopAtCheckpoint(60, c2), Log, c2.Token));
        var mid = RunFiles.ReadCheckpoint(Path.Combine(pieces, RunFiles.Checkpoint));
        Assert.Equal(40, mid.Spectral!.Samples);
        Assert.Equal(16, mid.Spectral.Welch.Fill);
        Assert.Equal(2, mid.Spectral.Welch.Segments);
        NemdRunner.Resume(pieces, SilentObserver.Instance, Log);

        foreach (var file in new[] { SpectralCsvWriter.Spectral, SpectralCsvWriter.Vdos })
            Assert.Equal(File.ReadAllText(Path.Combine(whole, file)), File.ReadAllText(Path.Combine(pieces, file)));
        Assert.Equal(ResultsJson.WithoutWallClock(whole), ResultsJson.WithoutWallClock(pieces));
        var end = RunFiles.ReadCheckpoint(Path.Combine(pieces, RunFiles.Checkpoint)).Spectral!;
        Assert.Equal(100, end.Samples);
        Assert.Equal(7, end.Welch.Segments);
    }

    // ---- bad input: exit 2, one line naming the key ----

    private static (int Code, string Output, string Error) RunDeck(params (string Old, string New)[] edits)
    {
        string dir = TempDir("bad");
        var all = edits.Concat([("directory = \"runs/lj-mass-mismatch\"", $"directory = \"{dir}\"")]).ToArray();
        return BadInputCorpusTests.Nemd("run", ShippedDeck.WriteEdited(all), "--device", "cpu");
    }

    private static void AssertBadInput((int Code, string Output, string Error) result, params string[] mentions)
    {
        string error = result.Error.TrimEnd('\r', '\n');
        Assert.True(result.Code == 2, $"exit {result.Code}, expected 2; stderr:\n{result.Error}");
        Assert.True(!error.Contains('\n'), $"more than one line on stderr:\n{result.Error}");
        Assert.StartsWith("error: ", error);
        Assert.DoesNotContain("Exception", error);
        foreach (var m in mentions) Assert.Contains(m, error);
    }

    private static readonly (string, string) Spectral = ("[output.trajectory]", "[spectral]\n#SPECTRAL\n\n[output.trajectory]");

    [Theory]
    [InlineData("thickness = 2.0", "key 'spectral.thickness'", "at least the largest potential cutoff r_c = 2.5 σ")]
    [InlineData("thickness = -1", "key 'spectral.thickness'", "must be positive")]
    [InlineData("sample_interval = 0", "key 'spectral.sample_interval'", "at least 1")]
    [InlineData("resolution = 0.0001", "key 'spectral.resolution'", "a resolution of at least")]
    [InlineData("resolution = 0", "key 'spectral.resolution'", "must be positive")]
    [InlineData("frequency = 3", "spectral.frequency", "unknown")]
    public void ABadSpectralKeyIsRefusedNamingIt(string line, string key, string why)
    {
        var result = RunDeck((Spectral.Item1, Spectral.Item2.Replace("#SPECTRAL", line, StringComparison.Ordinal)));
        AssertBadInput(result, key, why);
        output.WriteLine(result.Error);
    }

    [Fact]
    public void ADefaultResolutionTheRunIsTooShortForIsRefused()
    {
        // 512 samples per segment (the default) × 2 need 10,240 steps at sample_interval 10; 5,000 give 500 samples.
        var result = RunDeck(Spectral, ("production_steps = 160000", "production_steps = 5000"));
        AssertBadInput(result, "key 'spectral.sample_interval'", "500 samples", "at least 1024");
        output.WriteLine(result.Error);
    }

    [Fact]
    public void SidesThatDoNotInteractAcrossTheInterfaceAreRefusedBeforeTheFirstStep()
    {
        // The light-heavy pair's cutoff (0.5 σ) is far below the distance between the sides' atoms.
        var result = RunDeck(Spectral, ("species = [\"light\", \"heavy\"]\nepsilon = 1.0\nsigma = 1.0\ncutoff = 2.5", "species = [\"light\", \"heavy\"]\nepsilon = 1.0\nsigma = 1.0\ncutoff = 0.5"),
            ("equilibration_steps = 20000", "equilibration_steps = 0"));
        AssertBadInput(result, "key 'spectral.enabled'", "no atoms interact across the interface", "0.7836 σ apart along z, beyond the largest cutoff between their species (0.5 σ)");
        output.WriteLine(result.Error);
    }
}
