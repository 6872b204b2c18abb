using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels.Integration;

namespace NemdEngine.Simulation;

/// <summary>
/// What to do with one group of atoms each step (HOOMD-blue's integration methods). NEMD is a
/// composition: Langevin(hot) + Nve(bulk) + Langevin(cold); atoms in no method (the frozen
/// walls) never move.
/// </summary>
public abstract record MethodSpec(string Name, int[] Atoms);

/// <summary>Plain velocity-Verlet (microcanonical) on a group.</summary>
public sealed record NveSpec(string Name, int[] Atoms) : MethodSpec(Name, Atoms);

/// <summary>Velocity-Verlet plus a Langevin bath at temperature (energy, k_B T) with damping time (time).</summary>
public sealed record LangevinSpec(string Name, int[] Atoms, double Temperature, double Damping) : MethodSpec(Name, Atoms);

/// <summary>An integration method bound to backend buffers: a first half (kick, drift) and a second half (kick, bath).</summary>
public abstract class IntegrationMethod : IDisposable
{
    protected IntegrationMethod(IComputeBackend backend, DeviceState state, MethodSpec spec, double dt)
    {
        Backend = backend;
        State = state;
        Spec = spec;
        Dt = (float)dt;
        Group = backend.Allocate<int>(spec.Atoms.Length);
        if (spec.Atoms.Length > 0) Group.CopyFromCPU(spec.Atoms); // an empty group still owns a 1-element buffer
    }

    public MethodSpec Spec { get; }
    protected IComputeBackend Backend { get; }
    protected DeviceState State { get; }
    protected MemoryBuffer1D<int, Stride1D.Dense> Group { get; }
    protected float Dt { get; }
    protected int Count => Spec.Atoms.Length;

    public void FirstHalf(float zLow, float zHigh) => Backend.Launch(Count, new VelocityVerletFirstHalfKernel
    {
        Group = Group.View,
        Positions = State.Positions.View,
        Velocities = State.Velocities.View,
        Forces = State.Forces.View,
        Masses = State.Masses.View,
        Flags = State.Flags.View,
        Dt = Dt,
        ZLow = zLow,
        ZHigh = zHigh,
    });

    /// <param name="step">Index of the step being completed (the random-number counter).</param>
    public abstract void SecondHalf(long step);

    public virtual void Dispose()
    {
        Group.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <param name="seeds">One per replica (<see cref="DeviceState.Replicas"/>).</param>
    public static IntegrationMethod Create(IComputeBackend backend, DeviceState state, MethodSpec spec, double dt, IReadOnlyList<ulong> seeds) => spec switch
    {
        NveSpec nve => new NveMethod(backend, state, nve, dt),
        LangevinSpec langevin => new LangevinMethod(backend, state, langevin, dt, seeds),
        _ => throw new ArgumentException($"unknown method {spec.GetType().Name}"),
    };
}

public sealed class NveMethod(IComputeBackend backend, DeviceState state, NveSpec spec, double dt)
    : IntegrationMethod(backend, state, spec, dt)
{
    public override void SecondHalf(long step) => Backend.Launch(Count, new VelocityVerletSecondHalfKernel
    {
        Group = Group.View,
        Velocities = State.Velocities.View,
        Forces = State.Forces.View,
        Masses = State.Masses.View,
        Dt = Dt,
    });
}

/// <summary>
/// Velocity-Verlet with an exact Ornstein-Uhlenbeck bath step after the second kick (the
/// "VV + O" splitting). The bath's energy tally is the exact kinetic-energy change of that
/// sub-step, kept per atom in double precision on the backend.
/// </summary>
public sealed class LangevinMethod : IntegrationMethod
{
    private readonly LangevinSpec spec;
    private readonly MemoryBuffer1D<ulong, Stride1D.Dense> seeds;

    /// <param name="seeds">One per replica: each replica draws the numbers of a run with its seed.</param>
    public LangevinMethod(IComputeBackend backend, DeviceState state, LangevinSpec spec, double dt, IReadOnlyList<ulong> seeds)
        : base(backend, state, spec, dt)
    {
        this.spec = spec;
        this.seeds = backend.Allocate<ulong>(seeds.Count);
        this.seeds.CopyFromCPU(seeds.ToArray());
    }

    public double Temperature => spec.Temperature;

    public override void SecondHalf(long step) => Backend.Launch(Count, new LangevinSecondHalfKernel
    {
        Group = Group.View,
        AtomIds = State.Ids.View,
        Velocities = State.Velocities.View,
        Forces = State.Forces.View,
        Masses = State.Masses.View,
        BathEnergy = State.BathEnergy.View,
        Dt = Dt,
        Decay = (float)Math.Exp(-Dt / spec.Damping),
        KT = (float)spec.Temperature,
        Seeds = seeds.View,
        AtomsPerReplica = State.AtomsPerReplica,
        Step = step,
    });

    public override void Dispose()
    {
        seeds.Dispose();
        base.Dispose();
    }
}
