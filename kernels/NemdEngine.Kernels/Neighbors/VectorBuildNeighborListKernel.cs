using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Kernels.Neighbors;

/// <summary>
/// Where each cell starts in the cell-ordered arrays: CellStart[c] = Σ_{c' &lt; c} min(count, capacity),
/// and CellStart[CellCount] = all binned atoms. One item does the whole scan: it is launched on
/// the host CPU path only, where a serial scan of the cells takes microseconds.
/// </summary>
public struct CellOffsetsKernel : IAtomKernel
{
    public ArrayView<int> CellCounts;
    public ArrayView<int> CellStart;
    public int Capacity;
    public int CellCount;

    public void Execute<TAccess>(int item) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int sum = 0;
        for (int cell = 0; cell < CellCount; cell++)
        {
            memory.At(CellStart, cell) = sum;
            int n = memory.At(CellCounts, cell);
            sum += n < Capacity ? n : Capacity;
        }
        memory.At(CellStart, CellCount) = sum;
    }
}

/// <summary>
/// Copies each cell's atoms and their positions into cell order (structure of arrays, no gaps), so
/// the atoms of consecutive cells are contiguous and the vector build reads a whole run of cells
/// with plain vector loads.
/// </summary>
public struct CellPositionsKernel : IAtomKernel
{
    public ArrayView<Vec3> Positions;
    public ArrayView<int> CellCounts;
    public ArrayView<int> CellAtoms;
    public ArrayView<int> CellStart;
    public ArrayView<int> SortedAtoms;
    public ArrayView<float> SortedX, SortedY, SortedZ;
    public int Capacity;

    public void Execute<TAccess>(int cell) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int n = memory.At(CellCounts, cell);
        if (n > Capacity) n = Capacity;
        int to = memory.At(CellStart, cell);
        for (int from = cell * Capacity, end = from + n; from < end; from++, to++)
        {
            int j = memory.At(CellAtoms, from);
            Vec3 p = memory.At(Positions, j);
            memory.At(SortedAtoms, to) = j;
            memory.At(SortedX, to) = p.X;
            memory.At(SortedY, to) = p.Y;
            memory.At(SortedZ, to) = p.Z;
        }
    }
}

/// <summary>
/// <see cref="BuildNeighborListKernel"/> for the host CPU path, eight candidates at a time with
/// AVX2: the distance test is branch-free and accepted indices are packed with a permutation, so
/// the build no longer pays a mispredicted branch per candidate. The list is identical to the
/// scalar kernel's (same stencil order, same index order, same float operations), which the tests
/// check. It walks the whole, unpruned stencil (<see cref="CellGrid.VisitWholeStencil"/>): per-atom
/// pruning cost more than the candidates it saves here (builds 20-30 % faster without it), and a
/// whole row of consecutive cells is one contiguous stretch of the cell-ordered arrays, so it
/// costs one or two loops of 8 rather than one per cell. Host only, never
/// compiled by ILGPU; needs <see cref="CellOffsetsKernel"/> and <see cref="CellPositionsKernel"/>
/// run after binning, and an atom-major layout.
/// </summary>
public struct VectorBuildNeighborListKernel : IAtomKernel
{
    /// <summary>As the portable kernel's; the layout must be atom-major.</summary>
    public NeighborBuildArgs Args;
    /// <summary>The binned atoms in cell order (<see cref="CellOffsetsKernel"/>, <see cref="CellPositionsKernel"/>).</summary>
    public ArrayView<int> CellStart;
    public ArrayView<int> SortedAtoms;
    public ArrayView<float> SortedX, SortedY, SortedZ;

    public static bool IsSupported => Avx2.IsSupported && Popcnt.IsSupported;

