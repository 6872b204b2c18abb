using ILGPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Kernels.Neighbors;

/// <summary>
/// Wraps an atom into the periodic box (x, y, and z when periodic), records it as the reference position for the
/// displacement check, and appends it to its cell (atomic slot counter, fixed capacity).
/// </summary>
public struct BinAtomsKernel : IAtomKernel
{
    public ArrayView<Vec3> Positions;
    public ArrayView<Vec3> ReferencePositions;
    public ArrayView<int> CellCounts;
    public ArrayView<int> CellAtoms;
    public ArrayView<int> Flags;
    /// <summary>Per replica, nonzero when it is rebuilt; the atoms of the others are not binned (nor wrapped).</summary>
    public ArrayView<int> RebuildReplica;
    public CellGrid Grid;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        if (memory.At(RebuildReplica, Grid.ReplicaOf(i)) == 0) return;
        Vec3 p = memory.At(Positions, i);
        p.X -= Grid.BoxX * MathF.Floor(p.X / Grid.BoxX);
        p.Y -= Grid.BoxY * MathF.Floor(p.Y / Grid.BoxY);
        if (p.X >= Grid.BoxX) p.X = 0f; // Floor of a value just below 0 can round up to BoxX.
        if (p.Y >= Grid.BoxY) p.Y = 0f;
        if (Grid.BoxZ > 0f)
        {
            p.Z -= Grid.BoxZ * MathF.Floor((p.Z - Grid.ZLow) / Grid.BoxZ);
            if (p.Z >= Grid.ZLow + Grid.BoxZ) p.Z = Grid.ZLow;
        }
        memory.At(Positions, i) = p;
        memory.At(ReferencePositions, i) = p;
        Grid.CellCoordinates(p, out int cx, out int cy, out int cz);
        int cell = Grid.FirstCellOf(i) + Grid.CellIndex(cx, cy, cz);
        int slot = Atomic.Add(ref memory.At(CellCounts, cell), 1);
        if (slot < Grid.Capacity)
            memory.At(CellAtoms, cell * Grid.Capacity + slot) = i;
        else
            Atomic.Max(ref memory.At(Flags, StepFlags.CellOverflow), slot + 1);
    }
}

/// <summary>
/// Sorts the atoms of one cell by index (insertion sort, a few tens of entries). Binning with
/// atomics fills cells in a thread-dependent order; sorting makes neighbor order, and so
/// float summation order, identical run to run.
/// </summary>
public struct SortCellKernel : IAtomKernel
{
    public ArrayView<int> CellCounts;
    public ArrayView<int> CellAtoms;
    public int Capacity;

    public void Execute<TAccess>(int cell) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int n = memory.At(CellCounts, cell);
        if (n > Capacity) n = Capacity;
        int start = cell * Capacity;
        for (int a = 1; a < n; a++)
        {
            int key = memory.At(CellAtoms, start + a);
            int b = a - 1;
            while (b >= 0 && memory.At(CellAtoms, start + b) > key)
            {
                memory.At(CellAtoms, start + b + 1) = memory.At(CellAtoms, start + b);
                b--;
            }
            memory.At(CellAtoms, start + b + 1) = key;
        }
    }
}
