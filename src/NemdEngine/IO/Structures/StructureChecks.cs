using static NemdEngine.IO.Structures.StructureText;

namespace NemdEngine.IO.Structures;

/// <summary>Two atoms closer than allowed: their indices (First &lt; Second) and distance (length, minimum image).</summary>
public readonly record struct AtomOverlap(int First, int Second, double Distance);

/// <summary>
/// Checks a structure before it is used: atoms that overlap (a cell list, O(N)) and atoms outside
/// the box along a bounded z. x and y are periodic, so an atom is never outside along them:
/// <see cref="WrapIntoBox"/> brings it into [0, L). Each Require* method throws a
/// <see cref="StructureFileException"/> naming the file and the first atom(s) by id and position.
/// </summary>
public static class StructureChecks
{
    /// <summary>Pairs of atoms closer than <paramref name="minDistance"/> (length), nearest periodic image, in no particular order.</summary>
    /// <param name="limit">Stop after this many pairs.</param>
    public static IReadOnlyList<AtomOverlap> FindOverlaps(AtomicStructure structure, double minDistance, int limit = int.MaxValue)
    {
        if (!(minDistance > 0 && double.IsFinite(minDistance))) throw new ArgumentOutOfRangeException(nameof(minDistance), minDistance, "must be a positive, finite distance");
        var box = structure.Box;
        var p = structure.Positions;
        int n = p.Length;
        double zMin = box.PeriodicZ ? box.ZLow : p.Min(q => q.Z);
        double zMax = box.PeriodicZ ? box.ZHigh : p.Max(q => q.Z);
        double lz = box.PeriodicZ ? box.LengthZ : Math.Max(zMax - zMin, minDistance);

        // Cells at least minDistance wide, and not more cells than about 8 per atom (a tiny distance needs no fine grid).
        long budget = Math.Max(27L, 8L * n);
        int Cells(double length) => (int)Math.Clamp(Math.Floor(length / minDistance), 1, 1 << 20);
        int nx = Cells(box.LengthX), ny = Cells(box.LengthY), nz = Cells(lz);
        while ((long)nx * ny * nz > budget)
        {
            if (nx >= ny && nx >= nz) nx = Math.Max(1, nx / 2);
            else if (ny >= nz) ny = Math.Max(1, ny / 2);
            else nz = Math.Max(1, nz / 2);
        }
        int CellOf(double v, double lo, double length, int count, bool periodic)
        {
            double f = (v - lo) / length;
            if (periodic) f -= Math.Floor(f);
            return Math.Clamp((int)(f * count), 0, count - 1);
        }
        var cellOf = new int[n];
        var start = new int[nx * ny * nz + 1];
        for (int i = 0; i < n; i++)
        {
            cellOf[i] = (CellOf(p[i].Z, zMin, lz, nz, box.PeriodicZ) * ny + CellOf(p[i].Y, 0, box.LengthY, ny, true)) * nx + CellOf(p[i].X, 0, box.LengthX, nx, true);
            start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < start.Length - 1; c++) start[c + 1] += start[c];
        var order = new int[n];
        var fill = start[..^1].ToArray();
        for (int i = 0; i < n; i++) order[fill[cellOf[i]]++] = i;

        double min2 = minDistance * minDistance;
        var found = new List<AtomOverlap>();
        var neighbors = new HashSet<int>();
        for (int cz = 0; cz < nz; cz++)
            for (int cy = 0; cy < ny; cy++)
                for (int cx = 0; cx < nx; cx++)
                {
                    int cell = (cz * ny + cy) * nx + cx;
                    if (start[cell] == start[cell + 1]) continue;
                    neighbors.Clear();
                    for (int dz = -1; dz <= 1; dz++)
                    {
                        int z = cz + dz;
                        if (box.PeriodicZ) z = (z + nz) % nz;
                        else if (z < 0 || z >= nz) continue;
                        for (int dy = -1; dy <= 1; dy++)
                            for (int dx = -1; dx <= 1; dx++)
                                neighbors.Add((z * ny + (cy + dy + ny) % ny) * nx + (cx + dx + nx) % nx);
                    }
                    for (int a = start[cell]; a < start[cell + 1]; a++)
                    {
                        int i = order[a];
                        foreach (int other in neighbors)
                            for (int b = start[other]; b < start[other + 1]; b++)
                            {
                                int j = order[b];
                                if (j <= i) continue;
                                double d2 = Distance2(p[i], p[j], box);
                                if (d2 < min2)
                                {
                                    found.Add(new AtomOverlap(i, j, Math.Sqrt(d2)));
                                    if (found.Count >= limit) return found;
                                }
                            }
                    }
                }
        return found;
    }

