using NemdEngine.IO.H5md;
using NemdEngine.IO.Structures;
using NemdEngine.Kernels;
using NemdEngine.Model;

namespace NemdEngine.Tests.IO.Structures;

/// <summary>A built system as a structure; the model's own checks; the label names are the H5MD ones.</summary>
public class StructureConversionTests
{
    private static (ParticleSystem, BilayerLayout) Bilayer()
    {
        Region[] regions = [Region.Frozen, Region.HotReservoir, Region.MaterialA, Region.MaterialB, Region.ColdReservoir, Region.Frozen];
        var system = new ParticleSystem
        {
            Positions = regions.Select((_, i) => new Vec3(0.1f * i, 0.2f, 0.7f + 1.3f * i)).ToArray(),
            Velocities = new Vec3[regions.Length],
            Types = [0, 0, 0, 1, 1, 1],
            Masses = [28.0855f, 28.0855f, 28.0855f, 72.63f, 72.63f, 72.63f],
            Ids = [0, 1, 2, 3, 4, 5],
            Regions = regions,
            SpeciesNames = ["Si", "Ge"],
            BoxX = 5.431f,
            BoxY = 5.431f,
            ZLow = -4.7f,
            ZHigh = 12.1f,
        };
        var layout = new BilayerLayout
        {
            LengthX = 5.431, LengthY = 5.431, ZStart = 0, ZEnd = 7.2, FrozenLowTop = 1, FrozenHighBottom = 7,
            HotReservoirTop = 2.5, ColdReservoirBottom = 5.5, InterfaceZ = 3.9, PlaneSpacing = 1.3,
        };
        return (system, layout);
    }

    [Fact]
    public void SystemBecomesAStructureExactly()
    {
        var (system, layout) = Bilayer();
        var s = StructureConversion.FromSystem(system, layout, "metal");
        Assert.Equal(new StructureBox(5.431f, 5.431f, -4.7f, 12.1f), s.Box);
        Assert.Equal(system.Positions.Select(p => new Point3(p.X, p.Y, p.Z)), s.Positions);
        Assert.Equal(system.Masses.Select(m => (double)m), s.Masses);
        Assert.Equal([1, 2, 3, 4, 5, 6], s.Ids);
        Assert.Equal(["Si", "Si", "Si", "Ge", "Ge", "Ge"], Enumerable.Range(0, s.Count).Select(s.SpeciesOf));
        Assert.Equal([AtomRegion.Frozen, AtomRegion.Hot, AtomRegion.Mobile, AtomRegion.Mobile, AtomRegion.Cold, AtomRegion.Frozen], s.Regions);
        Assert.Equal([InterfaceSide.A, InterfaceSide.A, InterfaceSide.A, InterfaceSide.B, InterfaceSide.B, InterfaceSide.B], s.Sides);
        Assert.Equal(system.Regions, s.ModelRegions());
        Assert.Equal("metal", s.Units);

        // Float boxes survive both formats exactly, zhi = zlo + Lz included.
        string dir = StructureSamples.Folder("conversion");
        foreach (var path in StructureFile.WriteAll(dir, s).Where(p => !p.EndsWith(StructureFile.LammpsGroupsName, StringComparison.Ordinal)))
            StructureSamples.AssertSame(s, StructureFile.Read(path));
    }

    [Fact]
    public void SidesMayBeGivenPerAtom()
    {
        var (system, layout) = Bilayer();
        InterfaceSide[] sides = [InterfaceSide.A, InterfaceSide.B, InterfaceSide.A, InterfaceSide.B, InterfaceSide.A, InterfaceSide.B];
        Assert.Equal(sides, StructureConversion.FromSystem(system, layout, "lj", sides).Sides);
        Assert.Throws<ArgumentException>(() => StructureConversion.FromSystem(system, layout, "lj", [InterfaceSide.A]));
    }

    [Fact]
    public void LabelNamesAreTheH5mdOnes()
    {
        Assert.Equal(RegionLabels.RegionNames, Enum.GetValues<AtomRegion>().Select(AtomLabels.Name));
        Assert.Equal(RegionLabels.SideNames, Enum.GetValues<InterfaceSide>().Select(AtomLabels.Name));
        foreach (var r in Enum.GetValues<Region>())
            Assert.Equal(RegionLabels.RegionCode(r), (int)AtomLabels.FromModel(r));
    }

    public static TheoryData<Func<AtomicStructure>, string> BadStructures => new()
    {
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["Si"], [], [], []), "a structure needs at least one atom" },
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["Si"], [1], [1], [default]), "atom 0 has species index 1; expected 0 to 0" },
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["Si"], [0], [0], [default]), "atom 0 has mass 0; expected a positive, finite mass" },
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["Si"], [0], [1], [new Point3(double.NaN, 0, 0)]), "atom 0 has a position that is not finite: (NaN, 0, 0)" },
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["S i"], [0], [1], [default]), "species name 'S i' must be one word without whitespace, quotes, '#' or '='" },
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["Si", "Si"], [0], [1], [default]), "species 'Si' is named twice" },
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["Si"], [0, 0], [1, 1], [default, default], [3, 3]), "id 3 is given to two atoms" },
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["Si"], [0], [1], [default], [0]), "atom 0 has id 0; ids must be positive" },
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["Si"], [0], [1], [default], units: "real"), "unknown unit system 'real'; expected \"lj\" or \"metal\"" },
        { () => new AtomicStructure(new StructureBox(1, 1, 0, 1), ["Si"], [0], [1], [default], regions: [(AtomRegion)7]), "atom 0 has an unknown region 7" },
        { () => new AtomicStructure(new StructureBox(1, 1, 1, 1), ["Si"], [0], [1], [default]), "the z bounds must be finite with zlo < zhi, got [1, 1]" },
    };

    [Theory]
    [MemberData(nameof(BadStructures))]
    public void TheModelRefusesInconsistentArrays(Func<AtomicStructure> make, string problem) =>
        Assert.Equal(problem, Assert.Throws<ArgumentException>(make).Message);

    [Fact]
    public void FormatsFollowTheExtension()
    {
        Assert.Equal(StructureFormat.LammpsData, StructureFile.FormatOf("a/b.DATA"));
        Assert.Equal(StructureFormat.LammpsData, StructureFile.FormatOf("b.lmp"));
        Assert.Equal(StructureFormat.ExtendedXyz, StructureFile.FormatOf("b.extxyz"));
        Assert.Equal("b.pdb: unknown structure file extension '.pdb'; expected .data or .lmp (LAMMPS data) or .xyz or .extxyz (extended XYZ)",
            Assert.Throws<StructureFileException>(() => StructureFile.FormatOf("b.pdb")).Message);
    }
}
