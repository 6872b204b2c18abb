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
    }

    public override IPotentialTable Table => table;

    protected override void LaunchPartials<TEnergy>(ManyBodyArgs args) =>
        Backend.Launch(AtomCount, new StillingerWeberKernel<TEnergy> { Args = args, Pairs = pairs.View, Triplets = triplets.View });

    public override void Dispose()
    {
        pairs.Dispose();
        triplets.Dispose();
        base.Dispose();
    }
}
