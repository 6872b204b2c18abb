using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Sampling;
using NemdEngine.Simulation;
using NemdEngine.Simulation.Minimization;

namespace NemdEngine.Setup;

/// <summary>
/// The one place a deck becomes a simulation (the runner, the benchmarks and the conformance
/// systems all come here): the built bilayer, its layout, the potentials' tables, the NEMD
/// integration methods and the profile bins, with the deck's numbers converted once to engine units
/// (masses × MassScale, temperatures to k_B T; <see cref="UnitSystem"/>).
/// </summary>
public sealed class SimulationSetup
{
    public required Deck Deck { get; init; }
    public required UnitSystem Units { get; init; }
    public required ParticleSystem System { get; init; }
    public required BilayerLayout Layout { get; init; }
    public required IReadOnlyList<IPotentialTable> Potentials { get; init; }
    /// <summary>Langevin(hot), NVE(bulk), Langevin(cold): <see cref="NemdMethods"/>.</summary>
    public required MethodSpec[] Methods { get; init; }
    public required SimulationOptions Options { get; init; }
    public required ProfileBinning Binning { get; init; }

    public int[] HotAtoms => Methods[NemdMethods.Hot].Atoms;
    public int[] ColdAtoms => Methods[NemdMethods.Cold].Atoms;
    public int BulkCount => Methods[NemdMethods.Bulk].Atoms.Length;

    /// <summary>Builds everything a (validated) deck describes; nothing is allocated on a backend yet.</summary>
    /// <param name="potentials">The deck's tables when already loaded (replicas of one deck share them); else read from the deck.</param>
    public static SimulationSetup FromDeck(Deck deck, IReadOnlyList<IPotentialTable>? potentials = null)
    {
        var units = UnitSystem.FromName(deck.Units);
        var (system, layout) = DeckSystem.Build(deck);
        return new SimulationSetup
        {
            Deck = deck,
            Units = units,
            System = system,
            Layout = layout,
            Potentials = potentials ?? DeckPotentials.Load(deck),
            Methods = NemdMethods.For(system, deck.Thermostat, units),
            Options = new SimulationOptions(deck.Run.Timestep, deck.Run.Skin, deck.Seed),
            Binning = ProfileBinning.For(layout, deck.Analysis.BinWidth),
        };
    }

    public SimulationEngine CreateEngine(IComputeBackend backend) => new(backend, System, Potentials, Methods, Options);

    public ProfileSampler CreateSampler(IComputeBackend backend, SimulationEngine engine) =>
        new(backend, engine.State, Layout, Binning, HotAtoms, ColdAtoms, Units);

    /// <summary>The spectral heat current's sampler when the deck asks for it ([spectral], enabled), else null.</summary>
    public Sampling.Spectral.SpectralSampler? CreateSpectralSampler(IComputeBackend backend, SimulationEngine engine) =>
        Deck.Spectral is { Enabled: true }
            ? new(backend, engine, System, Layout, Sampling.Spectral.SpectralPlan.For(Deck, DeckPotentials.MaxCutoff(Potentials)))
            : null;

    /// <summary>
    /// [minimize]: FIRE at fixed box on the engine's atoms (the mobile ones move), then the built
    /// velocities back on the device (they depend on the seed and atom ids only, so this is the same
    /// as assigning them after minimizing). Null when the deck asks for no minimization.
    /// Order of a new run: build → minimize → velocities → equilibrate; a resumed run never minimizes.
    /// </summary>
    public MinimizationResult? Minimize(SimulationEngine engine, CancellationToken cancel = default)
    {
        if (Deck.Minimize.MaxSteps == 0) return null;
        var options = new FireOptions { ForceTolerance = Deck.Minimize.ForceTolerance, MaxSteps = Deck.Minimize.MaxSteps };
        MinimizationResult result;
        using (var fire = new FireMinimizer(engine, System.MobileIndices(), options))
            result = fire.Minimize(cancel: cancel);
        engine.WriteVelocities(System.Velocities);
        return result;
    }
}
