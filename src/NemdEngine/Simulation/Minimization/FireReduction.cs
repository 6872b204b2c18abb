using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels.Minimization;

namespace NemdEngine.Simulation.Minimization;

/// <summary>What FIRE reads after each force evaluation (see <see cref="FireSums"/>).</summary>
/// <param name="Power">P = Σ F·v over the mobile atoms (energy/time).</param>
/// <param name="ForceSquared">Σ |F|² over the mobile atoms ((energy/length)²).</param>
/// <param name="VelocitySquared">Σ |v|² over the mobile atoms ((length/time)²).</param>
/// <param name="Energy">Potential energy of the whole system, frozen atoms included (energy).</param>
/// <param name="MaxForce">max |F_i| over the mobile atoms (energy/length).</param>
/// <param name="MaxVelocityComponent">max |v_i,α| over the mobile atoms (length/time).</param>
internal readonly record struct FireScalars(double Power, double ForceSquared, double VelocitySquared, double Energy,
    double MaxForce, double MaxVelocityComponent);

/// <summary>
/// Reduces <see cref="FireScalars"/> on the backend in two levels (<see cref="FirePartialSumsKernel"/>,
/// <see cref="FireCombineKernel"/>); the host reads at most <see cref="MaxCombined"/> × 6 doubles
/// (12 KB) per step. Reading the per-atom forces and velocities back instead would move 24 bytes
/// per atom each step: 24 MB at 10⁶ atoms, ~1–2 ms over PCIe plus a host loop of ~1 ms, as much as
/// the force evaluation it follows on a GPU; the two launches here read the same arrays at device
/// bandwidth (tens of µs; 0.17 ms for 32,000 atoms on the cpu backend, 2.5 % of a step).
/// </summary>
internal sealed class FireReduction : IDisposable
{
    // Atoms per first-level item: long enough loops to amortize a thread, enough items to fill a GPU.
    private const int AtomsPerItem = 64;
    private const int MaxPartialItems = 16384;
    private const int MaxCombined = 256;

    private readonly IComputeBackend backend;
    private readonly DeviceState state;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> group;
    private readonly int groupCount;
    private readonly int partialItems;
    private readonly int combinedItems;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> partials;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> combined;
    private readonly double[] host;

    /// <param name="group">The mobile atoms' indices on the backend (<paramref name="groupCount"/> of them).</param>
    public FireReduction(IComputeBackend backend, DeviceState state, MemoryBuffer1D<int, Stride1D.Dense> group, int groupCount)
    {
        this.backend = backend;
        this.state = state;
        this.group = group;
        this.groupCount = groupCount;
        int largest = Math.Max(groupCount, state.Count);
        // Fixed by the sizes alone, so the summation order (and every bit of the result) is too.
        partialItems = Math.Clamp((largest + AtomsPerItem - 1) / AtomsPerItem, 1, MaxPartialItems);
        combinedItems = Math.Min(partialItems, MaxCombined);
        partials = backend.Allocate<double>((long)FireSums.Count * partialItems);
        combined = backend.Allocate<double>((long)FireSums.Count * combinedItems);
        host = new double[FireSums.Count * combinedItems];
    }

    /// <summary>The scalars of the current forces, velocities and per-atom energies (the energies must be current).</summary>
    public FireScalars Reduce()
    {
        backend.Launch(partialItems, new FirePartialSumsKernel
        {
            Group = group.View,
            Forces = state.Forces.View,
            Velocities = state.Velocities.View,
            Energies = state.Energies.View,
            Partials = partials.View,
            GroupCount = groupCount,
            AtomCount = state.Count,
            Items = partialItems,
        });
        backend.Launch(combinedItems, new FireCombineKernel
        {
            Partials = partials.View,
            Combined = combined.View,
            PartialItems = partialItems,
            Items = combinedItems,
        });
        combined.CopyToCPU(host);
        Span<double> values = stackalloc double[FireSums.Count];
        for (int slot = 0; slot < FireSums.Count; slot++)
        {
            double acc = 0;
            for (int u = 0; u < combinedItems; u++)
            {
                double x = host[slot * combinedItems + u];
                if (!FireSums.IsMax(slot)) acc += x;
                else if (x > acc) acc = x;
            }
            values[slot] = acc;
        }
        return new FireScalars(values[FireSums.Power], values[FireSums.ForceSquared], values[FireSums.VelocitySquared],
            values[FireSums.Energy], Math.Sqrt(values[FireSums.MaxForceSquared]), values[FireSums.MaxVelocityComponent]);
    }

    public void Dispose()
    {
        partials.Dispose();
        combined.Dispose();
    }
}
