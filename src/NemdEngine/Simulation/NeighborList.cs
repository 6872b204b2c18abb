using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels.Launch;
using NemdEngine.Kernels.Neighbors;
using NemdEngine.Model;

namespace NemdEngine.Simulation;

/// <summary>
/// Cell list + full Verlet list with a skin, built on the backend. Capacities are fixed; when a
/// build overflows, the host grows the buffer to what the kernel counted and builds again
/// (jax-md style), so no step ever runs with a truncated list.
/// </summary>
public sealed partial class NeighborList : IDisposable
{
    private readonly IComputeBackend backend;
    private readonly DeviceState state;
    private readonly int[] flags;
    private readonly bool slotMajor;
    // Per replica: 1 when the build in progress rebuilds its lists (uploaded only when it changes).
    private readonly int[] rebuildMask;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> rebuildReplica;
    private bool maskOnDevice;
    // Builds of each replica's lists (replicas rebuild when their own atoms moved, as separate runs would).
    private readonly long[] replicaBuilds;
    private CellGrid grid;
    private MemoryBuffer1D<int, Stride1D.Dense> cellCounts;
    private MemoryBuffer1D<int, Stride1D.Dense> cellAtoms;
    private MemoryBuffer1D<int, Stride1D.Dense> neighbors;
    // The atoms in cell order, for the vector build (host AVX2 path only).
    private readonly CellOrderBuffers? cellOrder;

    /// <param name="cutoff">Largest interaction cutoff r_c (length).</param>
    /// <param name="skin">Verlet skin (length): the list holds pairs within r_c + skin.</param>
    public NeighborList(IComputeBackend backend, DeviceState state, ParticleSystem system, double cutoff, double skin)
    {
        this.backend = backend;
        this.state = state;
        flags = new int[StepFlags.Length(system.Replicas)];
        rebuildMask = new int[system.Replicas];
        rebuildReplica = backend.Allocate<int>(system.Replicas);
        replicaBuilds = new long[system.Replicas];
        slotMajor = backend.PrefersSlotMajorNeighbors;
        Vectorized = backend.RunsHostVectorKernels && !slotMajor;
        Skin = skin;
        ListCutoff = cutoff + skin;
        int nx = (int)Math.Floor(system.BoxX / ListCutoff), ny = (int)Math.Floor(system.BoxY / ListCutoff);
        if (nx < 3 || ny < 3)
            throw new ArgumentException(
                $"cross-section {system.BoxX:G4} x {system.BoxY:G4} is too small for the cell list: each periodic length must be at least 3 (r_c + skin) = {3 * ListCutoff:G4}");
        if (system.PeriodicZ && system.BoxZ < 3 * ListCutoff)
            throw new ArgumentException($"periodic z length {system.BoxZ:G4} is too small for the cell list: it must be at least 3 (r_c + skin) = {3 * ListCutoff:G4}");
        var sizes = InitialSizes(system.BoxX, system.BoxY, system.ZHigh - system.ZLow, system.AtomsPerReplica, ListCutoff);
        nx = (int)sizes.NX;
        ny = (int)sizes.NY;
        int nz = (int)sizes.NZ;
        double zSpan = system.ZHigh - system.ZLow;
        grid = new CellGrid
        {
            BoxX = system.BoxX,
            BoxY = system.BoxY,
            ZLow = system.ZLow,
            BoxZ = system.BoxZ,
            InvCellX = nx / system.BoxX,
            InvCellY = ny / system.BoxY,
            InvCellZ = (float)(nz / zSpan),
            NX = nx,
            NY = ny,
            NZ = nz,
            Reach = Reach,
            Capacity = (int)sizes.CellCapacity,
            Replicas = system.Replicas,
            AtomsPerReplica = system.AtomsPerReplica,
        };
        int perAtom = (int)sizes.NeighborsPerAtom;
        Layout = MakeLayout(perAtom);
        cellCounts = backend.Allocate<int>(grid.CellCount);
        AllocateCells();
        if (Vectorized) cellOrder = new CellOrderBuffers(backend, grid.CellCount, state.Count);
        Counts = backend.Allocate<int>(state.Count);
        neighbors = backend.Allocate<int>((long)state.Count * Layout.Capacity);
    }

    // Half-width cells (reach 2): fewer candidates per atom; 3 full cells across give ≥ 6 half cells.
    private const int Reach = 2;

