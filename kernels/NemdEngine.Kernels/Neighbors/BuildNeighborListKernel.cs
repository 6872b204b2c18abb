using ILGPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Kernels.Neighbors;

/// <summary>What a list build reads and writes besides the binned atoms: one struct for the portable kernel and its host vector twin.</summary>
public struct NeighborBuildArgs
{
    public ArrayView<Vec3> Positions;
    public ArrayView<int> NeighborCounts;
    public ArrayView<int> Neighbors;
    public ArrayView<int> Flags;
    public CellGrid Grid;
    public NeighborLayout Layout;
    /// <summary>Per replica, nonzero when its lists are rebuilt; the atoms of the others keep theirs untouched.</summary>
    public ArrayView<int> RebuildReplica;
    /// <summary>(r_c + skin)², length².</summary>
    public float ListCutoffSquared;

    public readonly bool Skips<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        return memory.At(RebuildReplica, Grid.ReplicaOf(i)) == 0;
    }

    /// <summary>Stores atom i's count and raises the overflow flag when the list did not fit.</summary>
    public readonly void Finish<TAccess>(int i, int count) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        memory.At(NeighborCounts, i) = count;
        if (count > Layout.Capacity)
            Atomic.Max(ref memory.At(Flags, StepFlags.NeighborOverflow), count);
    }
}

/// <summary>
/// Full Verlet list of atom i: every j ≠ i with |r_i − r_j| &lt; r_list = r_c + skin, found in the
/// pruned cell stencil around i, in stencil order and, within a cell, in index order. Counts past
/// capacity are still counted so the host can size the list.
/// </summary>
public struct BuildNeighborListKernel : IAtomKernel
{
    public NeighborBuildArgs Args;
    /// <summary>Atoms per cell, and each cell's atoms in Grid.Capacity slots, sorted by index.</summary>
    public ArrayView<int> CellCounts;
    public ArrayView<int> CellAtoms;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        if (Args.Skips<TAccess>(i)) return;
        TAccess memory = default;
        var search = new CellSearch<TAccess>
        {
            Kernel = this,
            Atom = i,
            Position = memory.At(Args.Positions, i),
        };
        Args.Grid.VisitStencil(i, search.Position, Args.ListCutoffSquared, ref search);
        Args.Finish<TAccess>(i, search.Count);
    }

    /// <summary>Appends the atoms of a run of cells that lie within r_list of atom i.</summary>
    private struct CellSearch<TAccess> : ICellVisitor where TAccess : struct, IViewAccess
    {
        public BuildNeighborListKernel Kernel;
        public int Atom;
        public Vec3 Position;
        public int Count;

        public void VisitRun(int firstCell, int cells, float shiftX, float shiftY, float shiftZ)
        {
            for (int cell = firstCell; cell < firstCell + cells; cell++)
                Visit(cell, shiftX, shiftY, shiftZ);
        }

        private void Visit(int cell, float shiftX, float shiftY, float shiftZ)
        {
            TAccess memory = default;
            ref readonly NeighborBuildArgs args = ref Kernel.Args;
            int capacity = args.Grid.Capacity;
            int n = memory.At(Kernel.CellCounts, cell);
            if (n > capacity) n = capacity;
            int start = cell * capacity;
            for (int s = 0; s < n; s++)
            {
                int j = memory.At(Kernel.CellAtoms, start + s);
                if (j == Atom) continue;
                Vec3 d = Position - memory.At(args.Positions, j);
                d.X += shiftX;
                d.Y += shiftY;
                d.Z += shiftZ;
                if (d.LengthSquared < args.ListCutoffSquared)
                {
                    if (Count < args.Layout.Capacity)
                        memory.At(args.Neighbors, args.Layout.Index(Atom, Count)) = j;
                    Count++;
                }
            }
        }
    }
}

/// <summary>
/// Raises StepFlags.Rebuild, and the rebuild flag of atom i's replica, when atom i moved more than
/// half the skin since the last build.
/// </summary>
public struct DisplacementCheckKernel : IAtomKernel
{
    public ArrayView<Vec3> Positions;
    public ArrayView<Vec3> ReferencePositions;
    public ArrayView<int> Flags;
    /// <summary>(skin / 2)², length².</summary>
    public float TriggerSquared;
    public int AtomsPerReplica;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        if ((memory.At(Positions, i) - memory.At(ReferencePositions, i)).LengthSquared > TriggerSquared)
        {
            // Every writer writes the same value: no atomic needed.
            memory.At(Flags, StepFlags.Rebuild) = 1;
            memory.At(Flags, StepFlags.ReplicaRebuild(i / AtomsPerReplica)) = 1;
        }
    }
}
