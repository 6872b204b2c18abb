namespace NemdEngine.Kernels.Neighbors;

/// <summary>
/// A uniform cell grid, periodic in x and y (origin 0, lengths BoxX, BoxY) and in z either bounded
/// (from ZLow, NZ cells; BoxZ = 0) or periodic (length BoxZ from ZLow, the bulk benchmark liquid). Cells are at least r_list / Reach wide, so the (2 Reach + 1)³ cells
/// around an atom hold every neighbor; NX, NY ≥ 2 Reach + 1 so no cell is visited twice.
/// Reach 2 (half-width cells) tests about 40 % fewer candidate pairs than Reach 1.
/// </summary>
public struct CellGrid
{
    public float BoxX, BoxY, ZLow;
    /// <summary>Periodic length along z, or 0 when z is bounded (length).</summary>
    public float BoxZ;
    public float InvCellX, InvCellY, InvCellZ;
    public int NX, NY, NZ;
    /// <summary>Cells searched on each side of an atom's own cell.</summary>
    public int Reach;
    /// <summary>Atom slots per cell; occupancy beyond it raises StepFlags.CellOverflow.</summary>
    public int Capacity;
    /// <summary>
    /// Independent replicas of one system (nemd run --replicas): atoms come in consecutive blocks of
    /// AtomsPerReplica, each replica has its own NX × NY × NZ cells, so no atom ever sees another
    /// replica's. One replica: AtomsPerReplica is the atom count.
    /// </summary>
    public int Replicas, AtomsPerReplica;

    public readonly int CellsPerReplica => NX * NY * NZ;
    /// <summary>Cells of all replicas.</summary>
    public readonly int CellCount => CellsPerReplica * Replicas;

    public readonly int ReplicaOf(int atom) => atom / AtomsPerReplica;

    /// <summary>Index of the first cell of the replica atom <paramref name="atom"/> belongs to.</summary>
    public readonly int FirstCellOf(int atom) => ReplicaOf(atom) * CellsPerReplica;

    public readonly void CellCoordinates(Vec3 p, out int cx, out int cy, out int cz)
    {
        cx = Clamp((int)(p.X * InvCellX), NX);
        cy = Clamp((int)(p.Y * InvCellY), NY);
        cz = Clamp((int)((p.Z - ZLow) * InvCellZ), NZ);
    }

    public readonly int CellIndex(int cx, int cy, int cz) => (cz * NY + cy) * NX + cx;

    /// <summary>
    /// Calls the visitor for the cells, in the replica of <paramref name="atom"/>, of the (2 Reach + 1)³ stencil around p whose nearest point is
    /// closer than √radiusSquared (about half of the 125 cells when Reach = 2), in a fixed order
    /// (z, then y, then x), as runs of consecutive cells along x: the surviving cells of a row form
    /// one interval around p's cell (the gap grows with |dx|), cut in two where it wraps around
    /// the periodic x boundary. Each run comes with the x/y/z shift (±Box or 0) that brings its
    /// atoms next to p.
    /// </summary>
    public readonly void VisitStencil<TVisitor>(int atom, Vec3 p, float radiusSquared, ref TVisitor visitor) where TVisitor : struct, ICellVisitor
    {
        int firstCell = FirstCellOf(atom);
        CellCoordinates(p, out int cx, out int cy, out int cz);
        // Where p sits inside its cell, in cell widths (0..1; outside it only when clamped at a z end).
        float ux = p.X * InvCellX - cx, uy = p.Y * InvCellY - cy, uz = (p.Z - ZLow) * InvCellZ - cz;
        // Cells are pruned against a slightly larger radius, so float rounding never drops a pair a
        // distance test against radiusSquared would keep.
        float pruneSquared = 1.0001f * radiusSquared;
        float widthX = 1f / InvCellX, widthY = 1f / InvCellY, widthZ = 1f / InvCellZ;
        for (int dz = -Reach; dz <= Reach; dz++)
        {
            int z = cz + dz;
            if (!WrapZ(ref z, out float shiftZ)) continue;
            float gz = Gap(dz, uz) * widthZ;
            float gz2 = gz * gz;
            if (gz2 >= pruneSquared) continue;
            for (int dy = -Reach; dy <= Reach; dy++)
            {
                float gy = Gap(dy, uy) * widthY;
                float gyz2 = gz2 + gy * gy;
                if (gyz2 >= pruneSquared) continue;
                int y = cy + dy;
                float shiftY = WrapY(ref y);
                int low = 0, high = 0;
                while (low > -Reach && gyz2 + Square(Gap(low - 1, ux) * widthX) < pruneSquared) low--;
                while (high < Reach && gyz2 + Square(Gap(high + 1, ux) * widthX) < pruneSquared) high++;
                VisitRow(firstCell + CellIndex(0, y, z), cx + low, cx + high, shiftY, shiftZ, ref visitor);
            }
        }
    }

    private static float Square(float x) => x * x;