    public unsafe void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        if (Args.Skips<TAccess>(i)) return;
        TAccess memory = default;
        Vec3 pi = memory.At(Args.Positions, i);
        var search = new CellSearch
        {
            CellStart = (int*)Unsafe.AsPointer(ref memory.At(CellStart, 0)),
            Atoms = (int*)Unsafe.AsPointer(ref memory.At(SortedAtoms, 0)),
            X = (float*)Unsafe.AsPointer(ref memory.At(SortedX, 0)),
            Y = (float*)Unsafe.AsPointer(ref memory.At(SortedY, 0)),
            Z = (float*)Unsafe.AsPointer(ref memory.At(SortedZ, 0)),
            Row = (int*)Unsafe.AsPointer(ref memory.At(Args.Neighbors, Args.Layout.Index(i, 0))),
            RowCapacity = Args.Layout.Capacity,
            Xi = Vector256.Create(pi.X),
            Yi = Vector256.Create(pi.Y),
            Zi = Vector256.Create(pi.Z),
            Self = Vector256.Create(i),
            CutoffSquared = Vector256.Create(Args.ListCutoffSquared),
        };
        Args.Grid.VisitWholeStencil(i, pi, ref search);
        Args.Finish<TAccess>(i, search.Count);
    }

    private unsafe struct CellSearch : ICellVisitor
    {
        public int* CellStart, Atoms, Row;
        public float* X, Y, Z;
        public int RowCapacity, Count;
        public Vector256<float> Xi, Yi, Zi, CutoffSquared;
        public Vector256<int> Self;

        public void VisitRun(int firstCell, int cells, float shiftX, float shiftY, float shiftZ)
        {
            int start = CellStart[firstCell], end = CellStart[firstCell + cells];
            Vector256<float> sx = Vector256.Create(shiftX), sy = Vector256.Create(shiftY), sz = Vector256.Create(shiftZ);
            Vector256<int> lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), last = Vector256.Create(end);
            for (int s = start; s < end; s += 8)
            {
                // Masked loads never touch the lanes past the run's end.
                Vector256<int> valid = Vector256.LessThan(lanes + Vector256.Create(s), last);
                Vector256<float> validF = valid.AsSingle();
                Vector256<int> j = Avx2.MaskLoad(Atoms + s, valid);
                // (p_i − p_j) + shift: the scalar kernel's operations in its order, so the lists match bit for bit.
                Vector256<float> dx = (Xi - Avx.MaskLoad(X + s, validF)) + sx;
                Vector256<float> dy = (Yi - Avx.MaskLoad(Y + s, validF)) + sy;
                Vector256<float> dz = (Zi - Avx.MaskLoad(Z + s, validF)) + sz;
                Vector256<float> r2 = dx * dx + dy * dy + dz * dz;
                Vector256<float> keep = Vector256.LessThan(r2, CutoffSquared) & validF & ~Vector256.Equals(j, Self).AsSingle();
                uint mask = (uint)Avx.MoveMask(keep);
                if (mask == 0) continue;
                if (Count + 8 <= RowCapacity)
                    Avx.Store(Row + Count, Avx2.PermuteVar8x32(j, Packing.Table[mask]));
                else // Near or past capacity: write what fits, keep counting so the host can resize.
                    for (int k = Count, m = (int)mask; m != 0; m &= m - 1, k++)
                        if (k < RowCapacity) Row[k] = j.GetElement(BitOperations.TrailingZeroCount(m));
                Count += BitOperations.PopCount(mask);
            }
        }
    }
}

/// <summary>For each 8-bit mask, the permutation that moves the selected lanes to the front, in order.</summary>
internal static class Packing
{
    public static readonly Vector256<int>[] Table = Build();

    private static Vector256<int>[] Build()
    {
        var table = new Vector256<int>[256];
        Span<int> order = stackalloc int[8];
        for (int mask = 0; mask < 256; mask++)
        {
            int n = 0;
            for (int lane = 0; lane < 8; lane++)
                if ((mask & (1 << lane)) != 0) order[n++] = lane;
            while (n < 8) order[n++] = 0;
            table[mask] = Vector256.Create((ReadOnlySpan<int>)order);
        }
        return table;
    }
}