    /// <summary>
    /// The starting sizes for <paramref name="atoms"/> atoms at mean density in a box of
    /// <paramref name="boxX"/> × <paramref name="boxY"/> × <paramref name="zSpan"/> (length) with a list
    /// cutoff r_c + skin (length): cells along each axis, atoms per cell and neighbors per atom.
    /// Doubles, so that the memory estimate can size a deck before any of these is known to fit an int.
    /// </summary>
    public static (double NX, double NY, double NZ, double CellCapacity, double NeighborsPerAtom) InitialSizes(
        double boxX, double boxY, double zSpan, double atoms, double listCutoff)
    {
        double nx = Math.Floor(Reach * boxX / listCutoff), ny = Math.Floor(Reach * boxY / listCutoff);
        double nz = Math.Max(1, Math.Floor(Reach * zSpan / listCutoff));
        double density = atoms / (boxX * boxY * zSpan);
        double cellVolume = boxX / nx * (boxY / ny) * (zSpan / nz);
        // Solids are denser than the box average near the middle: start with room to spare.
        double cellCapacity = Math.Floor(3 * density * cellVolume) + 8;
        // 1.25 × the box average (which counts the slack beyond the walls), not a floor of 1 per length³:
        // that floor was LJ's close packing and, in Å, gave Si 700 slots per atom for its 28 neighbors.
        double perAtom = Math.Floor(1.5 * 4.0 / 3.0 * Math.PI * Math.Pow(listCutoff, 3) * 1.25 * density) + 16;
        return (nx, ny, nz, cellCapacity, perAtom);
    }

    /// <summary>True when lists are built by the host AVX2 kernel (the same lists as the portable kernel).</summary>
    public bool Vectorized { get; }
    public double Skin { get; }
    public double ListCutoff { get; }
    public NeighborLayout Layout { get; private set; }
    public CellGrid Grid => grid;
    public MemoryBuffer1D<int, Stride1D.Dense> Counts { get; }
    public ArrayView<int> Neighbors => neighbors.View;
    /// <summary>Number of builds so far (a run statistic); in a batch, of the lists of replica 0.</summary>
    public long Builds => replicaBuilds[0];
    /// <summary>Builds of replica <paramref name="replica"/>'s lists.</summary>
    public long BuildsOf(int replica) => replicaBuilds[replica];
    /// <summary>Changes whenever the list's content may have changed (every build and import); never restored from a checkpoint.</summary>
    public long Version { get; private set; }

    /// <summary>Bins atoms into cells (wrapping them into the periodic box), then builds every atom's list.</summary>
    public void Build()
    {
        Array.Fill(rebuildMask, 1);
        BuildMasked();
    }

    /// <summary>
    /// Rebuilds the lists of the replicas whose flag (<see cref="StepFlags.ReplicaRebuild"/>) is set
    /// in <paramref name="stepFlags"/>, the flags the step read back; the other replicas' atoms keep
    /// their lists and positions untouched, so each replica's lists are those of a run of its own.
    /// </summary>
    public void Build(int[] stepFlags)
    {
        for (int r = 0; r < rebuildMask.Length; r++) rebuildMask[r] = stepFlags[StepFlags.ReplicaRebuild(r)] != 0 ? 1 : 0;
        BuildMasked();
    }

    private void BuildMasked()
    {
        UploadMask();
        BinAtoms();
        if (cellOrder is { } order) OrderCells(order);
        while (true)
        {
            LaunchListBuild();
            state.Flags.CopyToCPU(flags);
            if (flags[StepFlags.NeighborOverflow] == 0) break;
            Grow(flags[StepFlags.NeighborOverflow] + flags[StepFlags.NeighborOverflow] / 4 + 4);
            state.Flags.MemSetToZero();
        }
        for (int r = 0; r < rebuildMask.Length; r++) replicaBuilds[r] += rebuildMask[r];
        Version++;
    }

    private void UploadMask()
    {
        if (maskOnDevice && Array.TrueForAll(rebuildMask, m => m == 1)) return;
        rebuildReplica.CopyFromCPU(rebuildMask);
        maskOnDevice = Array.TrueForAll(rebuildMask, m => m == 1);
    }

    /// <summary>
    /// A larger list buffer; the lists of replicas not being rebuilt are carried over (through the
    /// host: an overflow happens a few times per run at most).
    /// </summary>
    private void Grow(int capacity)
    {
        if (Array.TrueForAll(rebuildMask, m => m == 1))
        {
            Layout = MakeLayout(capacity);
            neighbors.Dispose();
            neighbors = backend.Allocate<int>((long)state.Count * Layout.Capacity);
            return;
        }
        var (counts, old, oldLayout) = ReadLists();
        int perReplica = state.AtomsPerReplica;
        Relayout(capacity, counts, old, oldLayout, i => rebuildMask[i / perReplica] == 0, null);
    }

    /// <summary>Every atom's count and the raw list buffer with its layout, on the host.</summary>
    private (int[] Counts, int[] Raw, NeighborLayout Layout) ReadLists()
    {
        var counts = new int[state.Count];
        Counts.CopyToCPU(counts);
        var raw = new int[neighbors.Length];
        neighbors.CopyToCPU(raw);
        return (counts, raw, Layout);
    }

