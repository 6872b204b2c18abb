using NemdEngine.IO.Structures;

namespace NemdEngine.Tests.IO.Structures;

/// <summary>Structures for the structure-file tests, and a folder per test under TestTemp.</summary>
public static class StructureSamples
{
    /// <summary>A folder of its own under <see cref="TestTemp.Root"/>.</summary>
    public static string Folder(string name)
    {
        string dir = TestTemp.Path($"nemd-structures-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// A Si/Ge slab in metal units with every region and side, positions with awkward doubles (1/3,
    /// 0.1 + 0.2, 1e-5, 17 significant digits), ids not in order and with gaps, and a Ge isotope
    /// (two masses of one species: two LAMMPS types). All atoms inside the box, at least 1 Å apart.
    /// </summary>
    public static AtomicStructure SiGe(int cells = 3, int seed = 5)
    {
        const double a = 5.431;
        var random = new Random(seed);
        var positions = new List<Point3>();
        var types = new List<int>();
        var masses = new List<double>();
        var regions = new List<AtomRegion>();
        var sides = new List<InterfaceSide>();
        int planes = 12;
        for (int k = 0; k < planes; k++)
            for (int i = 0; i < cells; i++)
                for (int j = 0; j < cells; j++)
                {
                    double z = k * a / 4 + 1e-5;
                    double x = i * a + (k % 2) * a / 4 + (random.NextDouble() - 0.5) * 0.1;
                    double y = j * a + (k % 2) * a / 4 + (0.1 + 0.2) * (random.NextDouble() - 0.5);
                    positions.Add(new Point3(x < 0 ? x + cells * a : x, y < 0 ? y + cells * a : y, z + 1.0 / 3.0));
                    bool ge = k >= planes / 2;
                    types.Add(ge ? 1 : 0);
                    masses.Add(ge ? (j == 1 ? 73.921177761 : 72.630) : 28.0855);
                    regions.Add(k is 0 or 11 ? AtomRegion.Frozen : k is 1 or 2 ? AtomRegion.Hot : k is 9 or 10 ? AtomRegion.Cold : AtomRegion.Mobile);
                    sides.Add(ge ? InterfaceSide.B : InterfaceSide.A);
                }
        int n = positions.Count;
        // Ids: reversed in pairs, with gaps (1, 2, 4, 5, 7, ...).
        var ids = Enumerable.Range(0, n).Select(i => i + i / 2 + 1).ToArray();
        (ids[0], ids[1]) = (ids[1], ids[0]);
        var box = new StructureBox(cells * a, cells * a, -1.25, planes * a / 4 + 2.123456789012345);
        return new AtomicStructure(box, ["Si", "Ge"], [.. types], [.. masses], [.. positions], ids, [.. regions], [.. sides], "metal");
    }

    /// <summary>Every array and the box of two structures are equal, bit for bit.</summary>
    public static void AssertSame(AtomicStructure expected, AtomicStructure actual, bool labels = true)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Box, actual.Box);
        Assert.Equal(expected.Units, actual.Units);
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.Positions, actual.Positions);
        Assert.Equal(expected.Masses, actual.Masses);
        Assert.Equal(Enumerable.Range(0, expected.Count).Select(expected.SpeciesOf), Enumerable.Range(0, actual.Count).Select(actual.SpeciesOf));
        if (!labels) return;
        Assert.Equal(expected.Regions, actual.Regions);
        Assert.Equal(expected.Sides, actual.Sides);
    }
}
