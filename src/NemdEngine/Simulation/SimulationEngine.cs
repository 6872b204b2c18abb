using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels;
using NemdEngine.Kernels.Forces;
using NemdEngine.Kernels.Launch;
using NemdEngine.Kernels.Neighbors;
using NemdEngine.Kernels.Potentials;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Simulation.Forces;

namespace NemdEngine.Simulation;

/// <summary>Timestep (time), Verlet skin (length) and seed of the counter RNG.</summary>
public sealed record SimulationOptions(double Timestep, double Skin, ulong Seed)
{
    /// <summary>Each replica's seed in a batch (<see cref="ParticleSystem.Replicas"/>); null for one run with <see cref="Seed"/>.</summary>
    public IReadOnlyList<ulong>? ReplicaSeeds { get; init; }
    public IReadOnlyList<ulong> Seeds => ReplicaSeeds ?? [Seed];
}

/// <summary>
/// Owns the backend buffers and the launch order of one step:
/// methods' first half → displacement check → (rebuild) → forces → methods' second half.
/// The host reads back one small flag buffer per step; everything else stays on the backend.
/// </summary>
public sealed partial class SimulationEngine : IDisposable
{
    private readonly IComputeBackend backend;
    private readonly ParticleSystem system;
    private readonly ForceField forceField;
    // Where an atom counts as lost along z; a periodic z loses none (only a non-finite position is flagged).
    private readonly (float Low, float High) zLimits;
    private readonly int[] flags;
    private readonly Vec3[] hostPositions;
    private readonly Vec3[] hostVelocities;
    private readonly Vec3[] hostForces;
    private readonly float[] hostFloats;
    // An array, not the IReadOnlyList, in the step loop: foreach over the interface allocates an enumerator every step.
    private readonly IntegrationMethod[] methodArray;

    /// <param name="potentials">One table per force term; their forces add up.</param>
    public SimulationEngine(IComputeBackend backend, ParticleSystem system, IReadOnlyList<IPotentialTable> potentials, IEnumerable<MethodSpec> methods, SimulationOptions options)
    {
        this.backend = backend;
        this.system = system;
        Options = options;
        if (options.Seeds.Count != system.Replicas)
            throw new ArgumentException($"{options.Seeds.Count} seeds for {system.Replicas} replicas");
        State = new DeviceState(backend, system);
        flags = new int[StepFlags.Length(system.Replicas)];
        Neighbors = new NeighborList(backend, State, system, ForceField.MaxCutoff(potentials), options.Skin);
        forceField = new ForceField(backend, State, Neighbors, system, potentials);
        zLimits = system.PeriodicZ ? (float.NegativeInfinity, float.PositiveInfinity) : (system.ZLow, system.ZHigh);
        methodArray = methods.Select(m => IntegrationMethod.Create(backend, State, m, options.Timestep, options.Seeds)).ToArray();
        hostPositions = new Vec3[system.Count];
        hostVelocities = new Vec3[system.Count];
        hostForces = new Vec3[system.Count];
        hostFloats = new float[system.Count];
        Neighbors.Build();
        ComputeForces<WithoutEnergy>();
    }

    public SimulationOptions Options { get; }
    /// <summary>Per-stage wall times, collected when Times.Enabled is set (benchmarks).</summary>
    public StageTimes Times { get; } = new();
    public DeviceState State { get; }
    public NeighborList Neighbors { get; }
    public IReadOnlyList<IntegrationMethod> Methods => methodArray;
    public IComputeBackend Backend => backend;
    /// <summary>The force terms, one per potential table, in the order given.</summary>
    public IReadOnlyList<IForceTerm> ForceTerms => forceField.Terms;
    /// <summary>True when every force term runs its host AVX2 kernel.</summary>
    public bool VectorizedForces => forceField.Terms.All(t => t.Vectorized);
    public int AtomCount => system.Count;
    /// <summary>Steps completed since the simulation was created.</summary>
    public long Step { get; private set; }

    /// <summary>Advances <paramref name="steps"/> steps; <paramref name="afterStep"/> sees each completed step number.</summary>
    public void Run(long steps, Action<long>? afterStep = null, CancellationToken cancel = default)
    {
        for (long s = 0; s < steps; s++)
        {
            cancel.ThrowIfCancellationRequested();
            AdvanceOneStep();
            afterStep?.Invoke(Step);
        }
    }

    private void AdvanceOneStep()
    {
        long t = Mark();
        State.Flags.MemSetToZero();
        foreach (var method in methodArray) method.FirstHalf(zLimits.Low, zLimits.High);
        t = Lap(StageTimes.Integration, t);
        bool rebuild = CheckMovedAtoms(Step + 1);
        t = Lap(StageTimes.Flags, t);
        if (rebuild) Neighbors.Build(flags);
        t = Lap(StageTimes.Neighbor, t);
        ComputeForces<WithoutEnergy>();
        t = Lap(StageTimes.Force, t);
        foreach (var method in methodArray) method.SecondHalf(Step);
        Lap(StageTimes.Integration, t);
        Step++;
    }

