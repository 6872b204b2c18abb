using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels.Forces;
using NemdEngine.Model;
using NemdEngine.Potentials;

namespace NemdEngine.Simulation.Forces;

/// <summary>
/// The forces of a simulation as a sum of terms, one per potential table: zero the force (and
/// energy) arrays, then let every term add its share. Terms of different styles combine, e.g. a
/// many-body potential within each material and a pair potential across the interface.
/// </summary>
public sealed class ForceField : IDisposable
{
    private readonly DeviceState state;
    private readonly IForceTerm[] terms;

    public ForceField(IComputeBackend backend, DeviceState state, NeighborList neighbors, ParticleSystem system, IReadOnlyList<IPotentialTable> tables)
    {
        if (tables.Count == 0) throw new ArgumentException("a simulation needs at least one potential");
        this.state = state;
        terms = tables.Select(table => Create(backend, state, neighbors, system, table)).ToArray();
    }

    public IReadOnlyList<IForceTerm> Terms => terms;

    /// <summary>Largest cutoff of any term (length): what the neighbor list must cover besides its skin.</summary>
    public static double MaxCutoff(IReadOnlyList<IPotentialTable> tables) => tables.Max(t => t.MaxCutoff);

    /// <summary>Forces (energy/length) of the current positions into State.Forces; with WithEnergy, per-atom energies into State.Energies.</summary>
    public void Compute<TEnergy>() where TEnergy : struct, IEnergyMode
    {
        state.Forces.MemSetToZero();
        if (default(TEnergy).Enabled) state.Energies.MemSetToZero();
        foreach (var term in terms) term.Accumulate<TEnergy>();
    }

    /// <summary>The one place that maps a potential's table to the term that evaluates it.</summary>
    private static IForceTerm Create(IComputeBackend backend, DeviceState state, NeighborList neighbors, ParticleSystem system, IPotentialTable table) => table switch
    {
        LennardJonesTable lj => new LennardJonesForceTerm(backend, state, neighbors, system, lj),
        StillingerWeberTable sw => new StillingerWeberForceTerm(backend, state, neighbors, system, sw),
        TersoffTable tersoff => new TersoffForceTerm(backend, state, neighbors, system, tersoff),
        _ => throw new ArgumentException($"no force term for potential style '{table.Style}'"),
    };

    public void Dispose()
    {
        foreach (var term in terms) term.Dispose();
    }
}
