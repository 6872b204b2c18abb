using NemdEngine.Conformance;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Setup;

namespace NemdEngine.Tests.Model;

/// <summary>
/// The unit conversion round trip: one LJ solid in reduced units and as argon in metal units
/// (σ = 3.405 Å, ε/k_B = 119.8 K, m = 39.948 g/mol) must be the same dynamics, positions in σ and
/// velocities in σ/τ, temperatures in ε/k_B, to float rounding.
/// </summary>
public class UnitSystemTests
{
    private const double Sigma = 3.405, EpsilonOverKb = 119.8, Mass = 39.948;
    private static readonly double Epsilon = EpsilonOverKb * UnitSystem.BoltzmannEvPerKelvin;
    /// <summary>τ = σ √(m/ε) in ps: m in eV ps²/Å² (engine units).</summary>
    private static readonly double Tau = Sigma * Math.Sqrt(Mass * UnitSystem.Metal.MassScale / Epsilon);

    private static Deck Metal(Deck lj) => lj with
    {
        Units = "metal",
        Species = lj.Species.Select(s => s with { Mass = s.Mass * Mass }).ToList(),
        Pairs = lj.Pairs.Select(p => p with { Epsilon = p.Epsilon * Epsilon, Sigma = p.Sigma * Sigma, Cutoff = p.Cutoff * Sigma }).ToList(),
        Lattice = lj.Lattice! with { Constant = lj.Lattice.Constant * Sigma },
        Thermostat = new ThermostatSpec(lj.Thermostat.THot * EpsilonOverKb, lj.Thermostat.TCold * EpsilonOverKb, lj.Thermostat.Damping * Tau),
        Run = lj.Run with { Timestep = lj.Run.Timestep * Tau, Skin = lj.Run.Skin * Sigma, InitialTemperature = lj.Run.InitialTemperature * EpsilonOverKb },
        Analysis = lj.Analysis with { MarginReservoir = lj.Analysis.MarginReservoir * Sigma, MarginInterface = lj.Analysis.MarginInterface * Sigma },
    };

    [Fact]
    public void ReducedAndMetalUnitsGiveTheSameTrajectory()
    {
        var lj = ConformanceSystems.Deck(pairs: ConformanceSystems.UniformPairs, t: 0.3);
        var metal = Metal(lj);
        DeckValidator.Validate(metal);
        (Vec3[] Positions, Vec3[] Velocities, double Kinetic) Run(Deck deck)
        {
            using var backend = new NemdEngine.Backends.ParallelCpuBackend(vectorKernels: false);
            var setup = SimulationSetup.FromDeck(deck);
            using var sim = new NemdEngine.Simulation.SimulationEngine(backend, setup.System, setup.Potentials, ConformanceSystems.AllNve(setup.System), setup.Options);
            sim.Run(40);
            var (kinetic, _) = sim.ComputeEnergy();
            return ((Vec3[])sim.ReadPositions().Clone(), (Vec3[])sim.ReadVelocities().Clone(), kinetic);
        }
        var a = Run(lj);
        var b = Run(metal);
        double worstPosition = 0, worstVelocity = 0;
        for (int i = 0; i < a.Positions.Length; i++)
        {
            worstPosition = Math.Max(worstPosition, Math.Sqrt(((float)(1 / Sigma) * b.Positions[i] - a.Positions[i]).LengthSquared));
            worstVelocity = Math.Max(worstVelocity, Math.Sqrt(((float)(Tau / Sigma) * b.Velocities[i] - a.Velocities[i]).LengthSquared));
        }
        // 40 steps of float rounding (1e-7 relative) amplified by the dynamics: far below any unit slip (a wrong factor is O(1)).
        Assert.True(worstPosition < 1e-4, $"positions differ by {worstPosition:E2} σ");
        Assert.True(worstVelocity < 1e-3, $"velocities differ by {worstVelocity:E2} σ/τ");
        // Kinetic energy: ε in reduced units, eV in metal.
        Assert.Equal(a.Kinetic, b.Kinetic / Epsilon, 3);
    }

    [Fact]
    public void PublishedUnitsFollowFromTheSiConstants()
    {
        var p = UnitSystem.Metal.Published!;
        // 1 eV/(ps Å²) = 1.602176634e-19 J / (1e-12 s · 1e-20 m²) = 1.602176634e13 W/m² = 16021.77 GW/m².
        Assert.Equal(16021.76634, p.HeatFlux.PerEngineUnit, 6);
        Assert.Equal(1 / 16021.76634, p.Resistance.PerEngineUnit, 12);
        Assert.Equal(1.602176634e7, p.Conductance.PerEngineUnit, 0);
        Assert.Equal(1602.176634, p.Conductivity.PerEngineUnit, 6);
        // LAMMPS metal mvv2e.
        Assert.Equal(1.0364269e-4, UnitSystem.Metal.MassScale, 10);
        Assert.Null(UnitSystem.LennardJones.Published);
    }
}