    /// <summary>
    /// After kernels moved atoms (State.Flags cleared before them): the displacement check and one
    /// flag read. Throws, naming <paramref name="step"/>, when a mover flagged an atom; true when the
    /// list must be rebuilt (then <see cref="flags"/> says for which replicas).
    /// </summary>
    private bool CheckMovedAtoms(long step)
    {
        backend.Launch(system.Count, new DisplacementCheckKernel
        {
            Positions = State.Positions.View,
            ReferencePositions = State.ReferencePositions.View,
            Flags = State.Flags.View,
            TriggerSquared = (float)(0.25 * Neighbors.Skin * Neighbors.Skin),
            AtomsPerReplica = State.AtomsPerReplica,
        });
        State.Flags.CopyToCPU(flags);
        if (flags[StepFlags.BadAtom] != 0) ThrowBlewUp(step, flags[StepFlags.BadAtom] - 1);
        return flags[StepFlags.Rebuild] != 0;
    }

    /// <summary>
    /// For movers of atoms other than the step loop (the minimizer): after its kernels moved atoms
    /// (State.Flags cleared before them), the step loop's displacement check, a neighbor rebuild if
    /// needed, and the forces of the new positions (with <see cref="WithEnergy"/> the per-atom
    /// energies too). A flagged atom throws <see cref="SimulationBlewUpException"/> naming <paramref name="step"/>.
    /// </summary>
    internal void RefreshAfterMove<TEnergy>(long step) where TEnergy : struct, IEnergyMode
    {
        if (CheckMovedAtoms(step)) Neighbors.Build(flags);
        ComputeForces<TEnergy>();
    }

    /// <summary>Where a moved atom counts as lost along z (length); infinite for a periodic z.</summary>
    internal (float Low, float High) ZLimits => zLimits;

    private long Mark() => Times.Enabled ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;

    private long Lap(int stage, long start)
    {
        if (!Times.Enabled) return 0;
        backend.Synchronize();
        Times.Add(stage, start);
        return System.Diagnostics.Stopwatch.GetTimestamp();
    }

    private void ComputeForces<TEnergy>() where TEnergy : struct, IEnergyMode => forceField.Compute<TEnergy>();

    private void ThrowBlewUp(long step, int atom)
    {
        Vec3 p = ReadPositions()[atom];
        string reason = float.IsFinite(p.X) && float.IsFinite(p.Y) && float.IsFinite(p.Z)
            ? $"left the box along z (allowed {system.ZLow:G5} to {system.ZHigh:G5})"
            : "has a non-finite position (NaN or infinity)";
        if (system.Replicas > 1) reason += $", in replica {atom / system.AtomsPerReplica} of the batch";
        throw new SimulationBlewUpException(step, system.Ids[atom], p, reason);
    }

    /// <summary>Replaces all positions (length), rebuilds the neighbor list and recomputes forces.</summary>
    public void WritePositions(Vec3[] positions)
    {
        State.Positions.CopyFromCPU(positions);
        Neighbors.Build();
        ComputeForces<WithoutEnergy>();
    }

    /// <summary>
    /// Replaces all velocities (length/time); positions, forces and the neighbor list stay. After a
    /// minimization (which leaves them zero) this puts thermal velocities back, e.g. the system's
    /// own from <see cref="Lattice.BilayerBuilder.AssignVelocities"/>.
    /// </summary>
    public void WriteVelocities(Vec3[] velocities)
    {
        if (velocities.Length != system.Count) throw new ArgumentException($"{velocities.Length} velocities for {system.Count} atoms");
        State.Velocities.CopyFromCPU(velocities);
    }

    /// <summary>Positions (length) of every atom, copied to host memory (the returned array is reused).</summary>
    public Vec3[] ReadPositions() { State.Positions.CopyToCPU(hostPositions); return hostPositions; }

    /// <summary>Velocities (length/time), copied to host memory (the returned array is reused).</summary>
    public Vec3[] ReadVelocities() { State.Velocities.CopyToCPU(hostVelocities); return hostVelocities; }

    /// <summary>Forces (energy/length) of the current positions, copied to host memory (the returned array is reused).</summary>
    public Vec3[] ReadForces() { State.Forces.CopyToCPU(hostForces); return hostForces; }

    /// <summary>Kinetic and potential energy (energy) of the whole system, summed in double precision.</summary>
    public (double Kinetic, double Potential) ComputeEnergy()
    {
        ComputeForces<WithEnergy>();
        State.Energies.CopyToCPU(hostFloats);
        double potential = 0;
        foreach (float e in hostFloats) potential += e;
        var v = ReadVelocities();
        double kinetic = 0;
        for (int i = 0; i < v.Length; i++)
            kinetic += 0.5 * system.Masses[i] * ((double)v[i].X * v[i].X + (double)v[i].Y * v[i].Y + (double)v[i].Z * v[i].Z);
        return (kinetic, potential);
    }

    public void Dispose()
    {
        foreach (var method in Methods) method.Dispose();
        Neighbors.Dispose();
        forceField.Dispose();
        State.Dispose();
    }
}
