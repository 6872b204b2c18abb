using ILGPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Kernels.Neighbors;

/// <summary>
/// Full Verlet list of atom i: every j ≠ i with |r_i − r_j| &lt; r_list = r_c + skin, found in the
/// (2 Reach + 1)³ cells around i, skipping any cell whose nearest point is farther than r_list from
/// atom i (about half of the 125 cells when Reach = 2). Counts past capacity are still counted so
/// the host can size the list.
/// </summary>
public struct BuildNeighborListKernel : IAtomKernel
{
    public ArrayView<Vec3> Positions;
    public ArrayView<int> CellCounts;
    public ArrayView<int> CellAtoms;
    public ArrayView<int> NeighborCounts;
    public ArrayView<int> Neighbors;
    public ArrayView<int> Flags;
    public CellGrid Grid;
    public NeighborLayout Layout;
    public float ListCutoffSquared;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        Vec3 pi = memory.At(Positions, i);
        Grid.CellCoordinates(pi, out int cx, out int cy, out int cz);
        // Where atom i sits inside its cell, in cell widths (0..1; outside it only when clamped at a z end).
        float ux = pi.X * Grid.InvCellX - cx, uy = pi.Y * Grid.InvCellY - cy, uz = (pi.Z - Grid.ZLow) * Grid.InvCellZ - cz;
        // Cells are pruned against a slightly larger radius, so float rounding never drops a pair the
        // distance test below would keep.
        float pruneSquared = 1.0001f * ListCutoffSquared;
        int count = 0;
        int reach = Grid.Reach;
        for (int dz = -reach; dz <= reach; dz++)
        {
            int z = cz + dz;
            if (z < 0 || z >= Grid.NZ) continue;
            float gz = Gap(dz, uz) / Grid.InvCellZ;
            float gz2 = gz * gz;
            if (gz2 >= pruneSquared) continue;
            for (int dy = -reach; dy <= reach; dy++)
            {
                float gy = Gap(dy, uy) / Grid.InvCellY;
                float gyz2 = gz2 + gy * gy;
                if (gyz2 >= pruneSquared) continue;
                int y = cy + dy;
                if (y < 0) y += Grid.NY; else if (y >= Grid.NY) y -= Grid.NY;
                for (int dx = -reach; dx <= reach; dx++)
                {
                    float gx = Gap(dx, ux) / Grid.InvCellX;
                    if (gyz2 + gx * gx >= pruneSquared) continue;
                    int x = cx + dx;
                    if (x < 0) x += Grid.NX; else if (x >= Grid.NX) x -= Grid.NX;
                    int cell = Grid.CellIndex(x, y, z);
                    int n = memory.At(CellCounts, cell);
                    if (n > Grid.Capacity) n = Grid.Capacity;
                    int start = cell * Grid.Capacity;
                    for (int s = 0; s < n; s++)
                    {
                        int j = memory.At(CellAtoms, start + s);
                        if (j == i) continue;
                        Vec3 d = MinimumImage.Delta(pi, memory.At(Positions, j), Grid.BoxX, Grid.BoxY);
                        if (d.LengthSquared < ListCutoffSquared)
                        {
                            if (count < Layout.Capacity)
                                memory.At(Neighbors, Layout.Index(i, count)) = j;
                            count++;
                        }
                    }
                }
            }
        }
        NeighborCounts[i] = count;
        if (count > Layout.Capacity)
            Atomic.Max(ref Flags[StepFlags.NeighborOverflow], count);
    }

    /// <summary>Distance (in cell widths) from a point at fraction u of its cell to the cell d cells away; never negative.</summary>
    private static float Gap(int d, float u)
    {
        float gap = d > 0 ? d - u : d < 0 ? -d - 1 + u : 0f;
        return gap > 0f ? gap : 0f;
    }
}

/// <summary>Raises StepFlags.Rebuild when atom i moved more than half the skin since the last build.</summary>
public struct DisplacementCheckKernel : IAtomKernel
{
    public ArrayView<Vec3> Positions;
    public ArrayView<Vec3> ReferencePositions;
    public ArrayView<int> Flags;
    /// <summary>(skin / 2)², length².</summary>
    public float TriggerSquared;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        if ((Positions[i] - ReferencePositions[i]).LengthSquared > TriggerSquared)
            Flags[StepFlags.Rebuild] = 1; // Every writer writes the same value: no atomic needed.
    }
}
