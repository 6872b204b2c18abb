using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Kernels;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Potentials.Files;
using NemdEngine.Simulation;

namespace NemdEngine.Conformance;

/// <summary>
/// Small diamond systems for the many-body conformance checks and tests, in metal numbers (Å, eV, ps).
/// Until the deck converts units, masses are given already in the engine's internal mass unit
/// (eV ps²/Å², so that F/m is in Å/ps²): m[g/mol] × <see cref="MassUnit"/>.
/// </summary>
public static class ManyBodySystems
{
    /// <summary>1 g/mol in eV ps²/Å² (LAMMPS metal: mvv2e = 1.0364269e-4 eV per (g/mol)(Å/ps)²).</summary>
    public const double MassUnit = 1.0364269e-4;
    /// <summary>Boltzmann's constant (eV/K).</summary>
    public const double Boltzmann = 8.617333262e-5;
    /// <summary>Si's diamond lattice constant (Å) and masses (g/mol).</summary>
    public const double SiliconLattice = 5.431, SiliconMass = 28.0855, GermaniumMass = 72.63;
    /// <summary>Verlet skin (Å) and timestep (ps) of the many-body checks and benchmarks.</summary>
    public const double Skin = 1.0, Timestep = 0.001;

    /// <summary>
    /// A diamond bilayer deck (lattice constant 5.431 Å for both sides): species A below, B above,
    /// no frozen or reservoir cells (every atom mobile), masses in internal units.
    /// </summary>
    public static Deck BilayerDeck(string speciesA, double massA, string speciesB, double massB, int cellsXY = 3, int cellsA = 2, int cellsB = 2,
        double temperature = 300) => new()
    {
        Seed = 5,
        Species = [new SpeciesSpec(speciesA, massA * MassUnit), new SpeciesSpec(speciesB, massB * MassUnit)],
        Pairs = [],
        Lattice = new LatticeSpec("diamond", SiliconLattice),
        Geometry = new GeometrySpec
        {
            CellsX = cellsXY, CellsY = cellsXY, SpeciesA = speciesA, CellsA = cellsA, SpeciesB = speciesB, CellsB = cellsB,
            FrozenCells = 0, ReservoirCells = 0,
        },
        Thermostat = new ThermostatSpec(temperature * Boltzmann, temperature * Boltzmann, 0.1),
        Run = new RunSpec { Timestep = Timestep, Skin = Skin, EquilibrationSteps = 0, ProductionSteps = 1, InitialTemperature = temperature * Boltzmann },
    };

    /// <summary>Si | Ge with SiGe.sw (species named after their elements).</summary>
    public static (Deck Deck, StillingerWeberTable Table) SiGeStillingerWeber() =>
        (BilayerDeck("Si", SiliconMass, "Ge", GermaniumMass), StillingerWeberTable.Build(ShippedPotentialFiles.StillingerWeber("SiGe.sw"), "Si", "Ge"));

    /// <summary>Si | heavy Si (both mapped to Si of Si.sw, mass ratio 2.6): two types with one parameter set.</summary>
    public static (Deck Deck, StillingerWeberTable Table) SiHeavySiStillingerWeber() =>
        (BilayerDeck("Si", SiliconMass, "heavySi", GermaniumMass),
         StillingerWeberTable.Build(ShippedPotentialFiles.StillingerWeber("Si.sw"), [new SpeciesElement("Si", "Si"), new SpeciesElement("heavySi", "Si")]));

    /// <summary>Si | Ge with SiGe.tersoff.</summary>
    public static (Deck Deck, TersoffTable Table) SiGeTersoff() =>
        (BilayerDeck("Si", SiliconMass, "Ge", GermaniumMass), TersoffTable.Build(ShippedPotentialFiles.Tersoff("SiGe.tersoff"), "Si", "Ge"));

    /// <summary>Si | heavy Si with the Si entries of SiGe.tersoff.</summary>
    public static (Deck Deck, TersoffTable Table) SiHeavySiTersoff() =>
        (BilayerDeck("Si", SiliconMass, "heavySi", GermaniumMass),
         TersoffTable.Build(ShippedPotentialFiles.Tersoff("SiGe.tersoff"), [new SpeciesElement("Si", "Si"), new SpeciesElement("heavySi", "Si")]));

    /// <summary>The deck's bilayer on a backend with one potential, every atom in one NVE group.</summary>
    public static SimulationEngine Create(IComputeBackend backend, Deck deck, IPotentialTable table, out ParticleSystem system)
    {
        (system, _) = BilayerBuilder.Build(deck);
        return new SimulationEngine(backend, system, [table], [new NveSpec("all", system.MobileIndices())],
            new SimulationOptions(deck.Run.Timestep, deck.Run.Skin, deck.Seed));
    }

    /// <summary>Positions (Å) as the references take them.</summary>
    public static Double3[] ToDouble(Vec3[] positions) => positions.Select(Double3.From).ToArray();

    /// <summary>The x/y-periodic, z-bounded box of a bilayer (or periodic z) for the references.</summary>
    public static ReferenceBox BoxOf(ParticleSystem system) =>
        new(system.BoxX, system.BoxY, system.BoxZ, true, true, system.PeriodicZ);
}
