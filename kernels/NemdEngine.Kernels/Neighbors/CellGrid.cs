namespace NemdEngine.Kernels.Neighbors;

/// <summary>
/// A uniform cell grid, periodic in x and y (origin 0, lengths BoxX, BoxY) and bounded in z
/// (from ZLow, NZ cells). Cells are at least r_list / Reach wide, so the (2 Reach + 1)³ cells
/// around an atom hold every neighbor; NX, NY ≥ 2 Reach + 1 so no cell is visited twice.
/// Reach 2 (half-width cells) tests about 40 % fewer candidate pairs than Reach 1.
/// </summary>
public struct CellGrid
{
    public float BoxX, BoxY, ZLow;
    public float InvCellX, InvCellY, InvCellZ;
    public int NX, NY, NZ;
    /// <summary>Cells searched on each side of an atom's own cell.</summary>
    public int Reach;
    /// <summary>Atom slots per cell; occupancy beyond it raises StepFlags.CellOverflow.</summary>
    public int Capacity;

    public readonly int CellCount => NX * NY * NZ;

    public readonly void CellCoordinates(Vec3 p, out int cx, out int cy, out int cz)
    {
        cx = Clamp((int)(p.X * InvCellX), NX);
        cy = Clamp((int)(p.Y * InvCellY), NY);
        cz = Clamp((int)((p.Z - ZLow) * InvCellZ), NZ);
    }

    public readonly int CellIndex(int cx, int cy, int cz) => (cz * NY + cy) * NX + cx;

    private static int Clamp(int c, int n) => c < 0 ? 0 : (c >= n ? n - 1 : c);
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

/// <summary>x and y minimum image for the orthorhombic box; z is not periodic.</summary>
public static class MinimumImage
{
    public static Vec3 Delta(Vec3 a, Vec3 b, float boxX, float boxY)
    {
        float dx = a.X - b.X, dy = a.Y - b.Y;
        float hx = 0.5f * boxX, hy = 0.5f * boxY;
        if (dx > hx) dx -= boxX; else if (dx < -hx) dx += boxX;
        if (dy > hy) dy -= boxY; else if (dy < -hy) dy += boxY;
        return new Vec3(dx, dy, a.Z - b.Z);
    }
}
