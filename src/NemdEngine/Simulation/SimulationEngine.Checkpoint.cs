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
    /// <summary>Copies the complete dynamical state to the host.</summary>
    public SimulationSnapshot Capture()
    {
        int n = system.Count;
        var positions = new Vec3[n];
        var velocities = new Vec3[n];
        var forces = new Vec3[n];
        var reference = new Vec3[n];
        var bath = new double[n];
        State.Positions.CopyToCPU(positions);
        State.Velocities.CopyToCPU(velocities);
        State.Forces.CopyToCPU(forces);
        State.ReferencePositions.CopyToCPU(reference);
        State.BathEnergy.CopyToCPU(bath);
        return new SimulationSnapshot(Step, positions, velocities, forces, reference, bath, Neighbors.Export());
    }

    /// <summary>Puts a captured state back exactly: no neighbor rebuild, no force recomputation.</summary>
    public void Restore(SimulationSnapshot snapshot)
    {
        int n = system.Count;
        if (snapshot.Positions.Length != n || snapshot.Velocities.Length != n || snapshot.Forces.Length != n
            || snapshot.ReferencePositions.Length != n || snapshot.BathEnergy.Length != n)
            throw new ArgumentException($"the snapshot is of a system of {snapshot.Positions.Length} atoms, this one has {n}");
        if (snapshot.Step < 0) throw new ArgumentException($"negative step {snapshot.Step}");
        State.Positions.CopyFromCPU(snapshot.Positions);
        State.Velocities.CopyFromCPU(snapshot.Velocities);
        State.Forces.CopyFromCPU(snapshot.Forces);
        State.ReferencePositions.CopyFromCPU(snapshot.ReferencePositions);
        State.BathEnergy.CopyFromCPU(snapshot.BathEnergy);
        Neighbors.Import(snapshot.Neighbors);
        Step = snapshot.Step;
    }
}
