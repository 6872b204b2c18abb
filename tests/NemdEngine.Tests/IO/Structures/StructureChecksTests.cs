using NemdEngine.IO.Structures;

namespace NemdEngine.Tests.IO.Structures;

/// <summary>Overlaps (cell list against all pairs), atoms outside the box, wrapping into the box.</summary>
public class StructureChecksTests
{
    private static AtomicStructure Atoms(StructureBox box, params Point3[] positions) =>
        new(box, ["Si"], new int[positions.Length], Enumerable.Repeat(28.0855, positions.Length).ToArray(), positions, units: "metal");

    private static HashSet<(int, int)> AllPairs(AtomicStructure s, double d)
    {
        var pairs = new HashSet<(int, int)>();
        for (int i = 0; i < s.Count; i++)
            for (int j = i + 1; j < s.Count; j++)
                if (StructureChecks.Distance2(s.Positions[i], s.Positions[j], s.Box) < d * d) pairs.Add((i, j));
        return pairs;
    }

    [Theory]
    [InlineData(false, 0.7)]
    [InlineData(true, 0.7)]
    [InlineData(false, 3.0)]   // fewer than 3 cells along x and y: each neighbor cell counted once
    [InlineData(true, 40.0)]   // one cell
    [InlineData(false, 1e-3)]  // cells capped at ~8 per atom
    public void CellListFindsTheSamePairsAsAllPairs(bool periodicZ, double distance)
    {
        var random = new Random(3);
        var box = new StructureBox(7.5, 6.25, -2, 8, periodicZ);
        // Random atoms, some outside [0, L) in x and y and outside [zlo, zhi] in z, plus pairs across each periodic face.
        var positions = Enumerable.Range(0, 400).Select(_ => new Point3(random.NextDouble() * 9 - 1, random.NextDouble() * 8 - 1, random.NextDouble() * 12 - 3)).ToList();
        positions.AddRange([new Point3(0.01, 3, 3), new Point3(7.49, 3, 3), new Point3(3, 0.001, 5), new Point3(3, 6.249, 5),
            new Point3(1, 1, -1.99), new Point3(1, 1, 7.99), new Point3(2, 2, 2), new Point3(2, 2, 2)]);
        var s = Atoms(box, [.. positions]);
        var found = StructureChecks.FindOverlaps(s, distance);
        Assert.Equal(AllPairs(s, distance), found.Select(o => (o.First, o.Second)).ToHashSet());
        Assert.Equal(found.Count, found.Select(o => (o.First, o.Second)).Distinct().Count());
        Assert.All(found, o => Assert.Equal(Math.Sqrt(StructureChecks.Distance2(s.Positions[o.First], s.Positions[o.Second], box)), o.Distance));
        Assert.Contains((positions.Count - 2, positions.Count - 1), found.Select(o => (o.First, o.Second)));
        Assert.Equal(found.Count > 0 ? 1 : 0, StructureChecks.FindOverlaps(s, distance, limit: 1).Count);
    }

    [Fact]
    public void OverlapErrorNamesTheSourceAtomsAndPositions()
    {
        var s = new AtomicStructure(new StructureBox(10, 10, 0, 10), ["Si"], new int[4], [28, 28, 28, 28],
            [new Point3(0.05, 5, 5), new Point3(9.95, 5, 5), new Point3(3, 3, 3), new Point3(3, 3, 3.5)], [10, 20, 30, 40], units: "metal");
        StructureChecks.RequireNoOverlaps(s, 0.05, "s.data");
        var e = Assert.Throws<StructureFileException>(() => StructureChecks.RequireNoOverlaps(s, 1.0, "s.data"));
        Assert.Equal("s.data: atoms 10 at (0.05, 5, 5) and 20 at (9.95, 5, 5) are 0.1 Å apart; atoms must be at least 1 Å apart (and 1 more pairs)", e.Message);
    }

    [Fact]
    public void AtomsOutsideTheBoundedZRangeAreNamed()
    {
        var box = new StructureBox(4, 4, -1, 5);
        var s = Atoms(box, new Point3(-3, 9, 0), new Point3(1, 1, 5.5), new Point3(1, 1, -1), new Point3(1, 1, 5), new Point3(1, 1, -1.25));
        Assert.Equal([1, 4], StructureChecks.FindOutsideBox(s));
        var e = Assert.Throws<StructureFileException>(() => StructureChecks.RequireInsideBox(s, "s.xyz"));
        Assert.Equal("s.xyz: atom 2 at (1, 1, 5.5) is outside the box: z = 5.5 is above zhi = 5 (and 1 more atoms)", e.Message);
        var below = Atoms(box, new Point3(1, 1, -1.25));
        Assert.Equal("s.xyz: atom 1 at (1, 1, -1.25) is outside the box: z = -1.25 is below zlo = -1",
            Assert.Throws<StructureFileException>(() => StructureChecks.RequireInsideBox(below, "s.xyz")).Message);
        Assert.Empty(StructureChecks.FindOutsideBox(Atoms(new StructureBox(4, 4, -1, 5, periodicZ: true), new Point3(0, 0, 99))));
    }

    [Fact]
    public void WrappingBringsXAndYIntoTheBoxAndKeepsInsideAtomsExact()
    {
        var s = Atoms(new StructureBox(4, 5, -1, 5), new Point3(-1, 12, 7), new Point3(4, 5, -3), new Point3(0.1 + 0.2, 1.0 / 3, 1), new Point3(-1e-17, 0, 0));
        var w = StructureChecks.WrapIntoBox(s);
        Assert.Equal([new Point3(3, 2, 7), new Point3(0, 0, -3), new Point3(0.1 + 0.2, 1.0 / 3, 1), new Point3(0, 0, 0)], w.Positions);
        Assert.Equal(s.Ids, w.Ids);
        var periodic = Atoms(new StructureBox(4, 5, -1, 5, periodicZ: true), new Point3(1, 1, 7), new Point3(1, 1, -2));
        Assert.Equal([new Point3(1, 1, 1), new Point3(1, 1, 4)], StructureChecks.WrapIntoBox(periodic).Positions);
    }
}
