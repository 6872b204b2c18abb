using NemdEngine.Kernels;

namespace NemdEngine.Simulation;

/// <summary>The run cannot go on: an atom has a non-finite position or has left the box along z.</summary>
public sealed class SimulationBlewUpException(long step, int atomId, Vec3 position, string reason)
    : Exception($"step {step}: atom {atomId} {reason} (position {position}); the run blew up — try a smaller timestep or check the potential")
{
    public long Step { get; } = step;
    public int AtomId { get; } = atomId;
    public Vec3 Position { get; } = position;
}
