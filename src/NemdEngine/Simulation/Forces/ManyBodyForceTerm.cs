using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels;
using NemdEngine.Kernels.Forces;
using NemdEngine.Kernels.Forces.ManyBody;
using NemdEngine.Model;
using NemdEngine.Potentials;

namespace NemdEngine.Simulation.Forces;

/// <summary>The pairwise force f_ij (energy/length) on atom I from its bond with atom J.</summary>
public readonly record struct PairForce(int I, int J, Vec3 Force);

/// <summary>
/// A many-body potential written as site energies U = Σ_i U_i (Fan et al., PRB 92, 094301 (2015)),
/// evaluated in two passes over the full neighbor list without atomics:
/// pass 1 (the potential's kernel, one thread per atom i) finds i's near bonds and writes
/// ∂U_i/∂r_ij (r_ij = r_j − r_i) into a per-slot buffer with the neighbor list's layout, and U_i;
/// pass 2 (<see cref="ManyBodyForceKernel"/>) adds F_i = Σ_j (∂U_i/∂r_ij − ∂U_j/∂r_ji), reading j's
/// partial at the slot a reverse index (rebuilt when the list changes) gives.
/// The same partials give the pairwise forces f_ij (<see cref="ComputePairwiseForces()"/>) and, per bond, ∂U_i/∂r_ij (<see cref="ComputeSitePartials"/>).
/// The scratch buffers follow the neighbor list's capacity when it grows.
/// </summary>
public abstract class ManyBodyForceTerm : IForceTerm
{
    private readonly IComputeBackend backend;
    private readonly DeviceState state;
    private readonly NeighborList neighbors;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> nearCutoffSquared;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> nearCounts;
    private readonly float maxNearCutoffSquared;
    private readonly float boxX, boxY, boxZ;
    private readonly int typeCount;
    private MemoryBuffer1D<ManyBodyBond, Stride1D.Dense>? bonds;
    private MemoryBuffer1D<Vec3, Stride1D.Dense>? partials;
    private MemoryBuffer1D<int, Stride1D.Dense>? reverse;
    private MemoryBuffer1D<Vec3, Stride1D.Dense>? output;
    private int capacity = -1;
    private long reverseVersion = -1;
    private long computedVersion = -1;

    /// <param name="nearCutoffSquared">Per ordered species pair, row-major and symmetric: the squared distance (length²)
    /// below which a neighbor enters the near list (every term of the potential vanishes beyond it).</param>
    protected ManyBodyForceTerm(IComputeBackend backend, DeviceState state, NeighborList neighbors, ParticleSystem system,
        int typeCount, float[] nearCutoffSquared)
    {
        if (nearCutoffSquared.Length != typeCount * typeCount)
            throw new ArgumentException($"{nearCutoffSquared.Length} near cutoffs for {typeCount} species");
        for (int a = 0; a < typeCount; a++)
            for (int b = 0; b < typeCount; b++)
                if (nearCutoffSquared[a * typeCount + b] != nearCutoffSquared[b * typeCount + a])
                    throw new ArgumentException("the near cutoffs must be symmetric: pass 2 finds each bond from both ends");
        foreach (int t in system.Types)
            if (t < 0 || t >= typeCount)
                throw new ArgumentException($"an atom has species {t}, the potential has {typeCount}");
        this.backend = backend;
        this.state = state;
        this.neighbors = neighbors;
        this.typeCount = typeCount;
        boxX = system.BoxX;
        boxY = system.BoxY;
        boxZ = system.BoxZ;
        maxNearCutoffSquared = nearCutoffSquared.Max();
        this.nearCutoffSquared = backend.Allocate<float>(nearCutoffSquared.Length);
        this.nearCutoffSquared.CopyFromCPU(nearCutoffSquared);
        nearCounts = backend.Allocate<int>(state.Count);
    }

    public abstract IPotentialTable Table { get; }

    /// <summary>False: every backend runs the portable kernels.</summary>
    public virtual bool Vectorized => false;

    protected IComputeBackend Backend => backend;
    protected int AtomCount => state.Count;

    public void Accumulate<TEnergy>() where TEnergy : struct, IEnergyMode
    {
        var args = Prepare();
        LaunchPartials<TEnergy>(args);
        backend.Launch(state.Count, new ManyBodyForceKernel { Args = args });
        computedVersion = neighbors.Version;
    }

    /// <summary>Pass 1 of the potential: near lists, ∂U_i/∂r_ij into Args.Partials, and with WithEnergy U_i added to Args.Energies.</summary>
    protected abstract void LaunchPartials<TEnergy>(ManyBodyArgs args) where TEnergy : struct, IEnergyMode;

    /// <summary>
    /// The pairwise forces f_ij = ∂U_i/∂r_ij − ∂U_j/∂r_ji (energy/length) of the positions of the last
    /// force computation, with the neighbor list's layout: element <c>Layout.Index(i, s)</c> is f_ij for
    /// j = <c>Neighbors[Layout.Index(i, s)]</c>, s &lt; <c>Counts[i]</c>; zero for pairs beyond the cutoff;
    /// other elements undefined. F_i = Σ_j f_ij and f_ji = −f_ij (Fan et al. 2015, eq. 14; the sign of
    /// <see cref="Conformance.ManyBodyResult.Pairwise"/>). The view is this term's buffer, on the backend:
    /// valid until the next call, neighbor build or force computation.
    /// </summary>
    public ArrayView<Vec3> ComputePairwiseForces()
    {
        EnsureOutput();
        ComputePairwiseForces(output!.View);
        return output.View;
    }

