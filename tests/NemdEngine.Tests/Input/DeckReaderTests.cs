using NemdEngine.Input;

namespace NemdEngine.Tests.Input;

public class DeckReaderTests
{
    public static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NemdEngine.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }

    private static readonly string Shipped = File.ReadAllText(RepoFile("inputs/lj-mass-mismatch.toml"));

    [Fact]
    public void ShippedDecksParseWithTheirDocumentedValues()
    {
        var deck = DeckReader.ReadFile(RepoFile("inputs/lj-mass-mismatch.toml"));
        Assert.Equal(["light", "heavy"], deck.Species.Select(s => s.Name));
        Assert.Equal(3.0, deck.Species[1].Mass);
        Assert.Equal(1.5672, deck.Lattice!.Constant);
        Assert.Equal((6, 6, 16, 16, 1, 3), (deck.Geometry!.CellsX, deck.Geometry.CellsY, deck.Geometry.CellsA, deck.Geometry.CellsB, deck.Geometry.FrozenCells, deck.Geometry.ReservoirCells));
        Assert.Equal((0.36, 0.24, 0.5), (deck.Thermostat.THot, deck.Thermostat.TCold, deck.Thermostat.Damping));
        Assert.Equal((20000L, 160000L, 10), (deck.Run.EquilibrationSteps, deck.Run.ProductionSteps, deck.Run.SampleInterval));
        Assert.Null(deck.Analysis.BinWidth);
        Assert.Equal(0.1, deck.Analysis.TargetRelativeError);
        Assert.Equal(18000L, deck.Output.CheckpointInterval);
        Assert.Equal(Shipped, deck.SourceText);
        Assert.Equal((8000, false), (deck.Output.Trajectory!.Interval, deck.Output.Trajectory.Compression));
        Assert.Equal(["position"], deck.Output.Trajectory.Fields);
        var identical = DeckReader.ReadFile(RepoFile("inputs/lj-identical.toml"));
        Assert.Equal(identical.Species[0].Mass, identical.Species[1].Mass);
        Assert.Null(identical.Output.Trajectory);
    }

    [Fact]
    public void MissingUnlikePairIsMixedLorentzBerthelot()
    {
        string text = Shipped.Replace("""
            [[pair]]
            species = ["light", "heavy"]
            epsilon = 1.0
            sigma = 1.0
            cutoff = 2.5
            """, "", StringComparison.Ordinal)
            .Replace("species = [\"heavy\", \"heavy\"]\nepsilon = 1.0\nsigma = 1.0", "species = [\"heavy\", \"heavy\"]\nepsilon = 4.0\nsigma = 1.2", StringComparison.Ordinal);
        var deck = DeckReader.Parse(text, "mixed.toml");
        Assert.Equal(2, deck.Pairs.Count);
        var mixed = PairTable.ResolvePairs(deck).Single(p => p.SpeciesI != p.SpeciesJ);
        Assert.Equal(2.0, mixed.Epsilon, 12);
        Assert.Equal(1.1, mixed.Sigma, 12);
        Assert.Equal(2.5, mixed.Cutoff, 12);
    }

    /// <summary>Replaces the first line starting with <paramref name="prefix"/> and returns the deck and that line's number.</summary>
    private static (string Text, int Line) Edit(string prefix, string replacement)
    {
        var lines = Shipped.Split('\n');
        int index = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no line starts with {prefix}");
        lines[index] = replacement;
        return (string.Join('\n', lines), index + 1);
    }

    [Theory]
    [InlineData("t_cold = ", "t_cold = 0.4", "thermostat.t_cold", "must not exceed thermostat.t_hot")]
    [InlineData("t_hot = ", "t_hot = -0.3", "thermostat.t_hot", "must be positive")]
    [InlineData("damping = ", "damping = \"fast\"", "thermostat.damping", "expected a number")]
    [InlineData("cells_A = ", "cells_A = -4", "geometry.cells_A", "must be at least 1")]
    [InlineData("reservoir_cells = ", "reservoir_cells = 15", "geometry.reservoir_cells", "reach the interface")]
    [InlineData("margin_interface = ", "margin_interface = 16.0", "analysis.margin_interface", "at least 3 are needed")]
    [InlineData("target_relative_error = ", "target_relative_error = 10", "analysis.target_relative_error", "between 0 and 1")]
    [InlineData("timestep = ", "timestep = 0", "run.timestep", "must be positive")]
    [InlineData("sample_interval = ", "sample_interval = 0", "run.sample_interval", "must be at least 1")]
    [InlineData("species_B = ", "species_B = \"argon\"", "geometry.species_B", "unknown species")]
    [InlineData("cross_section = ", "cross_section = [2, 6]", "geometry.cross_section", "too small")]
    [InlineData("units = ", "units = \"cgs\"", "units", "expected one of \"lj\", \"metal\"")]
    [InlineData("type = ", "type = \"bcc\"", "lattice.type", "expected one of \"fcc\", \"diamond\"")]
    [InlineData("skin = ", "skn = 0.3", "run.skn", "unknown key")]
    [InlineData("mass = 3.0", "mass = 0", "species[1].mass", "must be positive")]
    [InlineData("production_steps = ", "production_steps = 12.5", "run.production_steps", "expected an integer")]
    [InlineData("# blocks = ", "blocks = 1", "analysis.blocks", "must be at least 2")]
    [InlineData("flux_tolerance = ", "flux_tolerance = 1.5", "analysis.flux_tolerance", "must be a fraction between 0 and 1")]
    [InlineData("checkpoint_interval = ", "checkpoint_interval = -5", "output.checkpoint_interval", "must be 0 (off) or a positive number of steps")]
    [InlineData("checkpoint_interval = ", "checkpoint_interval = \"often\"", "output.checkpoint_interval", "expected an integer")]
    [InlineData("interval = ", "interval = 0", "output.trajectory.interval", "must be a positive number of steps")]
    [InlineData("interval = ", "interval = 2005", "output.trajectory.interval", "must be a multiple of run.sample_interval (10)")]
    [InlineData("interval = ", "interval = \"often\"", "output.trajectory.interval", "expected an integer")]
    [InlineData("fields = ", "fields = [\"position\", \"spin\"]", "output.trajectory.fields", "unknown field \"spin\"")]
    [InlineData("fields = ", "fields = [\"id\", \"id\"]", "output.trajectory.fields", "listed twice")]
    [InlineData("fields = ", "fields = []", "output.trajectory.fields", "must name at least one")]
    [InlineData("fields = ", "fields = \"position\"", "output.trajectory.fields", "expected an array")]
    [InlineData("fields = ", "fields = [1]", "output.trajectory.fields", "expected field names")]
    [InlineData("compression = ", "compression = \"yes\"", "output.trajectory.compression", "expected true or false")]
    [InlineData("compression = ", "compresion = true", "output.trajectory.compresion", "unknown key")]
    public void BadValueNamesTheKeyAndItsLine(string prefix, string replacement, string key, string problem)
    {
        var (text, line) = Edit(prefix, replacement);
        var e = Assert.Throws<DeckException>(() => DeckReader.Parse(text, "bad.toml"));
        Assert.Contains($"bad.toml:{line}: key '{key}'", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void MissingRequiredKeyNamesTheKeyAndItsTable()
    {
        var (text, _) = Edit("t_hot = ", "");
        var e = Assert.Throws<DeckException>(() => DeckReader.Parse(text, "bad.toml"));
        Assert.Contains("key 'thermostat.t_hot': is required", e.Message);
        int tableLine = Array.FindIndex(Shipped.Split('\n'), l => l.StartsWith("[thermostat]", StringComparison.Ordinal)) + 1;
        Assert.Contains($"bad.toml:{tableLine}:", e.Message);
    }

    [Fact]
    public void UnknownTableAndSyntaxErrorsGiveTheLine()
    {
        var (unknownTable, line) = Edit("[output]", "[outputs]");
        var e = Assert.Throws<DeckException>(() => DeckReader.Parse(unknownTable, "bad.toml"));
        Assert.Contains($"bad.toml:{line}: key 'outputs': unknown table", e.Message);

        var (broken, brokenLine) = Edit("t_hot = ", "t_hot = = 0.33");
        var syntax = Assert.Throws<DeckException>(() => DeckReader.Parse(broken, "bad.toml"));
        Assert.Contains($"bad.toml:{brokenLine}: TOML syntax error", syntax.Message);
    }
}
