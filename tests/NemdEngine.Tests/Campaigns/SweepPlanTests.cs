using System.Text.Json.Nodes;
using NemdEngine.Campaigns;
using NemdEngine.Input;

namespace NemdEngine.Tests.Campaigns;

/// <summary>
/// `nemd sweep` laying out a sweep: the grid (a species' mass by name, a zipped pair of temperatures,
/// seeds), each point's deck as it will run (the base deck's text with only the swept values
/// changed, read back by the deck reader), the manifest; every kind of bad input refused in one line
/// with exit 2 before any folder is written; and a sweep folder never taken over by another sweep.
/// </summary>
[Collection("Console")]
public class SweepPlanTests
{
    private const string Grid = """
        replicas = 2
        [[axis]]
        key = "species.heavy.mass"
        values = [2.0, 4]
        [[axis]]
        keys = ["thermostat.t_hot", "thermostat.t_cold"]
        values = [[0.36, 0.24], [0.33, 0.27]]
        [[axis]]
        key = "run.initial_temperature"
        values = [0.31]
        """;

    [Fact]
    public void TheGridBecomesOneDeckPerPointAndSeedWithOnlyTheSweptValuesChanged()
    {
        var f = new SweepFixtures();
        var (code, stdout, err) = SweepFixtures.Nemd("sweep", f.Sweep(Grid), "--out", f.Out(), "--executor", "none");
        Assert.True(code == 0, err);
        Assert.Contains("4 points × 2 seeds = 8 runs", stdout);

        var sweep = SweepFolder.Open(f.Out());
        Assert.Equal(["species.heavy.mass", "thermostat.t_hot+thermostat.t_cold", "run.initial_temperature"], sweep.AxisLabels);
        Assert.Equal(["p0000", "p0001", "p0002", "p0003"], sweep.Points.Select(p => p.Id));
        ulong baseSeed = DeckReader.ReadFile(f.BaseDeck).Seed;
        string baseText = File.ReadAllText(f.BaseDeck);
        var expected = new[] { (2.0, 0.36, 0.24), (2.0, 0.33, 0.27), (4.0, 0.36, 0.24), (4.0, 0.33, 0.27) };
        foreach (var (point, (mass, hot, cold)) in sweep.Points.Zip(expected))
        {
            Assert.Equal(2, point.Runs.Count);
            foreach (var run in point.Runs)
            {
                string path = Path.Combine(sweep.PathOf(run), SweepPlan.DeckFile);
                var deck = DeckReader.ReadFile(path);
                Assert.Equal(mass, deck.Species.Single(s => s.Name == "heavy").Mass);
                Assert.Equal(1.0, deck.Species.Single(s => s.Name == "light").Mass);
                Assert.Equal((hot, cold), (deck.Thermostat.THot, deck.Thermostat.TCold));
                Assert.Equal(0.31, deck.Run.InitialTemperature);
                Assert.Equal(baseSeed + (ulong)run.Replica, deck.Seed);
                Assert.Equal((long)deck.Seed, run.Seed);
                Assert.Equal(".", deck.Output.Directory);
                // Everything else is the base deck as written, comments included: only the changed lines differ.
                string text = File.ReadAllText(path);
                var changed = text.Split('\n').Except(baseText.Split('\n')).ToList();
                Assert.All(changed, line => Assert.Matches(@"^(seed|mass|t_hot|t_cold|initial_temperature|directory) = ", line));
                Assert.Contains("# hot reservoir temperature", text);
            }
        }
        // The manifest lists every point with its settings (the zipped axis as a pair) and runs.
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(f.Out(), SweepFolder.ManifestFile)))!;
        Assert.Equal("[4,[0.33,0.27],0.31]", manifest["points"]![3]!["settings"]!.ToJsonString());
        Assert.Equal("p0003-r1", manifest["points"]![3]!["runs"]![1]!["folder"]!.GetValue<string>());
    }

    [Fact]
    public void ExplicitSeedsAndIndexedArraysAndPairsByName()
    {
        var f = new SweepFixtures();
        string sweep = f.Sweep("""
            seeds = [11, 12, 99]
            [[axis]]
            key = "pair.heavy-light.epsilon"
            values = [0.5]
            [[axis]]
            key = "species[0].mass"
            values = [1.5]
            """);
        var (code, _, err) = SweepFixtures.Nemd("sweep", sweep, "--out", f.Out(), "--executor", "none");
        Assert.True(code == 0, err);
        var folder = SweepFolder.Open(f.Out());
        Assert.Equal([11L, 12, 99], folder.Runs.Select(r => r.Seed));
        var deck = DeckReader.ReadFile(Path.Combine(folder.PathOf(folder.Runs.Last()), SweepPlan.DeckFile));
        Assert.Equal(99UL, deck.Seed);
        Assert.Equal(0.5, deck.Pairs.Single(p => p.SpeciesI == "light" && p.SpeciesJ == "heavy").Epsilon);
        Assert.Equal(1.0, deck.Pairs.Single(p => p.SpeciesI == "light" && p.SpeciesJ == "light").Epsilon);
        Assert.Equal(1.5, deck.Species[0].Mass);
    }

    [Fact]
    public void TheShippedSweepExpandsIntoValidDecks()
    {
        string dir = TestTemp.Path($"lj-sweep-{Guid.NewGuid():N}");
        var (code, stdout, err) = SweepFixtures.Nemd("sweep", Input.DeckReaderTests.RepoFile("inputs/lj-sweep.toml"), "--out", dir, "--executor", "none");
        Assert.True(code == 0, err);
        Assert.Contains("9 points × 3 seeds = 27 runs", stdout);
        var deck = DeckReader.ReadFile(Path.Combine(dir, "p0008-r2", SweepPlan.DeckFile));
        Assert.Equal((4.0, 24, 24), (deck.Species[1].Mass, deck.Geometry!.CellsA, deck.Geometry.CellsB));
    }

    public static TheoryData<string, string, string> BadSweeps => new()
    {
        // an axis naming an unknown key: the key, its line and the point
        { "[[axis]]\nkey = \"thermostat.t_hott\"\nvalues = [0.3]\n", ":3: key 'thermostat.t_hott': point p0000", "unknown key; valid keys of [thermostat]: damping, t_cold, t_hot" },
        { "[[axis]]\nkey = \"thermo.t_hot\"\nvalues = [0.3]\n", ":3: key 'axis[0].key'", "unknown table [thermo]" },
        { "[[axis]]\nkey = \"species.hevy.mass\"\nvalues = [1.0]\n", ":3: key 'species.hevy.mass': point p0000", "no [[species]] named \"hevy\"" },
        // values of the wrong type, in the second point
        { "[[axis]]\nkey = \"geometry.cells_A\"\nvalues = [5, \"x\"]\n", ":3: key 'geometry.cells_A': point p0001 (geometry.cells_A = \"x\")", "expected an integer, got the string \"x\"" },
        { "[[axis]]\nkey = \"species.heavy.mass\"\nvalues = [1.0, -2.0]\n", ":3: key 'species.heavy.mass': point p0001", "must be positive (mass)" },
        { "[[axis]]\nkeys = [\"thermostat.t_hot\", \"thermostat.t_cold\"]\nvalues = [[0.3, 0.2], [0.4]]\n", ":4: key 'axis[0].values'", "expected one array of 2 values per setting" },
        { "[[axis]]\nkey = \"seed\"\nvalues = [1.5]\n", ":3: key 'seed': point p0000", "expected a whole number" },
        // a value valid alone but not in this deck: the point and the key the validator names
        { "[[axis]]\nkey = \"geometry.cells_A\"\nvalues = [2]\n", "point p0000 (geometry.cells_A = 2), in the point's deck", "material A has only cells_A = 2 cells" },
        // an empty grid
        { "[[axis]]\nkey = \"species.heavy.mass\"\nvalues = []\n", ":4: key 'axis[0].values'", "is empty" },
        { "replicas = 0\n", ":2: key 'replicas'", "must be at least 1" },
        // the sweep file itself
        { "[[axes]]\nkey = \"seed\"\n", ":2: key 'axes'", "unknown table [[axes]]" },
        { "[[axis]]\nkey = \"seed\"\nvalue = [1]\n", "key 'axis[0].values'", "is required" },
        { "[[axis]]\nkey = \"seed\"\nvalues = [1]\n[[axis]]\nkey = \"seed\"\nvalues = [2]\n", ":6: key 'axis[1].key'", "seed is already an axis (line 3)" },
    };

    [Theory]
    [MemberData(nameof(BadSweeps))]
    public void BadInputIsOneLineNamingTheKeyAndPointWithExit2AndWritesNothing(string body, string where, string what)
    {
        var f = new SweepFixtures();
        var (code, _, err) = SweepFixtures.Nemd("sweep", f.Sweep(body), "--out", f.Out(), "--executor", "none");
        Assert.Equal(2, code);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(where.StartsWith(':') ? "sweep.toml" + where : where, line);
        Assert.Contains("sweep.toml:", line);
        Assert.Contains(what, line);
        Assert.False(Directory.Exists(f.Out()));
    }

    [Fact]
    public void ABadBaseDeckIsNamedWithItsOwnLine()
    {
        var f = new SweepFixtures();
        File.WriteAllText(f.BaseDeck, File.ReadAllText(f.BaseDeck).Replace("damping = 0.5", "damping = -0.5", StringComparison.Ordinal));
        var (code, _, err) = SweepFixtures.Nemd("sweep", f.Sweep("replicas = 1\n"), "--out", f.Out(), "--executor", "none");
        Assert.Equal(2, code);
        Assert.Matches(@"^error: .*sweep\.toml:1: key 'base': the base deck is refused: .*base\.toml:\d+: key 'thermostat\.damping'", err.Trim());
    }

    [Fact]
    public void AFolderHoldingAnotherSweepOrOtherFilesIsRefusedAndTheSameSweepRewritesNothing()
    {
        var f = new SweepFixtures();
        string sweep = f.Sweep("[[axis]]\nkey = \"species.heavy.mass\"\nvalues = [2.0, 3.0]\n");
        Assert.Equal(0, SweepFixtures.Nemd("sweep", sweep, "--out", f.Out(), "--executor", "none").Code);
        string deck = Path.Combine(f.Out(), "p0000-r0", SweepPlan.DeckFile);
        var written = File.GetLastWriteTimeUtc(deck);
        File.SetLastWriteTimeUtc(deck, written.AddMinutes(-5));

        // The same sweep again: found, nothing rewritten.
        var again = SweepFixtures.Nemd("sweep", sweep, "--out", f.Out(), "--executor", "none");
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal(written.AddMinutes(-5), File.GetLastWriteTimeUtc(deck));

        // Another sweep (other values) into the same folder: refused, the folder as it was.
        string other = f.Sweep("[[axis]]\nkey = \"species.heavy.mass\"\nvalues = [2.0, 5.0]\n", "other.toml");
        var (code, _, err) = SweepFixtures.Nemd("sweep", other, "--out", f.Out(), "--executor", "none");
        Assert.Equal(2, code);
        Assert.Matches(@"^error: .*out holds a different sweep \(sweep\.json: .*sweep\.toml, 2 points, 2 runs\)", err.Trim());
        Assert.Equal(3.0, DeckReader.ReadFile(Path.Combine(f.Out(), "p0001-r0", SweepPlan.DeckFile)).Species[1].Mass);

        // A folder with other files and no manifest.
        Directory.CreateDirectory(f.Out("notes"));
        File.WriteAllText(Path.Combine(f.Out("notes"), "readme.txt"), "mine");
        (code, _, err) = SweepFixtures.Nemd("sweep", sweep, "--out", f.Out("notes"), "--executor", "none");
        Assert.Equal(2, code);
        Assert.Contains("not a sweep folder", err);
    }
}
