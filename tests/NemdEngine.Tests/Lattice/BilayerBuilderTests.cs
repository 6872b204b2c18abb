using NemdEngine.Input;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Sampling;

namespace NemdEngine.Tests.Lattice;

/// <summary>Per-side lattices: a Si | Ge diamond bilayer with its own spacing along z on each side, one in-plane constant, the interface between the planes.</summary>
public class BilayerBuilderTests
{
    private const double ASi = 5.431, AGe = 5.6536;

    private static Deck SiGe(string inPlane = "A", double? value = null, double intermix = 0) => DeckReader.Parse(RealMaterialsDeck.Edited(
        ("[lattice]\ntype = \"diamond\"", "[lattice.B]\nconstant = 5.6536\n\n[lattice]\ntype = \"diamond\"\n"
            + (value is double v ? $"in_plane = {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : $"in_plane = \"{inPlane}\"")),
        ("reservoir_cells = 3", $"reservoir_cells = 3\nintermix_thickness = {intermix.ToString(System.Globalization.CultureInfo.InvariantCulture)}")), "sige.toml");

    private static double[] Planes(ParticleSystem s, Func<float, bool> side) =>
        s.Positions.Select(p => p.Z).Where(side).Select(z => Math.Round(z, 4)).Distinct().Order().ToArray();

    [Fact]
    public void EachSideKeepsItsOwnPlaneSpacingAndBothShareTheInPlaneConstant()
    {
        var deck = SiGe();
        var (system, layout) = BilayerBuilder.Build(deck);
        var g = deck.Geometry!;
        Assert.Equal(8 * g.CellsX * g.CellsY * (g.CellsA + g.CellsB), system.Count);
        Assert.Equal(g.CellsX * ASi, system.BoxX, 4);
        // Planes a/4 apart on each side, centred in their slabs from each side's start.
        var a = Planes(system, z => z < layout.InterfaceZ);
        var b = Planes(system, z => z > layout.InterfaceZ);
        Assert.Equal(4 * g.CellsA, a.Length);
        Assert.Equal(4 * g.CellsB, b.Length);
        Assert.All(a.Zip(a.Skip(1)), p => Assert.Equal(ASi / 4, p.Second - p.First, 3));
        Assert.All(b.Zip(b.Skip(1)), p => Assert.Equal(AGe / 4, p.Second - p.First, 3));
        // The interface plane is midway between A's last plane and B's first.
        Assert.Equal(0.5 * (a[^1] + b[0]), layout.InterfaceZ, 3);
        Assert.Equal(g.CellsA * ASi, layout.SideBoundary, 9);
        // Species by side, the masses in engine units.
        Assert.All(Enumerable.Range(0, system.Count), i => Assert.Equal(system.Positions[i].Z < layout.InterfaceZ ? 0 : 1, system.Types[i]));
        Assert.Equal(28.0855 * UnitSystem.Metal.MassScale, system.Masses[0], 6);
        Assert.Equal(72.63, system.DeckMass(system.Count - 1));
    }

    [Fact]
    public void DefaultBinsHoldOnePlaneEachOnBothSides()
    {
        var deck = SiGe();
        var (system, layout) = BilayerBuilder.Build(deck);
        var binning = ProfileBinning.For(layout, null);
        var perBin = new int[binning.Count];
        foreach (var p in system.Positions)
        {
            long bin = p.Z < binning.ZSplit ? (long)Math.Floor((p.Z - binning.ZStart) / binning.WidthA) : binning.BinsA + (long)Math.Floor((p.Z - binning.ZSplit) / binning.WidthB);
            perBin[bin]++;
        }
        // A diamond [001] plane holds 2 atoms per cell: every bin, on either side, holds exactly one plane.
        Assert.All(perBin, n => Assert.Equal(2 * deck.Geometry!.CellsX * deck.Geometry.CellsY, n));
        Assert.Equal(AGe / 4, binning.WidthB, 9);
    }

    [Theory]
    [InlineData("A", ASi)]
    [InlineData("B", AGe)]
    [InlineData("mean", 0.5 * (ASi + AGe))]
    public void TheInPlaneRuleChoosesTheCommonConstantAndTheStrainIsReported(string rule, double expected)
    {
        var deck = SiGe(rule);
        Assert.Equal(expected, deck.Lattice!.InPlaneValue, 12);
        var (strainA, strainB) = BilayerBuilder.InPlaneStrain(deck);
        Assert.Equal(expected / ASi - 1, strainA, 12);
        Assert.Equal(expected / AGe - 1, strainB, 12);
        Assert.Equal(5.55, SiGe(value: 5.55).Lattice!.InPlaneValue);
    }

    [Fact]
    public void AnIntermixedLayerSwapsSpeciesAcrossTheInterfaceOnlyAndKeepsTheComposition()
    {
        var sharp = BilayerBuilder.Build(SiGe()).System;
        var (mixed, layout) = BilayerBuilder.Build(SiGe(intermix: 6.0));
        Assert.Equal(sharp.Types.Count(t => t == 0), mixed.Types.Count(t => t == 0));
        var changed = Enumerable.Range(0, mixed.Count).Where(i => mixed.Types[i] != sharp.Types[i]).ToArray();
        Assert.NotEmpty(changed);
        Assert.All(changed, i => Assert.True(Math.Abs(mixed.Positions[i].Z - layout.InterfaceZ) < 3.0, $"atom {i} at z = {mixed.Positions[i].Z} swapped outside the layer"));
        // Half of the smaller side's sites in the layer swap (intermix_fraction 0.5), the same ones for the same seed.
        int below = Enumerable.Range(0, sharp.Count).Count(i => sharp.Types[i] == 0 && layout.InterfaceZ - sharp.Positions[i].Z is > 0 and < 3.0);
        int above = Enumerable.Range(0, sharp.Count).Count(i => sharp.Types[i] == 1 && sharp.Positions[i].Z - layout.InterfaceZ is > 0 and < 3.0);
        Assert.Equal(2 * (int)Math.Round(0.5 * Math.Min(below, above)), changed.Length);
        Assert.Equal(mixed.Types, BilayerBuilder.Build(SiGe(intermix: 6.0)).System.Types);
    }
}
