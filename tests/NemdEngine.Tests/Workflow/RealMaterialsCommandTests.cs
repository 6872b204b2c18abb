using System.Globalization;
using System.Text.Json;
using NemdEngine.Input;
using NemdEngine.IO.Structures;
using NemdEngine.Lattice;
using static NemdEngine.Tests.Input.BadInputCorpusTests;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// Real materials end to end through the command line: `nemd lattice` finds SW silicon's
/// constant and cohesive energy, `nemd build` writes a structure LAMMPS reads back, and a deck
/// that reads those atoms ([structure]) runs NEMD in metal units and reports R_K in m² K/GW.
/// </summary>
[Collection("Console")]
public class RealMaterialsCommandTests
{
    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void LatticeCommandGivesStillingerWeberSilicon()
    {
        var (code, output, error) = Nemd("lattice", RealMaterialsDeck.WriteEdited());
        Assert.True(code == 0, error);
        // Stillinger & Weber 1985: a = 5.431 Å, E = -2ε = -4.3366 eV/atom.
        Assert.Contains("side A: Si diamond: a0 = 5.43095 Å, E = -4.33660 eV/atom", output);
        Assert.Contains("side B: heavySi diamond: a0 = 5.43095 Å", output);
        Assert.Contains("in-plane strain of A 0 %, of B 0 %", output);
    }

    /// <summary>A metal deck reading its atoms from <paramref name="dataFile"/>: regions as z ranges of the box z ∈ [0, 10] Å unless given.</summary>
    public static string WriteStructureDeck(string dataFile, string outDir, string regions = "frozen = []\nhot = [0.0, 3.0]\ncold = [7.0, 10.0]\ninterface_z = 5.0", string binWidth = "1.0")
    {
        string path = TestTemp.Path($"structure-deck-{Guid.NewGuid():N}.toml");
        File.WriteAllText(path, $$"""
            units = "metal"
            seed = 5
            [[species]]
            name = "Si"
            mass = 28.0855
            element = "Si"
            [[species]]
            name = "heavySi"
            mass = 72.63
            element = "Si"
            [[potential]]
            style = "sw"
            file = "{{RealMaterialsDeck.PotentialsFolder}}/Si.sw"
            [structure]
            file = "{{dataFile}}"
            {{regions}}
            [thermostat]
            t_hot = 330.0
            t_cold = 270.0
            damping = 0.5
            [run]
            equilibration_steps = 100
            production_steps = 400
            [analysis]
            bin_width = {{binWidth}}
            margin_reservoir = 1.0
            margin_interface = 1.0
            [output]
            directory = "{{outDir}}"
            """);
        return path;
    }

    [Fact]
    public void BuiltStructureIsReadBackByADeckAndRunsInMetalUnits()
    {
        string deckPath = RealMaterialsDeck.WriteEdited(RealMaterialsDeck.Small);
        string built = TestTemp.Path($"built-{Guid.NewGuid():N}");
        var (code, output, error) = Nemd("build", deckPath, "--out", built, "--device", "cpu");
        Assert.True(code == 0, error);
        Assert.Contains("minimization:", output);
        string data = Path.Combine(built, StructureFile.LammpsDataName);
        var structure = StructureFile.Read(data);
        var deck = DeckReader.ReadFile(deckPath);
        var layout = BilayerBuilder.Layout(deck);
        Assert.Equal(8 * 3 * 3 * 12, structure.Count);
        Assert.Equal(["Si", "heavySi"], structure.SpeciesNames);
        Assert.True(File.Exists(Path.Combine(built, StructureFile.ExtendedXyzName)));

        // The same regions as z ranges: frozen | hot | A | interface | B | cold | frozen.
        string regions = $"frozen = [[{F(layout.ZStart - 10)}, {F(layout.FrozenLowTop)}], [{F(layout.FrozenHighBottom)}, {F(layout.ZEnd + 10)}]]\n"
            + $"hot = [{F(layout.FrozenLowTop)}, {F(layout.HotReservoirTop)}]\ncold = [{F(layout.ColdReservoirBottom)}, {F(layout.FrozenHighBottom)}]\ninterface_z = {F(layout.InterfaceZ)}";
        string run = TestTemp.Path($"structure-run-{Guid.NewGuid():N}");
        (code, output, error) = Nemd("run", WriteStructureDeck(data, run, regions, F(layout.PlaneSpacing)), "--device", "cpu");
        Assert.True(code == 0, error);
        Assert.Contains("m² K/GW", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "results.json")));
        var root = json.RootElement;
        Assert.Equal("metal", root.GetProperty("units").GetString());
        Assert.Equal("K", root.GetProperty("delta_T").GetProperty("unit").GetString());
        var published = root.GetProperty("published").GetProperty("kapitza_resistance");
        Assert.Equal("m² K/GW", published.GetProperty("unit").GetString());
        double inEngineUnits = root.GetProperty("kapitza_resistance").GetProperty("value").GetDouble();
        Assert.Equal(inEngineUnits * 1e9 / 1.602176634e13, published.GetProperty("value").GetDouble(), 9);
        Assert.Equal(structure.Count, root.GetProperty("atoms").GetInt32());
    }
}
