using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels.Forces;
using NemdEngine.Kernels.Forces.ManyBody;
using NemdEngine.Kernels.Potentials;
using NemdEngine.Model;
using NemdEngine.Potentials;

namespace NemdEngine.Simulation.Forces;

/// <summary>
/// The Tersoff term (LAMMPS pair_tersoff semantics): <see cref="TersoffKernel{TEnergy}"/> as pass 1 of
/// <see cref="ManyBodyForceTerm"/>. A bond i-k is near within the largest cutoff any term can apply
/// to it: the i-k-k pair cutoff and every i-j-k triplet cutoff, from either end (so the near lists
/// are symmetric).
/// </summary>
public sealed class TersoffForceTerm : ManyBodyForceTerm
{
    private readonly TersoffTable table;
    private readonly MemoryBuffer1D<TersoffPairParams, Stride1D.Dense> pairs;
    private readonly MemoryBuffer1D<TersoffTripletParams, Stride1D.Dense> triplets;

    public TersoffForceTerm(IComputeBackend backend, DeviceState state, NeighborList neighbors, ParticleSystem system, TersoffTable table)
        : base(backend, state, neighbors, system, table.TypeCount, NearCutoffs(table))
    {
        this.table = table;
        pairs = backend.Allocate<TersoffPairParams>(table.Pairs.Length);
        pairs.CopyFromCPU(table.Pairs);
        triplets = backend.Allocate<TersoffTripletParams>(table.Triplets.Length);
        triplets.CopyFromCPU(table.Triplets);
    }

    public override IPotentialTable Table => table;

    /// <summary>max over the pair (i, k) and the triplets (i, j, k), then symmetrized (length²).</summary>
    private static float[] NearCutoffs(TersoffTable table)
    {
        int n = table.TypeCount;
        var reach = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
            {
                float c = table.Pairs[table.PairIndex(i, k)].CutoffSquared;
                for (int j = 0; j < n; j++) c = Math.Max(c, table.Triplets[table.TripletIndex(i, j, k)].CutoffSquared);
                reach[i * n + k] = c;
            }
        var symmetric = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                symmetric[i * n + k] = Math.Max(reach[i * n + k], reach[k * n + i]);
        return symmetric;
    }

    protected override void LaunchPartials<TEnergy>(ManyBodyArgs args) =>
        Backend.Launch(AtomCount, new TersoffKernel<TEnergy> { Args = args, Pairs = pairs.View, Triplets = triplets.View });

    public override void Dispose()
    {
        pairs.Dispose();
        triplets.Dispose();
        base.Dispose();
    }
}
