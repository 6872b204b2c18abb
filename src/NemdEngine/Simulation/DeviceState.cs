using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels;
using NemdEngine.Kernels.Launch;
using NemdEngine.Model;

namespace NemdEngine.Simulation;

/// <summary>
/// Per-atom state in backend memory for the whole run. Host code reads it back only at sampling
/// intervals; the per-step traffic is the small flag buffer.
/// </summary>
public sealed class DeviceState : IDisposable
{
    public DeviceState(IComputeBackend backend, ParticleSystem system)
    {
        Count = system.Count;
        Replicas = system.Replicas;
        Positions = backend.Allocate<Vec3>(Count);
        Velocities = backend.Allocate<Vec3>(Count);
        Forces = backend.Allocate<Vec3>(Count);
        ReferencePositions = backend.Allocate<Vec3>(Count);
        Masses = backend.Allocate<float>(Count);
        Types = backend.Allocate<int>(Count);
        Ids = backend.Allocate<int>(Count);
        Energies = backend.Allocate<float>(Count);
        BathEnergy = backend.Allocate<double>(Count);
        Flags = backend.Allocate<int>(StepFlags.Length(system.Replicas));

        Positions.CopyFromCPU(system.Positions);
        Velocities.CopyFromCPU(system.Velocities);
        Masses.CopyFromCPU(system.Masses);
        Types.CopyFromCPU(system.Types);
        Ids.CopyFromCPU(system.Ids);
        Forces.MemSetToZero();
        Energies.MemSetToZero();
        BathEnergy.MemSetToZero();
        Flags.MemSetToZero();
    }

    public int Count { get; }
    /// <summary>See <see cref="ParticleSystem.Replicas"/>.</summary>
    public int Replicas { get; }
    public int AtomsPerReplica => Count / Replicas;
    public MemoryBuffer1D<Vec3, Stride1D.Dense> Positions { get; }
    public MemoryBuffer1D<Vec3, Stride1D.Dense> Velocities { get; }
    public MemoryBuffer1D<Vec3, Stride1D.Dense> Forces { get; }
    /// <summary>Positions at the last neighbor build (for the skin/2 displacement check).</summary>
    public MemoryBuffer1D<Vec3, Stride1D.Dense> ReferencePositions { get; }
    public MemoryBuffer1D<float, Stride1D.Dense> Masses { get; }
    public MemoryBuffer1D<int, Stride1D.Dense> Types { get; }
    public MemoryBuffer1D<int, Stride1D.Dense> Ids { get; }
    /// <summary>Per-atom potential energy, written only by the energy variant of the force kernel.</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> Energies { get; }
    /// <summary>Cumulative energy each atom received from its Langevin bath (double precision).</summary>
    public MemoryBuffer1D<double, Stride1D.Dense> BathEnergy { get; }
    /// <summary>See <see cref="StepFlags"/>.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> Flags { get; }

    public void Dispose()
    {
        Positions.Dispose();
        Velocities.Dispose();
        Forces.Dispose();
        ReferencePositions.Dispose();
        Masses.Dispose();
        Types.Dispose();
        Ids.Dispose();
        Energies.Dispose();
        BathEnergy.Dispose();
        Flags.Dispose();
    }
}
