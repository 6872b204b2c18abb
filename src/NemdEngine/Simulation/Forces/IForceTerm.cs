using NemdEngine.Kernels.Forces;
using NemdEngine.Potentials;

namespace NemdEngine.Simulation.Forces;

/// <summary>
/// One potential's contribution to the forces (HOOMD's force compute, OpenMM's Force): its kernels
/// add into the state's force array, and with <see cref="WithEnergy"/> into the per-atom energies,
/// reading the shared neighbor list. A new potential is a table, a term and its kernels.
/// </summary>
public interface IForceTerm : IDisposable
{
    /// <summary>The parameters this term evaluates.</summary>
    IPotentialTable Table { get; }

    /// <summary>True when the term runs a host vector (AVX2) kernel rather than the portable one.</summary>
    bool Vectorized { get; }

    /// <summary>Adds this term's forces (energy/length) to State.Forces; with WithEnergy, its per-atom energies to State.Energies.</summary>
    void Accumulate<TEnergy>() where TEnergy : struct, IEnergyMode;
}
