using NemdEngine.Input;
using NemdEngine.Model;

namespace NemdEngine.Simulation;

/// <summary>
/// The NEMD composition of integration methods: Langevin(hot reservoir) + NVE(bulk of A and B)
/// + Langevin(cold reservoir); frozen atoms are in no method and never move.
/// </summary>
public static class NemdMethods
{
    public const int Hot = 0, Bulk = 1, Cold = 2;

    public static MethodSpec[] For(ParticleSystem system, ThermostatSpec thermostat) =>
    [
        new LangevinSpec("hot", system.IndicesOf(Region.HotReservoir), thermostat.THot, thermostat.Damping),
        new NveSpec("bulk", system.MobileIndices().Where(i => system.Regions[i] is Region.MaterialA or Region.MaterialB).ToArray()),
        new LangevinSpec("cold", system.IndicesOf(Region.ColdReservoir), thermostat.TCold, thermostat.Damping),
    ];
}
