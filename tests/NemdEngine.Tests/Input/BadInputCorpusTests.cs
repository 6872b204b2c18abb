using System.Diagnostics;
using System.Text.RegularExpressions;
using NemdEngine.Cli;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Sampling;
using NemdEngine.Simulation;
using NemdEngine.Workflow;
using Serilog;

namespace NemdEngine.Tests.Input;

/// <summary>
/// The bad-input corpus ("Trustworthy results": one line, the key named, exit 2, never a stack
/// trace), one case per defect found, each through the real `nemd` command line in-process
/// (<see cref="NemdCli"/>, what Program.cs runs), plus one through the built nemd as a child
/// process. Every case must be refused before any simulation: exit 2, exactly one line on stderr
/// starting "error: ", naming the key with its file and line (deck) or the option (command line),
/// and no stack trace or .NET type name.
/// </summary>
[Collection("Console")]
public partial class BadInputCorpusTests
{
    // ---- harness ----

    internal static (int Code, string Output, string Error) Nemd(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (savedOut, savedError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try { return (NemdCli.Run(args), output.ToString(), error.ToString()); }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }

    [GeneratedRegex(@"\n\s+at |System\.[A-Z]|Exception\b|\w`\d|Nullable")]
    private static partial Regex DotNetLeak();

    /// <summary>Exit 2, one line "error: ..." naming every one of <paramref name="mentions"/>, nothing .NET-shaped; returns the line.</summary>
    private static string AssertBadInput((int Code, string Output, string Error) result, params string[] mentions)
    {
        string error = result.Error.TrimEnd('\r', '\n');
        Assert.True(result.Code == RunCommand.ExitBadInput, $"exit {result.Code}, expected {RunCommand.ExitBadInput}; stderr:\n{result.Error}\nstdout:\n{result.Output}");
        Assert.True(!error.Contains('\n'), $"more than one line on stderr:\n{result.Error}");
        Assert.StartsWith("error: ", error);
        Assert.DoesNotMatch(DotNetLeak(), error);
        foreach (var m in mentions) Assert.Contains(m, error);
        return error;
    }

    private static string Temp(string tag) => TestTemp.Path($"nemd-bad-{tag}-{Guid.NewGuid():N}");

    /// <summary>The line of the shipped deck that starts with <paramref name="prefix"/> (1-based).</summary>
    private static int LineOf(string prefix) => Array.FindIndex(ShippedDeck.Text.Split('\n'), l => l.StartsWith(prefix, StringComparison.Ordinal)) + 1;

    /// <summary>A path that cannot be written: a read-only folder, or /sys for root (who ignores permissions but not sysfs).</summary>
    private static string ReadOnlyFolder()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the unwritable paths here are Linux ones");
        if (Environment.IsPrivilegedProcess)
        {
            Skip.IfNot(Directory.Exists("/sys/kernel"), "running as root and there is no /sys to stand in for a read-only folder");
            return "/sys/kernel";
        }
        string dir = Temp("readonly");
        Directory.CreateDirectory(dir);
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return dir;
    }

    private static string ExistingFile()
    {
        string file = Temp("file");
        File.WriteAllText(file, "not a folder");
        return file;
    }

    /// <summary>A small deck (2,016 atoms, no equilibration, 40 production steps, 2 blocks) that runs in seconds.</summary>
    private static (string Old, string New)[] Small =>
    [
        ("cells_A = 16 ", "cells_A = 7 "), ("cells_B = 16", "cells_B = 7"), ("reservoir_cells = 3 ", "reservoir_cells = 1 "),
        ("equilibration_steps = 20000", "equilibration_steps = 0"), ("production_steps = 160000", "production_steps = 40"),
        ("margin_reservoir = 2.0", "margin_reservoir = 0.5"), ("margin_interface = 2.0", "margin_interface = 0.5"),
        ("# blocks = 20 ", "blocks = 2 #"), ("checkpoint_interval = 18000", "checkpoint_interval = 0"), ("interval = 8000", "interval = 20"),
    ];

