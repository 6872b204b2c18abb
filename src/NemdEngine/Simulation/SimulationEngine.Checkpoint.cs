using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Kernels;

namespace NemdEngine.Simulation;

/// <summary>
/// Everything the step loop carries from one step to the next: the step counter (also the random
/// numbers' counter), positions (length, x and y as wrapped at the last neighbor build),
/// velocities (length/time), forces of the current positions (energy/length, needed by the next
/// first half), the reference positions of the displacement check, the per-atom bath tallies
/// (energy) and the neighbor list with its order. Restoring it continues the run bit for bit.
/// </summary>
public sealed record SimulationSnapshot(long Step, Vec3[] Positions, Vec3[] Velocities, Vec3[] Forces, Vec3[] ReferencePositions,
    double[] BathEnergy, NeighborSnapshot Neighbors);

public sealed partial class SimulationEngine
{
    /// <summary>
    /// Copies the complete dynamical state of one replica (the whole system when there is one) to
    /// the host: the snapshot a run of that replica alone would hold.
    /// </summary>
    public SimulationSnapshot Capture(int replica = 0)
    {
        var (first, n) = ReplicaRange(replica);
        return new SimulationSnapshot(Step, Slice(State.Positions, first, n), Slice(State.Velocities, first, n), Slice(State.Forces, first, n),
            Slice(State.ReferencePositions, first, n), Slice(State.BathEnergy, first, n), Neighbors.Export(replica));
    }

    /// <summary>
    /// Puts a captured state back exactly, into one replica (the whole system when there is one):
    /// no neighbor rebuild, no force recomputation. The replicas of a batch share the step counter.
    /// </summary>
    public void Restore(SimulationSnapshot snapshot, int replica = 0)
    {
        var (first, n) = ReplicaRange(replica);
        if (snapshot.Positions.Length != n || snapshot.Velocities.Length != n || snapshot.Forces.Length != n
            || snapshot.ReferencePositions.Length != n || snapshot.BathEnergy.Length != n)
            throw new ArgumentException($"the snapshot is of a system of {snapshot.Positions.Length} atoms, this one has {n}");
        if (snapshot.Step < 0) throw new ArgumentException($"negative step {snapshot.Step}");
        State.Positions.View.SubView(first, n).CopyFromCPU(snapshot.Positions);
        State.Velocities.View.SubView(first, n).CopyFromCPU(snapshot.Velocities);
        State.Forces.View.SubView(first, n).CopyFromCPU(snapshot.Forces);
        State.ReferencePositions.View.SubView(first, n).CopyFromCPU(snapshot.ReferencePositions);
        State.BathEnergy.View.SubView(first, n).CopyFromCPU(snapshot.BathEnergy);
        Neighbors.Import(snapshot.Neighbors, replica);
        Step = snapshot.Step;
    }

    private (int First, int Count) ReplicaRange(int replica)
    {
        if ((uint)replica >= (uint)system.Replicas) throw new ArgumentOutOfRangeException(nameof(replica), $"replica {replica} of {system.Replicas}");
        return (replica * system.AtomsPerReplica, system.AtomsPerReplica);
    }

    private static T[] Slice<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer, int first, int n) where T : unmanaged
    {
        var host = new T[n];
        buffer.View.SubView(first, n).CopyToCPU(host);
        return host;
    }
}
