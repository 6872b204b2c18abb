using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels;
using NemdEngine.Kernels.Potentials;
using NemdEngine.Kernels.Sampling;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Simulation;
using NemdEngine.Simulation.Forces;

namespace NemdEngine.Sampling.Spectral;

/// <summary>
/// The spectral heat current across the interface, sampled during production. At each spectral
/// sample the backend computes, for every selected atom k (mobile, within the plan's thickness of the
/// interface plane), the interfacial force X_k from the atoms of the other side (each force term adds
/// its share: <see cref="InterfacePairForceKernel{TEval,TParams}"/> for Lennard-Jones,
/// <see cref="InterfaceManyBodyKernel"/> for Stillinger-Weber and Tersoff) and gathers v_k; the host
/// reads 2 vectors per selected atom and hands them to <see cref="WelchCrossSpectra"/>. A side is fixed
/// per atom by where it was built (below or above the interface plane), so an atom that wanders keeps it.
/// The kernels are the portable ones on every backend, the cpu device's included.
/// </summary>
public sealed class SpectralSampler : IDisposable
{
    private readonly IComputeBackend backend;
    private readonly SimulationEngine engine;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> selected;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> sides;
    private readonly MemoryBuffer1D<Vec3, Stride1D.Dense> output;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> crossPairs;
    private readonly List<(LennardJonesTable Table, MemoryBuffer1D<LennardJonesParams, Stride1D.Dense> Buffer)> pairTerms = [];
    private readonly List<ManyBodyForceTerm> manyBodyTerms = [];
    private MemoryBuffer1D<Vec3, Stride1D.Dense>? partials;
    private readonly Vec3[] hostOutput;
    private readonly float boxX, boxY, boxZ;
    private readonly WelchCrossSpectra welch;

    /// <param name="system">The built system: its initial positions fix each atom's side and the selection.</param>
    public SpectralSampler(IComputeBackend backend, SimulationEngine engine, ParticleSystem system, BilayerLayout layout, SpectralPlan plan)
    {
        this.backend = backend;
        this.engine = engine;
        Plan = plan;
        InterfaceZ = layout.InterfaceZ;
        var side = new int[system.Count];
        var chosen = new List<int>();
        for (int i = 0; i < system.Count; i++)
        {
            double z = system.Positions[i].Z;
            side[i] = z < layout.InterfaceZ ? 0 : 1;
            if (system.Regions[i] != Region.Frozen && Math.Abs(z - layout.InterfaceZ) <= plan.Thickness) chosen.Add(i);
        }
        Selected = [.. chosen];
        int n = Selected.Length;
        AtomsA = Selected.Count(i => side[i] == 0);
        AtomsB = n - AtomsA;
        selected = backend.Allocate<int>(n);
        selected.CopyFromCPU(Selected);
        sides = backend.Allocate<int>(system.Count);
        sides.CopyFromCPU(side);
        output = backend.Allocate<Vec3>(2L * n);
        crossPairs = backend.Allocate<int>(n);
        hostOutput = new Vec3[2 * n];
        (boxX, boxY, boxZ) = (system.BoxX, system.BoxY, system.BoxZ);
        foreach (var term in engine.ForceTerms)
        {
            switch (term)
            {
                case LennardJonesForceTerm { Table: LennardJonesTable lj }:
                    var buffer = backend.Allocate<LennardJonesParams>(lj.Entries.Length);
                    buffer.CopyFromCPU(lj.Entries);
                    pairTerms.Add((lj, buffer));
                    break;
                case ManyBodyForceTerm many:
                    manyBodyTerms.Add(many);
                    break;
                default:
                    throw new NotSupportedException($"the spectral heat current has no interfacial force for potential style '{term.Table.Style}'");
            }
        }
        welch = new WelchCrossSpectra(n, plan.SegmentSamples, Selected.Select(i => side[i]).ToArray(), Selected.Select(i => (double)system.Masses[i]).ToArray());
    }

    public SpectralPlan Plan { get; }
    /// <summary>z of the interface plane (length).</summary>
    public double InterfaceZ { get; }
    /// <summary>The selected atoms, in increasing order.</summary>
    public int[] Selected { get; }
    public int AtomsA { get; }
    public int AtomsB { get; }
    /// <summary>Samples taken so far (those of a resumed run's earlier part included).</summary>
    public long SampleCount { get; private set; }
    /// <summary>Host memory the segment holds (bytes).</summary>
    public long BufferBytes => welch.BufferBytes;

    /// <summary>Computes X_k and v_k of the current state on the backend; the host view (X of every selected atom, then v) is reused.</summary>
    public ReadOnlySpan<Vec3> Measure()
    {
        var args = Args();
        backend.Launch(args.Count, new InterfaceGatherKernel { Args = args });
        foreach (var (table, buffer) in pairTerms)
            backend.Launch(args.Count, new InterfacePairForceKernel<LennardJones, LennardJonesParams> { Args = args, PairTable = buffer.View, TypeCount = table.TypeCount });
        foreach (var term in manyBodyTerms)
        {
            if (partials is null || partials.Length < term.SlotCount)
            {
                partials?.Dispose();
                partials = backend.Allocate<Vec3>(term.SlotCount);
            }
            term.ComputeSitePartials(partials.View);
            backend.Launch(args.Count, new InterfaceManyBodyKernel { Args = args, Partials = partials.View });
        }
        output.CopyToCPU(hostOutput);
        return hostOutput;
    }

    /// <summary>Takes one spectral sample of the current state.</summary>
    public void Sample()
    {
        welch.Add(Measure());
        SampleCount++;
    }

    /// <summary>Pairs across the interface within a potential's reach, in the current state (each counted from both ends).</summary>
    public long CrossPairs()
    {
        Measure();
        var counts = new int[Selected.Length];
        crossPairs.CopyToCPU(counts);
        return counts.Sum(c => (long)c);
    }

    /// <summary>The spectra so far (<see cref="WelchCrossSpectra.Spectra"/>).</summary>
    public WelchSpectra Spectra() => welch.Spectra(Plan.SampleTime);

    public SpectralSamplerState Capture() => new(SampleCount, welch.Capture());

    public void Restore(SpectralSamplerState state)
    {
        welch.Restore(state.Welch);
        SampleCount = state.Samples;
    }

    private InterfaceArgs Args()
    {
        var neighbors = engine.Neighbors;
        return new InterfaceArgs
        {
            Positions = engine.State.Positions.View,
            Velocities = engine.State.Velocities.View,
            Types = engine.State.Types.View,
            NeighborCounts = neighbors.Counts.View,
            Neighbors = neighbors.Neighbors,
            Layout = neighbors.Layout,
            Selected = selected.View,
            Sides = sides.View,
            Out = output.View,
            CrossPairs = crossPairs.View,
            Count = Selected.Length,
            BoxX = boxX,
            BoxY = boxY,
            BoxZ = boxZ,
        };
    }

    public void Dispose()
    {
        selected.Dispose();
        sides.Dispose();
        output.Dispose();
        crossPairs.Dispose();
        partials?.Dispose();
        foreach (var (_, buffer) in pairTerms) buffer.Dispose();
    }
}

/// <summary>A <see cref="SpectralSampler"/>'s state in a checkpoint: samples taken and the Welch sums with the partial segment.</summary>
public sealed record SpectralSamplerState(long Samples, WelchState Welch);