    /// <summary>
    /// A run folder with a samples.bin as `nemd run` leaves it, made without simulating: the deck's
    /// layout and bins, a linear profile with a jump at the interface and steady bath energies.
    /// </summary>
    internal static string FolderWithSamples(Func<Deck, Deck>? edit = null)
    {
        var deck = TestSystems.Deck() with
        {
            Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 100, SampleInterval = 10, InitialTemperature = 0.3 },
            Analysis = new AnalysisSpec { MarginReservoir = 0.5, MarginInterface = 0.5, Blocks = 2 },
        };
        var layout = BilayerBuilder.Layout(deck);
        var binning = ProfileBinning.For(layout, null);
        double width = binning.WidthA;
        var centers = binning.Centers();
        const int n = 10;
        var times = Enumerable.Range(1, n).Select(k => k * 10 * deck.Run.Timestep).ToArray();
        double T(double z, int k) => (z < layout.InterfaceZ ? 0.4 - 0.002 * z : 0.3 - 0.002 * z) + 0.001 * ((k * 7 + (int)(z * 13)) % 5);
        var samples = new ProductionSamples
        {
            BinCenters = centers,
            BinWidth = width,
            BinRegions = centers.Select(layout.RegionOf).ToArray(),
            AtomsPerBin = centers.Select(_ => 72.0).ToArray(),
            Times = times,
            Temperatures = Enumerable.Range(0, n).Select(k => centers.Select(z => T(z, k)).ToArray()).ToArray(),
            HotBathEnergy = times.Select((t, k) => 10 * t + 0.01 * (k % 3)).ToArray(),
            ColdBathEnergy = times.Select((t, k) => -10 * t - 0.01 * (k % 2)).ToArray(),
            HotReservoirTemperature = times.Select(_ => 0.4).ToArray(),
            ColdReservoirTemperature = times.Select(_ => 0.2).ToArray(),
        };
        string dir = Temp("samples");
        Directory.CreateDirectory(dir);
        RunFiles.WriteSamples(Path.Combine(dir, RunFiles.Samples),
            new StoredSamples(edit is null ? deck : edit(deck), new RunInfo(1440, 100, 1, 1e5, "cpu", deck.Seed, null, null), samples));
        return dir;
    }

    // ---- D1: run folders and output files that cannot be written ----

    public static TheoryData<string> UnwritableOut => ["file", "empty", "below-a-file", "proc", "read-only"];

    private static string Unwritable(string kind) => kind switch
    {
        "file" => ExistingFile(),
        "empty" => "",
        "below-a-file" => Path.Combine(ExistingFile(), "run"),
        "proc" => "/proc/nemd-bad-input",
        _ => ReadOnlyFolder(),
    };

    [SkippableTheory]
    [MemberData(nameof(UnwritableOut))]
    public void D1_RunOutThatCannotBeWrittenIsRefusedBeforeTheRun(string kind)
    {
        string deck = ShippedDeck.WriteEdited();
        var clock = Stopwatch.StartNew();
        AssertBadInput(Nemd("run", deck, "--out", Unwritable(kind), "--device", "cpu"), "--out", "output.directory");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the refusal must come before any simulation");
    }

    [SkippableTheory]
    [MemberData(nameof(UnwritableOut))]
    public void D1_DeckOutputDirectoryThatCannotBeWrittenNamesTheKeyAndLine(string kind)
    {
        string target = Unwritable(kind);
        string deck = ShippedDeck.WriteEdited(("directory = \"runs/lj-mass-mismatch\"", $"directory = \"{target}\""));
        AssertBadInput(Nemd("run", deck, "--device", "cpu"), $"{deck}:{LineOf("directory = ")}: key 'output.directory'");
    }

    [SkippableTheory]
    [MemberData(nameof(UnwritableOut))]
    public void D1_AnalyzeOutThatCannotBeWrittenIsRefused(string kind)
    {
        string dir = FolderWithSamples();
        AssertBadInput(Nemd("analyze", dir, "--out", Unwritable(kind)), "--out");
        Assert.Equal(0, Nemd("analyze", dir).Code);
    }

    [SkippableTheory]
    [InlineData("folder")]
    [InlineData("below-a-file")]
    [InlineData("proc")]
    [InlineData("read-only")]
    public void D1_BenchJsonThatCannotBeWrittenIsRefusedBeforeMeasuring(string kind)
    {
        string json = kind switch
        {
            "folder" => TestTemp.Root,
            "below-a-file" => Path.Combine(ExistingFile(), "bench.json"),
            "proc" => "/proc/nemd-bad-input/bench.json",
            _ => Path.Combine(ReadOnlyFolder(), "bench.json"),
        };
        var result = Nemd("bench", "--device", "cpu", "--atoms", "4000", "--seconds", "30", "--json", json);
        AssertBadInput(result, "--json");
        Assert.DoesNotContain("atom-steps/s", result.Output);
    }

    // ---- D3: sizes checked against the memory before anything is allocated ----

    [Theory]
    [InlineData("cross_section = [6, 6]", "cross_section = [2000, 2000]", "cross_section = ", "geometry.cross_section", "of memory")]
    [InlineData("constant = 1.5672", "constant = 1e6", "constant = ", "lattice.constant", "cells")]
    [InlineData("# bin_width = 0.7836", "bin_width = 1e-12", "bin_width = ", "analysis.bin_width", "profile bins")]
    [InlineData("# bin_width = 0.7836", "bin_width = 1e-5", "bin_width = ", "analysis.bin_width", "of memory")]
    public void D3_ADeckTooLargeForTheMachineIsRefusedWithTheEstimate(string old, string replacement, string linePrefix, string key, string what)
    {
        string deck = ShippedDeck.WriteEdited((old, replacement));
        int line = Array.FindIndex(File.ReadAllLines(deck), l => l.StartsWith(linePrefix, StringComparison.Ordinal)) + 1;
        AssertBadInput(Nemd("run", deck, "--device", "cpu", "--out", Temp("big")), $"{deck}:{line}: key '{key}'", what);
    }

    [Fact]
    public void D3_BenchAtomsBeyondTheMemoryIsRefused() =>
        AssertBadInput(Nemd("bench", "--device", "cpu", "--atoms", "2000000000"), "--atoms 2000000000", "of memory", "available");

    // ---- D4: integers beyond an int are refused, not wrapped ----

    [Theory]
    [InlineData("cells_A = 16 ", "cells_A = 4294967301 ", "geometry.cells_A")]
    [InlineData("cross_section = [6, 6]", "cross_section = [4294967302, 6]", "geometry.cross_section")]
    [InlineData("sample_interval = 10", "sample_interval = 4294967306", "run.sample_interval")]
    [InlineData("# blocks = 20 ", "blocks = 4294967298 #", "analysis.blocks")]
    [InlineData("reservoir_cells = 3 ", "reservoir_cells = 4294967299 ", "geometry.reservoir_cells")]
    public void D4_IntegersOf2To32AndAboveAreRefusedNotWrapped(string old, string replacement, string key)
    {
        string deck = ShippedDeck.WriteEdited((old, replacement));
        AssertBadInput(Nemd("run", deck, "--device", "cpu", "--out", Temp("int")), $"key '{key}'", "2147483647");
    }

    // ---- D5: everything checkable before the first step, on the deck as overridden ----

    [Fact]
    public void D5_StepsTooFewForTheBlocksAreRefusedBeforeEquilibration()
    {
        string output = Temp("steps");
        var clock = Stopwatch.StartNew();
        AssertBadInput(Nemd("run", ShippedDeck.WriteEdited(), "--steps", "50", "--out", output, "--device", "cpu"),
            "--steps (run.production_steps)", "5 samples", $"at least {DeckValidator.MinimumSamples}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "refused before the 20,000 equilibration steps");
        Assert.False(Directory.Exists(output), "nothing is written for a refused deck");
    }

    [Fact]
    public void D5_BinsWiderThanTheFitWindowsAreRefusedBeforeTheRun()
    {
        string deck = ShippedDeck.WriteEdited(("# bin_width = 0.7836", "bin_width = 7"));
        AssertBadInput(Nemd("run", deck, "--out", Temp("bins"), "--device", "cpu"), $"{deck}:{LineOf("# bin_width")}: key 'analysis.bin_width'", "2 bins", "at least 3");
    }

    [Fact]
    public void D5_OverridesAreValidatedOnTheDeckThatRuns()
    {
        // A deck too short by itself runs with --steps; a good deck is refused with a bad --steps.
        string shortDeck = ShippedDeck.Edited(("production_steps = 160000", "production_steps = 50"));
        Assert.Throws<DeckException>(() => DeckReader.Parse(shortDeck, "short.toml"));
        Assert.Equal(400, DeckReader.Parse(shortDeck, "short.toml", new DeckOverrides(ProductionSteps: 400)).Run.ProductionSteps);
        var e = Assert.Throws<DeckException>(() => DeckReader.Parse(ShippedDeck.Text, "good.toml", new DeckOverrides(ProductionSteps: 0)));
        Assert.StartsWith("--steps (run.production_steps): must be positive", e.Message);
        var seed = Assert.Throws<DeckException>(() => DeckValidator.Validate(new DeckOverrides(Seed: ulong.MaxValue).ApplyTo(DeckReader.Parse(ShippedDeck.Text, "good.toml"))));
        Assert.StartsWith("--seed (seed): must be a whole number from 0 to 9223372036854775807", seed.Message);
    }

    [Fact]
    public void D5_ABathTooWeakToExchangeHeatIsRefused()
    {
        // e^(-dt/damping) = 1 in float32: the run used to finish with J = 0 and R_K infinite.
        string deck = ShippedDeck.WriteEdited(("damping = 0.5", "damping = 1e30"));
        AssertBadInput(Nemd("run", deck, "--out", Temp("damp"), "--device", "cpu"), $"{deck}:{LineOf("damping = ")}: key 'thermostat.damping'", "no heat");
    }

    // ---- D6: a pair given twice ----

    [Theory]
    [InlineData("[\"heavy\", \"light\"]")]
    [InlineData("[\"light\", \"heavy\"]")]
    public void D6_ADuplicatePairIsRefusedNamingBothLines(string species)
    {
        string text = ShippedDeck.Text + $"\n[[pair]]\nspecies = {species}\nepsilon = 2.0\nsigma = 1.0\ncutoff = 2.5\n";
        string deck = Temp("pair") + ".toml";
        File.WriteAllText(deck, text);
        var lines = text.Split('\n');
        int duplicate = Array.FindLastIndex(lines, l => l.StartsWith("species = ", StringComparison.Ordinal)) + 1;
        int first = Array.FindIndex(lines, l => l == "species = [\"light\", \"heavy\"]") + 1;
        AssertBadInput(Nemd("run", deck, "--out", Temp("pair"), "--device", "cpu"), $"{deck}:{duplicate}: key 'pair[3].species'", $"line {first}", "given twice");
    }

    // ---- D8: reals that are not finite, normal float32 values ----

    [Theory]
    [InlineData("mass = 3.0", "mass = 1e300", "species[1].mass")]
    [InlineData("mass = 3.0", "mass = 1e-50", "species[1].mass")]
    [InlineData("mass = 3.0", "mass = nan", "species[1].mass")]
    [InlineData("epsilon = 1.0 ", "epsilon = inf ", "pair[0].epsilon")]
    [InlineData("sigma = 1.0 ", "sigma = 1e5 ", "pair[0].sigma")]
    [InlineData("cutoff = 2.5 ", "cutoff = 1e300 ", "pair[0].cutoff")]
    [InlineData("constant = 1.5672", "constant = inf", "lattice.constant")]
    [InlineData("t_hot = 0.36", "t_hot = 1e39", "thermostat.t_hot")]
    [InlineData("damping = 0.5", "damping = inf", "thermostat.damping")]
    [InlineData("timestep = 0.005", "timestep = 1e-300", "run.timestep")]
    [InlineData("skin = 0.3", "skin = -inf", "run.skin")]
    [InlineData("# initial_temperature = 0.3", "initial_temperature = inf", "run.initial_temperature")]
    [InlineData("# bin_width = 0.7836", "bin_width = 1e-40", "analysis.bin_width")]
    [InlineData("margin_reservoir = 2.0", "margin_reservoir = nan", "analysis.margin_reservoir")]
    [InlineData("margin_interface = 2.0", "margin_interface = inf", "analysis.margin_interface")]
    public void D8_RealsMustBeFiniteNormalFloat32WhereTheyReachTheKernels(string old, string replacement, string key)
    {
        string deck = ShippedDeck.WriteEdited((old, replacement));
        string line = AssertBadInput(Nemd("run", deck, "--out", Temp("real"), "--device", "cpu"), $"key '{key}'");
        Assert.Matches("float32|finite|must be positive", line);
    }

    // ---- D9: decks built in code and decks stored in files are validated too ----

    [Fact]
    public void D9_ADeckBuiltInCodeIsValidatedByTheRunner()
    {
        var deck = TestSystems.Deck() with { Thermostat = new ThermostatSpec(0.3, 0.3, 0), Output = new OutputSpec { Directory = Temp("code") } };
        var e = Assert.Throws<DeckException>(() => NemdRunner.Run(deck, new RunOverrides(Device: "cpu"), SilentObserver.Instance, new LoggerConfiguration().CreateLogger()));
        Assert.StartsWith("<deck>: key 'thermostat.damping': must be positive", e.Message);
        Assert.False(Directory.Exists(deck.Output.Directory));
    }

    [Fact]
    public void D9_ACraftedSamplesFileIsRefusedNamingTheFileAndTheKey()
    {
        string dir = FolderWithSamples(d => d with { Run = d.Run with { SampleInterval = 0 } });
        AssertBadInput(Nemd("analyze", dir), Path.Combine(dir, RunFiles.Samples), "key 'run.sample_interval'");
    }

    [Fact]
    public void D9_AStoredDeckMissingAPartIsRefusedNotANullReference()
    {
        string dir = FolderWithSamples(d => d with { Geometry = null! });
        AssertBadInput(Nemd("analyze", dir), Path.Combine(dir, RunFiles.Samples), "key 'geometry': is missing");
    }

    [Fact]
    public void D9_ACraftedCheckpointIsRefusedNamingTheFileAndTheKey()
    {
        string dir = Temp("checkpoint");
        Directory.CreateDirectory(dir);
        var deck = TestSystems.Deck() with { Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 100, SampleInterval = 0 } };
        var samples = new ProductionSamples
        {
            BinCenters = [], BinWidth = 1, BinRegions = [], AtomsPerBin = [], Times = [], Temperatures = [],
            HotBathEnergy = [], ColdBathEnergy = [], HotReservoirTemperature = [], ColdReservoirTemperature = [],
        };
        RunFiles.WriteCheckpoint(Path.Combine(dir, RunFiles.Checkpoint), new RunCheckpoint
        {
            Deck = deck, Device = "cpu", InProduction = false, ProductionStartStep = 0, HotBathAtStart = 0, ColdBathAtStart = 0, WallSeconds = 0,
            Simulation = new SimulationSnapshot(0, [], [], [], [], [], new NeighborSnapshot(8, 8, 0, [], [])),
            Samples = samples, BinCountTotals = [],
        });
        AssertBadInput(Nemd("run", "--resume", dir), Path.Combine(dir, RunFiles.Checkpoint), "key 'run.sample_interval'");
    }

    // ---- D10: the deck's size is capped, and what a message quotes is cut ----

    [Fact]
    public void D10_ADeckOverOneMebibyteIsRefusedUnread()
    {
        string deck = Temp("huge") + ".toml";
        File.WriteAllText(deck, new string('=', 2 * DeckReader.MaxDeckBytes));
        var clock = Stopwatch.StartNew();
        AssertBadInput(Nemd("run", deck), deck, "too large", "1 MiB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void D10_NestingBeyondTheParsersDepthIsASyntaxError()
    {
        string deck = ShippedDeck.WriteEdited(("t_hot = 0.36", "t_hot = " + new string('[', 100_000)));
        AssertBadInput(Nemd("run", deck), deck, "TOML syntax error", "nested");
    }

    [Theory]
    [InlineData("units = \"lj\"", "units = \"{0}\"", "units")]
    [InlineData("units = \"lj\"", "units = \"lj\"\n{0} = 1", "unknown key")]
    [InlineData("units = \"lj\"", "units = \"lj\"\n[{0}]", "unknown table")]
    [InlineData("species_B = \"heavy\"", "species_B = \"{0}\"", "geometry.species_B")]
    [InlineData("t_hot = 0.36", "t_hot = [{0}", "TOML syntax error")]
    public void D10_LongValuesAreQuotedShortened(string old, string template, string mention)
    {
        string huge = string.Concat(Enumerable.Repeat("abcdefghij", 50_000));
        string deck = ShippedDeck.WriteEdited((old, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, huge)));
        string line = AssertBadInput(Nemd("run", deck, "--out", Temp("long")), mention);
        Assert.True(line.Length < deck.Length + 400, $"{line.Length} characters: {line[..Math.Min(line.Length, 600)]}");
    }

    // ---- every key with every awkward value: accepted, or refused by a DeckException of one short line ----

    [Fact]
    public void EveryKeyWithAnyAwkwardValueIsAcceptedOrRefusedInOneLine()
    {
        string[] values =
        [
            "0", "-1", "1", "2147483647", "2147483648", "4294967296", "9223372036854775807", "-9223372036854775808",
            "1e308", "-1e308", "1e-320", "1e-39", "3.5e38", "inf", "-inf", "nan", "0.5", "\"\"", "\"x\"", "[]", "[1, 2]", "true", "{}",
            "[2147483647, 2147483647]", "[1e308, 1]", "[\"light\", \"light\"]", "[\"heavy\", \"nobody\"]", "1979-05-27",
        ];
        var lines = ShippedDeck.Text.Split('\n');
        int tried = 0, refused = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var m = Regex.Match(lines[i], @"^(#\s*)?([a-zA-Z_]+) = ");
            if (!m.Success) continue;
            foreach (string value in values)
            {
                var edited = (string[])lines.Clone();
                edited[i] = $"{m.Groups[2].Value} = {value}";
                tried++;
                try { DeckReader.Parse(string.Join('\n', edited), "fuzz.toml"); }
                catch (DeckException e)
                {
                    refused++;
                    Assert.False(e.Message.Contains('\n'), e.Message);
                    Assert.True(e.Message.Length < 400, e.Message);
                    Assert.DoesNotMatch(DotNetLeak(), e.Message);
                }
            }
        }
        Assert.True(tried > 500 && refused > tried / 2, $"{refused} of {tried} refused");
    }

    // ---- D11: the command line ----

    [Theory]
    [InlineData("run|{deck}|--steps|abc", "--steps", "whole number")]
    [InlineData("run|{deck}|--seed|-1", "--seed", "from 0 to 9223372036854775807")]
    [InlineData("run|{deck}|--seed|9223372036854775808", "--seed", "from 0 to 9223372036854775807")]
    [InlineData("run|{deck}|--replicas|1", "--replicas", "from 2 to 1024")]
    [InlineData("run|{deck}|--replicas|two", "--replicas", "from 2 to 1024")]
    [InlineData("bench|--replicas|1", "--replicas", "from 2 to 1024")]
    [InlineData("run|{deck}|--bogus", "unknown option or argument '--bogus'", "nemd run --help")]
    [InlineData("analyze|/tmp|--blocks|1.5", "--blocks", "whole number")]
    [InlineData("bench|--seconds|x", "--seconds", "a number of seconds")]
    [InlineData("bench|--system|foo", "--system", "bilayer")]
    [InlineData("bench|--atoms", "--atoms", "nemd bench --help")]
    [InlineData("frobnicate", "unknown option or argument 'frobnicate'", "nemd --help")]
    [InlineData("", "a command is required", "run")]
    public void D11a_ParseErrorsAreOneLineExit2InWords(string args, string mention, string expected)
    {
        string deck = ShippedDeck.WriteEdited();
        var argv = args.Length == 0 ? [] : args.Replace("{deck}", deck, StringComparison.Ordinal).Split('|');
        AssertBadInput(Nemd(argv), mention, expected);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-1")]
    [InlineData("0")]
    public void D11b_BenchSecondsMustBeAPositiveFiniteNumber(string seconds)
    {
        var result = Nemd("bench", "--device", "cpu", "--atoms", "4000", "--seconds", seconds);
        AssertBadInput(result, "--seconds", "positive");
        Assert.DoesNotContain("atom-steps/s", result.Output);
    }

    [Fact]
    public void D11c_DeckSeedsAndSeedAcceptTheSameRange()
    {
        const string most = "9223372036854775807";
        Assert.Equal(ulong.Parse(most, System.Globalization.CultureInfo.InvariantCulture),
            DeckReader.Parse(ShippedDeck.Edited(("seed = 20261125", $"seed = {most}")), "seed.toml").Seed);
        Assert.Empty(NemdCli.CreateRoot().Parse(["run", "deck.toml", "--seed", most]).Errors);
        Assert.Empty(NemdCli.CreateRoot().Parse(["run", "deck.toml", "--seed", "0"]).Errors);
        AssertBadInput(Nemd("run", ShippedDeck.WriteEdited(("seed = 20261125", "seed = 9223372036854775808"))), "64-bit", most);
        AssertBadInput(Nemd("run", ShippedDeck.WriteEdited(("seed = 20261125", "seed = -1"))), "key 'seed'", most);
    }

    [Fact]
    public void D11d_AFolderGivenAsTheDeckIsSaidToBeAFolder() =>
        AssertBadInput(Nemd("run", TestTemp.Root), "is a folder", ".toml");

    [Fact]
    public void D11e_AFailureAfterTheRunBeganIsExit3NotBadInput()
    {
        // The run completes; writing results.json then fails (a folder is in its way).
        string output = Temp("late");
        Directory.CreateDirectory(Path.Combine(output, RunOutputs.Results));
        var (code, _, error) = Nemd("run", ShippedDeck.WriteEdited(Small), "--out", output, "--device", "cpu");
        Assert.True(code == RunCommand.ExitRunFailed, $"exit {code}:\n{error}");
        var errors = error.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        // A failure after the run is reported as such, with what was kept (RunFolderCommandTests covers the redo).
        Assert.StartsWith("error: the run finished but its analysis could not be completed: ", errors[0]);
        Assert.Contains(RunOutputs.Results, errors[0]);
        Assert.DoesNotMatch(DotNetLeak(), error);
        Assert.Contains("Analysis failed", File.ReadAllText(Path.Combine(output, RunCommand.LogFile)));
    }

    [Fact]
    public void TheBuiltNemdRefusesBadInputTheSameWay()
    {
        // Program.cs → NemdCli, as a child process: no in-process console redirection involved.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "nemd.dll"), "run", ShippedDeck.WriteEdited(), "--steps", "abc" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
        AssertBadInput((process.ExitCode, output, error), "--steps", "whole number");
    }
}
