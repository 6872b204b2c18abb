using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Kernels.Neighbors;

/// <summary>
/// Copies each cell's atom positions into slot order (structure of arrays), so the vector list
/// build reads a cell's candidates with plain vector loads instead of gathers.
/// </summary>
public struct CellPositionsKernel : IAtomKernel
{
    public ArrayView<Vec3> Positions;
    public ArrayView<int> CellCounts;
    public ArrayView<int> CellAtoms;
    public ArrayView<float> CellX, CellY, CellZ;
    public int Capacity;

    public void Execute<TAccess>(int cell) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int n = memory.At(CellCounts, cell);
        if (n > Capacity) n = Capacity;
        for (int s = cell * Capacity, end = s + n; s < end; s++)
        {
            Vec3 p = memory.At(Positions, memory.At(CellAtoms, s));
            memory.At(CellX, s) = p.X;
            memory.At(CellY, s) = p.Y;
            memory.At(CellZ, s) = p.Z;
        }
    }
}

/// <summary>
/// <see cref="BuildNeighborListKernel"/> for the host CPU path, eight candidates at a time with
/// AVX2: the distance test is branch-free and accepted indices are packed with a permutation, so
/// the build no longer pays a mispredicted branch per candidate. The list is identical to the
/// scalar kernel's (same stencil order, same index order, same float operations), which the tests
/// check. Host only, never compiled by ILGPU; needs <see cref="CellPositionsKernel"/> run after
/// binning, and an atom-major layout.
/// </summary>
public struct VectorBuildNeighborListKernel : IAtomKernel
{
    public ArrayView<Vec3> Positions;
    public ArrayView<int> CellCounts;
    public ArrayView<int> CellAtoms;
    public ArrayView<float> CellX, CellY, CellZ;
    public ArrayView<int> NeighborCounts;
    public ArrayView<int> Neighbors;
    public ArrayView<int> Flags;
    public CellGrid Grid;
    public NeighborLayout Layout;
    public float ListCutoffSquared;

    public static bool IsSupported => Avx2.IsSupported && Popcnt.IsSupported;

    public unsafe void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        Vec3 pi = memory.At(Positions, i);
        var search = new CellSearch
        {
            CellCounts = (int*)Unsafe.AsPointer(ref memory.At(CellCounts, 0)),
            CellAtoms = (int*)Unsafe.AsPointer(ref memory.At(CellAtoms, 0)),
            CellX = (float*)Unsafe.AsPointer(ref memory.At(CellX, 0)),
            CellY = (float*)Unsafe.AsPointer(ref memory.At(CellY, 0)),
            CellZ = (float*)Unsafe.AsPointer(ref memory.At(CellZ, 0)),
            CellCapacity = Grid.Capacity,
            Row = (int*)Unsafe.AsPointer(ref memory.At(Neighbors, Layout.Index(i, 0))),
            RowCapacity = Layout.Capacity,
            Xi = Vector256.Create(pi.X),
            Yi = Vector256.Create(pi.Y),
            Zi = Vector256.Create(pi.Z),
            Self = Vector256.Create(i),
            CutoffSquared = Vector256.Create(ListCutoffSquared),
        };
        Grid.VisitStencil(pi, ListCutoffSquared, ref search);
        int count = search.Count;
        memory.At(NeighborCounts, i) = count;
        if (count > Layout.Capacity)
            Atomic.Max(ref memory.At(Flags, StepFlags.NeighborOverflow), count);
    }

    private unsafe struct CellSearch : ICellVisitor
    {
        public int* CellCounts, CellAtoms, Row;
        public float* CellX, CellY, CellZ;
        public int CellCapacity, RowCapacity, Count;
        public Vector256<float> Xi, Yi, Zi, CutoffSquared;
        public Vector256<int> Self;

        public void Visit(int cell, float shiftX, float shiftY, float shiftZ)
        {
            int n = Math.Min(CellCounts[cell], CellCapacity);
            int start = cell * CellCapacity;
            Vector256<float> sx = Vector256.Create(shiftX), sy = Vector256.Create(shiftY), sz = Vector256.Create(shiftZ);
            Vector256<int> lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), count = Vector256.Create(n);
            for (int s = 0; s < n; s += 8)
            {
                Vector256<int> valid = Vector256.LessThan(lanes + Vector256.Create(s), count);
                Vector256<float> validF = valid.AsSingle();
                Vector256<int> j = Avx2.MaskLoad(CellAtoms + start + s, valid);
                // (p_i − p_j) + shift: the scalar kernel's operations in its order, so the lists match bit for bit.
                Vector256<float> dx = (Xi - Avx.MaskLoad(CellX + start + s, validF)) + sx;
                Vector256<float> dy = (Yi - Avx.MaskLoad(CellY + start + s, validF)) + sy;
                Vector256<float> dz = (Zi - Avx.MaskLoad(CellZ + start + s, validF)) + sz;
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
