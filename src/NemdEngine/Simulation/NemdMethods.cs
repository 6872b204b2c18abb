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

    /// <param name="units">The thermostat's temperatures are in its temperature unit; the baths get k_B T (energy).</param>
    public static MethodSpec[] For(ParticleSystem system, ThermostatSpec thermostat, UnitSystem units) =>
    [
        new LangevinSpec("hot", system.IndicesOf(Region.HotReservoir), units.EnergyOf(thermostat.THot), thermostat.Damping),
        new NveSpec("bulk", system.MobileIndices().Where(i => system.Regions[i] is Region.MaterialA or Region.MaterialB).ToArray()),
        new LangevinSpec("cold", system.IndicesOf(Region.ColdReservoir), units.EnergyOf(thermostat.TCold), thermostat.Damping),
    ];
}