    /// <summary>
    /// <see cref="ComputePairwiseForces()"/> into a caller's backend buffer of at least
    /// <see cref="SlotCount"/> elements (e.g. one the spectral heat current keeps).
    /// </summary>
    public void ComputePairwiseForces(ArrayView<Vec3> destination) => LaunchPerSlot(destination, siteOnly: 0);

    /// <summary>
    /// The site partials ∂U_i/∂r_ij (energy/length, r_ij = r_j − r_i) of the last force computation, per slot
    /// as <see cref="ComputePairwiseForces()"/>, zero beyond the cutoff: the per-bond derivatives of U_i
    /// that the heat current of a many-body potential is made of (Fan et al. 2015, J = Σ_i Σ_j r_ij (∂U_j/∂r_ji · v_i)).
    /// </summary>
    public void ComputeSitePartials(ArrayView<Vec3> destination) => LaunchPerSlot(destination, siteOnly: 1);

    /// <summary>Elements a per-slot output needs: atoms × the neighbor list's capacity (it changes when the list grows).</summary>
    public long SlotCount => (long)state.Count * neighbors.Layout.Capacity;

    private void LaunchPerSlot(ArrayView<Vec3> destination, int siteOnly)
    {
        if (computedVersion != neighbors.Version)
            throw new InvalidOperationException("no forces have been computed with the current neighbor list");
        if (destination.Length < SlotCount)
            throw new ArgumentException($"a per-slot buffer needs {SlotCount} elements, this one has {destination.Length}");
        backend.Launch(state.Count, new ManyBodyPairwiseKernel { Args = Prepare(), Out = destination, SiteOnly = siteOnly });
    }

    private void EnsureOutput()
    {
        if (output is not null && output.Length == SlotCount) return;
        output?.Dispose();
        output = backend.Allocate<Vec3>(SlotCount);
    }

    /// <summary>
    /// <see cref="ComputePairwiseForces"/> copied to the host as (i, j, f_ij) for every ordered pair with a
    /// nonzero pairwise force, in (i, slot) order (energy/length). For tests and small analyses.
    /// </summary>
    public IReadOnlyList<PairForce> ReadPairwiseForces()
    {
        ComputePairwiseForces();
        var all = new Vec3[output!.Length];
        output.CopyToCPU(all);
        var snapshot = neighbors.Export();
        var layout = neighbors.Layout;
        var result = new List<PairForce>();
        long k = 0;
        for (int i = 0; i < snapshot.Counts.Length; i++)
            for (int s = 0; s < snapshot.Counts[i]; s++, k++)
            {
                Vec3 f = all[layout.Index(i, s)];
                if (f.X != 0f || f.Y != 0f || f.Z != 0f) result.Add(new PairForce(i, snapshot.Entries[k], f));
            }
        return result;
    }

    /// <summary>Scratch sized to the list's capacity; the reverse index rebuilt when the list changed.</summary>
    private ManyBodyArgs Prepare()
    {
        var layout = neighbors.Layout;
        if (layout.Capacity != capacity)
        {
            DisposeScratch();
            long slots = (long)state.Count * layout.Capacity;
            bonds = backend.Allocate<ManyBodyBond>(slots);
            partials = backend.Allocate<Vec3>(slots);
            reverse = backend.Allocate<int>(slots);
            capacity = layout.Capacity;
            reverseVersion = -1;
        }
        var args = new ManyBodyArgs
        {
            Positions = state.Positions.View,
            Types = state.Types.View,
            NeighborCounts = neighbors.Counts.View,
            Neighbors = neighbors.Neighbors,
            Layout = layout,
            NearCutoffSquared = nearCutoffSquared.View,
            MaxNearCutoffSquared = maxNearCutoffSquared,
            NearCounts = nearCounts.View,
            Bonds = bonds!.View,
            Partials = partials!.View,
            Reverse = reverse!.View,
            Forces = state.Forces.View,
            Energies = state.Energies.View,
            TypeCount = typeCount,
            BoxX = boxX,
            BoxY = boxY,
            BoxZ = boxZ,
        };
        if (reverseVersion != neighbors.Version)
        {
            backend.Launch(state.Count, new ReverseSlotKernel { Args = args });
            reverseVersion = neighbors.Version;
        }
        return args;
    }

    private void DisposeScratch()
    {
        bonds?.Dispose();
        partials?.Dispose();
        reverse?.Dispose();
        output?.Dispose();
        bonds = null;
        partials = null;
        reverse = null;
        output = null;
    }

    public virtual void Dispose()
    {
        DisposeScratch();
        nearCutoffSquared.Dispose();
        nearCounts.Dispose();
        GC.SuppressFinalize(this);
    }
}