    /// <summary>Squared distance (length²) between two positions, nearest image along the periodic axes.</summary>
    public static double Distance2(Point3 a, Point3 b, StructureBox box)
    {
        double dx = MinimumImage(b.X - a.X, box.LengthX);
        double dy = MinimumImage(b.Y - a.Y, box.LengthY);
        double dz = box.PeriodicZ ? MinimumImage(b.Z - a.Z, box.LengthZ) : b.Z - a.Z;
        return dx * dx + dy * dy + dz * dz;
    }

    private static double MinimumImage(double d, double length) => d - length * Math.Round(d / length);

    /// <summary>Indices of atoms outside the bounded z range [ZLow, ZHigh] (none when z is periodic).</summary>
    public static IReadOnlyList<int> FindOutsideBox(AtomicStructure structure)
    {
        var box = structure.Box;
        if (box.PeriodicZ) return [];
        var outside = new List<int>();
        for (int i = 0; i < structure.Count; i++)
            if (structure.Positions[i].Z < box.ZLow || structure.Positions[i].Z > box.ZHigh) outside.Add(i);
        return outside;
    }

    /// <summary>The structure with x and y (and z when periodic) wrapped into [0, L) (z: [ZLow, ZHigh)); positions already inside are kept bit for bit.</summary>
    public static AtomicStructure WrapIntoBox(AtomicStructure structure)
    {
        var box = structure.Box;
        var wrapped = structure.Positions.Select(q => new Point3(
            Wrap(q.X, 0, box.LengthX),
            Wrap(q.Y, 0, box.LengthY),
            box.PeriodicZ ? Wrap(q.Z, box.ZLow, box.LengthZ) : q.Z)).ToArray();
        return structure.WithPositions(wrapped);
    }

    private static double Wrap(double v, double lo, double length)
    {
        if (v >= lo && v < lo + length) return v;
        double w = v - length * Math.Floor((v - lo) / length);
        // Rounding can land exactly on the upper edge (v = -1e-17): that is the lower one.
        return w >= lo + length ? lo : w < lo ? lo : w;
    }

    /// <summary>Throws unless every pair of atoms is at least <paramref name="minDistance"/> apart (length).</summary>
    /// <param name="source">The file (or other origin) named in the message.</param>
    public static void RequireNoOverlaps(AtomicStructure structure, double minDistance, string source)
    {
        const int Shown = 1000;
        var overlaps = FindOverlaps(structure, minDistance, Shown);
        if (overlaps.Count == 0) return;
        var first = overlaps.MinBy(o => (structure.Ids[o.First], structure.Ids[o.Second]));
        string unit = LengthUnit(structure.Units);
        string more = overlaps.Count == 1 ? "" : overlaps.Count >= Shown ? $" (and at least {Shown - 1} more pairs)" : $" (and {overlaps.Count - 1} more pairs)";
        throw new StructureFileException(source, null,
            $"atoms {structure.Ids[first.First]} at {Position(structure.Positions[first.First])} and {structure.Ids[first.Second]} at {Position(structure.Positions[first.Second])} "
            + $"are {first.Distance:G6}{unit} apart; atoms must be at least {minDistance:G6}{unit} apart{more}");
    }

    /// <summary>Throws unless every atom lies within the bounded z range [ZLow, ZHigh].</summary>
    /// <param name="source">The file (or other origin) named in the message.</param>
    public static void RequireInsideBox(AtomicStructure structure, string source)
    {
        var outside = FindOutsideBox(structure);
        if (outside.Count == 0) return;
        int i = outside[0];
        var box = structure.Box;
        double z = structure.Positions[i].Z;
        string where = z < box.ZLow ? $"below zlo = {Number(box.ZLow)}" : $"above zhi = {Number(box.ZHigh)}";
        string more = outside.Count == 1 ? "" : $" (and {outside.Count - 1} more atoms)";
        throw new StructureFileException(source, null,
            $"atom {structure.Ids[i]} at {Position(structure.Positions[i])} is outside the box: z = {Number(z)} is {where}{more}");
    }
}
