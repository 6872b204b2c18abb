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
/// The Stillinger-Weber term (LAMMPS pair_sw semantics): <see cref="StillingerWeberKernel{TEnergy}"/> as
/// pass 1 of <see cref="ManyBodyForceTerm"/>. A bond is near within its i-j-j neighbor cutoff
/// (symmetric: the table checks it), where both the two-body term and its radial factor end.
/// On a host backend with AVX2, pass 1 is <see cref="VectorStillingerWeberKernel{TEnergy}"/>.
/// </summary>
public sealed class StillingerWeberForceTerm : ManyBodyForceTerm
{
    private readonly StillingerWeberTable table;
    private readonly MemoryBuffer1D<StillingerWeberPairParams, Stride1D.Dense> pairs;
    private readonly MemoryBuffer1D<StillingerWeberTripletParams, Stride1D.Dense> triplets;

    public StillingerWeberForceTerm(IComputeBackend backend, DeviceState state, NeighborList neighbors, ParticleSystem system, StillingerWeberTable table)
        : base(backend, state, neighbors, system, table.TypeCount, table.Pairs.Select(p => p.CutoffSquared).ToArray())
    {
        this.table = table;
        pairs = backend.Allocate<StillingerWeberPairParams>(table.Pairs.Length);
        pairs.CopyFromCPU(table.Pairs);
        triplets = backend.Allocate<StillingerWeberTripletParams>(table.Triplets.Length);
        triplets.CopyFromCPU(table.Triplets);
        // The AVX2 pass 1 reads each atom's neighbors as one contiguous row.
        vectorized = backend.RunsHostVectorKernels && !backend.PrefersSlotMajorNeighbors
            && VectorStillingerWeberKernel<WithoutEnergy>.IsSupported(table.Pairs);
    }

    private readonly bool vectorized;

    public override IPotentialTable Table => table;

    /// <summary>True when pass 1 runs the host AVX2 kernel.</summary>
    public override bool Vectorized => vectorized;

    protected override void LaunchPartials<TEnergy>(ManyBodyArgs args)
    {
        if (vectorized)
            Backend.Launch(AtomCount, new VectorStillingerWeberKernel<TEnergy>
            {
                Args = args, Pairs = pairs.View, Triplets = triplets.View, PowerP = (int)table.Pairs[0].P, PowerQ = (int)table.Pairs[0].Q,
            });
        else
            Backend.Launch(AtomCount, new StillingerWeberKernel<TEnergy> { Args = args, Pairs = pairs.View, Triplets = triplets.View });
    }

    public override void Dispose()
    {
        pairs.Dispose();
        triplets.Dispose();
        base.Dispose();
    }
}