    /// <summary>
    /// Lays the lists out again with <paramref name="capacity"/> slots per atom: the atoms
    /// <paramref name="keep"/> accepts keep their entries from <paramref name="raw"/>, and
    /// <paramref name="fill"/> (when given) writes the others' on the host array before the upload.
    /// </summary>
    private void Relayout(int capacity, int[] counts, int[] raw, NeighborLayout oldLayout, Func<int, bool> keep, Action<int[]>? fill)
    {
        if (capacity != Layout.Capacity)
        {
            Layout = MakeLayout(capacity);
            neighbors.Dispose();
            neighbors = backend.Allocate<int>((long)state.Count * Layout.Capacity);
        }
        var all = new int[neighbors.Length];
        for (int i = 0; i < state.Count; i++)
            if (keep(i))
                for (int s = 0; s < counts[i]; s++)
                    all[Layout.Index(i, s)] = raw[oldLayout.Index(i, s)];
        fill?.Invoke(all);
        neighbors.CopyFromCPU(all);
    }

    /// <summary>Each cell's atoms, sorted by index; a cell that overflows grows every cell's capacity and bins again.</summary>
    private void BinAtoms()
    {
        while (true)
        {
            cellCounts.MemSetToZero();
            state.Flags.MemSetToZero();
            backend.Launch(state.Count, new BinAtomsKernel
            {
                Positions = state.Positions.View,
                ReferencePositions = state.ReferencePositions.View,
                CellCounts = cellCounts.View,
                CellAtoms = cellAtoms.View,
                Flags = state.Flags.View,
                RebuildReplica = rebuildReplica.View,
                Grid = grid,
            });
            state.Flags.CopyToCPU(flags);
            if (flags[StepFlags.CellOverflow] == 0) break;
            grid.Capacity = flags[StepFlags.CellOverflow] + flags[StepFlags.CellOverflow] / 4 + 4;
            DisposeCells();
            AllocateCells();
        }
        backend.Launch(grid.CellCount, new SortCellKernel { CellCounts = cellCounts.View, CellAtoms = cellAtoms.View, Capacity = grid.Capacity });
    }

    /// <summary>The binned atoms and their coordinates in cell order, for the vector build.</summary>
    private void OrderCells(CellOrderBuffers order)
    {
        backend.Launch(1, new CellOffsetsKernel { CellCounts = cellCounts.View, CellStart = order.CellStart.View, Capacity = grid.Capacity, CellCount = grid.CellCount });
        backend.Launch(grid.CellCount, new CellPositionsKernel
        {
            Positions = state.Positions.View,
            CellCounts = cellCounts.View,
            CellAtoms = cellAtoms.View,
            CellStart = order.CellStart.View,
            SortedAtoms = order.Atoms.View,
            SortedX = order.X.View,
            SortedY = order.Y.View,
            SortedZ = order.Z.View,
            Capacity = grid.Capacity,
        });
    }

    private void LaunchListBuild()
    {
        var args = new NeighborBuildArgs
        {
            Positions = state.Positions.View,
            NeighborCounts = Counts.View,
            Neighbors = neighbors.View,
            Flags = state.Flags.View,
            Grid = grid,
            Layout = Layout,
            RebuildReplica = rebuildReplica.View,
            ListCutoffSquared = (float)(ListCutoff * ListCutoff),
        };
        if (cellOrder is { } order)
            backend.Launch(state.Count, new VectorBuildNeighborListKernel
            {
                Args = args,
                CellStart = order.CellStart.View,
                SortedAtoms = order.Atoms.View,
                SortedX = order.X.View,
                SortedY = order.Y.View,
                SortedZ = order.Z.View,
            });
        else
            backend.Launch(state.Count, new BuildNeighborListKernel { Args = args, CellCounts = cellCounts.View, CellAtoms = cellAtoms.View });
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(cellAtoms))]
    private void AllocateCells() => cellAtoms = backend.Allocate<int>((long)grid.CellCount * grid.Capacity);

    private void DisposeCells() => cellAtoms.Dispose();

    /// <summary>Cell start offsets and the atoms (indices, coordinates) in cell order.</summary>
    private sealed class CellOrderBuffers(IComputeBackend backend, int cells, int atoms) : IDisposable
    {
        public MemoryBuffer1D<int, Stride1D.Dense> CellStart { get; } = backend.Allocate<int>(cells + 1);
        public MemoryBuffer1D<int, Stride1D.Dense> Atoms { get; } = backend.Allocate<int>(atoms);
        public MemoryBuffer1D<float, Stride1D.Dense> X { get; } = backend.Allocate<float>(atoms);
        public MemoryBuffer1D<float, Stride1D.Dense> Y { get; } = backend.Allocate<float>(atoms);
        public MemoryBuffer1D<float, Stride1D.Dense> Z { get; } = backend.Allocate<float>(atoms);

        public void Dispose()
        {
            CellStart.Dispose();
            Atoms.Dispose();
            X.Dispose();
            Y.Dispose();
            Z.Dispose();
        }
    }

    private NeighborLayout MakeLayout(int capacity) => slotMajor
        ? NeighborLayout.SlotMajor(state.Count, capacity)
        : NeighborLayout.AtomMajor(state.Count, capacity);

    public void Dispose()
    {
        rebuildReplica.Dispose();
        cellCounts.Dispose();
        DisposeCells();
        cellOrder?.Dispose();
        Counts.Dispose();
        neighbors.Dispose();
    }
}
