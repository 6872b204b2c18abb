using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels.Forces;
using NemdEngine.Kernels.Potentials;
using NemdEngine.Model;
using NemdEngine.Potentials;

namespace NemdEngine.Simulation.Forces;

/// <summary>
/// The Lennard-Jones force term: owns the pair table on the backend and picks the force kernel
/// once, the AVX2 kernel on a host backend that offers it, the portable kernel everywhere else.
/// </summary>
public sealed class LennardJonesForceTerm : IForceTerm
{
    private readonly IComputeBackend backend;
    private readonly DeviceState state;
    private readonly NeighborList neighbors;
    private readonly LennardJonesTable pairs;
    private readonly MemoryBuffer1D<LennardJonesParams, Stride1D.Dense> pairTable;
    private readonly float boxX, boxY, boxZ;

    public LennardJonesForceTerm(IComputeBackend backend, DeviceState state, NeighborList neighbors, ParticleSystem system, LennardJonesTable pairs)
    {
        this.backend = backend;
        this.state = state;
        this.neighbors = neighbors;
        this.pairs = pairs;
        boxX = system.BoxX;
        boxY = system.BoxY;
        boxZ = system.BoxZ;
        pairTable = backend.Allocate<LennardJonesParams>(pairs.Entries.Length);
        pairTable.CopyFromCPU(pairs.Entries);
        // The vector kernel reads each atom's neighbors as one contiguous row.
        Vectorized = backend.RunsHostVectorKernels && !backend.PrefersSlotMajorNeighbors;
    }

    /// <summary>True when forces come from the host AVX2 kernel.</summary>
    public bool Vectorized { get; }

    public IPotentialTable Table => pairs;

    public void Accumulate<TEnergy>() where TEnergy : struct, IEnergyMode
    {
        var args = new PairForceArgs<LennardJonesParams>
        {
            Positions = state.Positions.View,
            Types = state.Types.View,
            NeighborCounts = neighbors.Counts.View,
            Neighbors = neighbors.Neighbors,
            PairTable = pairTable.View,
            Forces = state.Forces.View,
            Energies = state.Energies.View,
            Layout = neighbors.Layout,
            TypeCount = pairs.TypeCount,
            UniformPairs = pairs.Uniform ? 1 : 0,
            BoxX = boxX,
            BoxY = boxY,
            BoxZ = boxZ,
        };
        if (Vectorized)
            backend.Launch(state.Count, new VectorLennardJonesForceKernel<TEnergy> { Args = args });
        else
            backend.Launch(state.Count, new PairForceKernel<LennardJones, LennardJonesParams, TEnergy> { Args = args });
    }

    public void Dispose() => pairTable.Dispose();
}