    /// <summary>
    /// The whole (2 Reach + 1)³ stencil around p's cell, without pruning, in the order of
    /// <see cref="VisitStencil"/>: rows of 2 Reach + 1 cells, cut where they wrap. It visits a
    /// superset of the pruned stencil's cells, and the cells it adds hold no atom within the
    /// pruning radius, so a distance test over either gives the same neighbors in the same order.
    /// For vector searches, where per-atom pruning costs more than the candidates it saves.
    /// </summary>
    public readonly void VisitWholeStencil<TVisitor>(int atom, Vec3 p, ref TVisitor visitor) where TVisitor : struct, ICellVisitor
    {
        int firstCell = FirstCellOf(atom);
        CellCoordinates(p, out int cx, out int cy, out int cz);
        for (int dz = -Reach; dz <= Reach; dz++)
        {
            int z = cz + dz;
            if (!WrapZ(ref z, out float shiftZ)) continue;
            for (int dy = -Reach; dy <= Reach; dy++)
            {
                int y = cy + dy;
                float shiftY = WrapY(ref y);
                VisitRow(firstCell + CellIndex(0, y, z), cx - Reach, cx + Reach, shiftY, shiftZ, ref visitor);
            }
        }
    }

    /// <summary>
    /// Brings a stencil z index into [0, NZ) when z is periodic and returns the shift (±BoxZ or 0)
    /// for its atoms; false for an index beyond a bounded z end (no such cell).
    /// </summary>
    private readonly bool WrapZ(ref int z, out float shift)
    {
        shift = 0f;
        if (z >= 0 && z < NZ) return true;
        if (BoxZ <= 0f) return false;
        if (z < 0) { z += NZ; shift = BoxZ; } else { z -= NZ; shift = -BoxZ; }
        return true;
    }

    /// <summary>Brings a stencil y index into [0, NY) and returns the shift (±BoxY or 0) for its atoms.</summary>
    private readonly float WrapY(ref int y)
    {
        if (y < 0) { y += NY; return BoxY; }
        if (y >= NY) { y -= NY; return -BoxY; }
        return 0f;
    }

    /// <summary>Cells x0..x1 of one row (x0 &lt; 0 or x1 ≥ NX wrap), as at most two runs in x order.</summary>
    private readonly void VisitRow<TVisitor>(int row, int x0, int x1, float shiftY, float shiftZ, ref TVisitor visitor) where TVisitor : struct, ICellVisitor
    {
        // NX ≥ 2 Reach + 2, so a run of at most 2 Reach + 1 cells wraps on one side only.
        if (x0 < 0)
        {
            visitor.VisitRun(row + NX + x0, -x0, BoxX, shiftY, shiftZ);
            x0 = 0;
        }
        visitor.VisitRun(row + x0, (x1 < NX ? x1 : NX - 1) - x0 + 1, 0f, shiftY, shiftZ);
        if (x1 >= NX)
            visitor.VisitRun(row, x1 - NX + 1, -BoxX, shiftY, shiftZ);
    }

    /// <summary>Distance (in cell widths) from a point at fraction u of its cell to the cell d cells away; never negative.</summary>
    private static float Gap(int d, float u)
    {
        float gap = d > 0 ? d - u : d < 0 ? -d - 1 + u : 0f;
        return gap > 0f ? gap : 0f;
    }

    private static int Clamp(int c, int n) => c < 0 ? 0 : (c >= n ? n - 1 : c);
}

/// <summary>What a neighbor search does with a run of stencil cells (see <see cref="CellGrid.VisitStencil"/>).</summary>
public interface ICellVisitor
{
    /// <param name="firstCell">Index of the run's first cell; the run is cells firstCell .. firstCell + cells − 1 (consecutive x).</param>
    /// <param name="shiftX">Added to x differences p − p_j so that they are minimum-image differences (length); likewise y and z.</param>
    void VisitRun(int firstCell, int cells, float shiftX, float shiftY, float shiftZ);
}

/// <summary>
/// Where neighbor k of atom i lives: list[i * AtomStride + k * SlotStride]. Atom-major suits
/// CPU caches; slot-major (AtomStride = 1) gives coalesced loads on GPUs.
/// </summary>
public struct NeighborLayout
{
    public int AtomStride;
    public int SlotStride;
    public int Capacity;

    public readonly int Index(int atom, int slot) => atom * AtomStride + slot * SlotStride;

    public static NeighborLayout AtomMajor(int atoms, int capacity) => new() { AtomStride = capacity, SlotStride = 1, Capacity = capacity };
    public static NeighborLayout SlotMajor(int atoms, int capacity) => new() { AtomStride = 1, SlotStride = atoms, Capacity = capacity };
}

/// <summary>Minimum image for the orthorhombic box: x and y always periodic, z when boxZ &gt; 0.</summary>
public static class MinimumImage
{
    public static Vec3 Delta(Vec3 a, Vec3 b, float boxX, float boxY, float boxZ)
    {
        float dx = a.X - b.X, dy = a.Y - b.Y, dz = a.Z - b.Z;
        float hx = 0.5f * boxX, hy = 0.5f * boxY, hz = 0.5f * boxZ;
        if (dx > hx) dx -= boxX; else if (dx < -hx) dx += boxX;
        if (dy > hy) dy -= boxY; else if (dy < -hy) dy += boxY;
        if (boxZ > 0f)
        {
            if (dz > hz) dz -= boxZ; else if (dz < -hz) dz += boxZ;
        }
        return new Vec3(dx, dy, dz);
    }
}
