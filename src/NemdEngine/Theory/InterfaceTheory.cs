using System.Diagnostics;
using NemdEngine.Input;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Phonons;
using NemdEngine.Setup;
using NemdEngine.Theory.Agf;

namespace NemdEngine.Theory;

/// <summary>How finely `nemd theory` (and the summary `nemd run` adds) samples; the defaults take seconds on 2 cores.</summary>
/// <param name="Mesh">q-points per reciprocal axis of the bulk meshes (DOS, channels).</param>
/// <param name="Frequencies">bins of the models' frequency grid.</param>
public sealed record TheoryOptions(int Mesh = 14, int Frequencies = 160, AgfOptions? Agf = null, bool ComputeAgf = true)
{
    public AgfOptions AgfSettings => Agf ?? new AgfOptions();

    /// <summary>What `nemd run` adds to every result: coarser, a few seconds.</summary>
    public static TheoryOptions Quick => new(Mesh: 8, Frequencies: 120, Agf: new AgfOptions(KPoints: 5, Frequencies: 40));
}

/// <summary>One side's phonons as `nemd theory` reports them.</summary>
public sealed record SidePhonons(string Side, string Species, double Mass, BulkCrystal Crystal, IReadOnlyList<DispersionPoint> Dispersion, InterfaceSide Model);

/// <summary>A model's conductance per area: classical, quantum at the temperature asked, and the classical one corrected for NEMD (conductance unit of the deck).</summary>
public sealed record ModelConductance(string Key, string Name, double Classical, double Quantum, double CorrectedClassical, double[] Transmission, FrequencyGrid Grid);

/// <summary>Everything `nemd theory` computes for a deck.</summary>
public sealed class TheoryResult
{
    public required UnitSystem Units { get; init; }
    public required double Temperature { get; init; }
    public required SidePhonons A { get; init; }
    public required SidePhonons B { get; init; }
    public required IReadOnlyList<ModelConductance> Models { get; init; }
    public AgfSpectrum? Agf { get; init; }
    /// <summary>The sides' own radiation conductances (classical), for the correction.</summary>
    public required double RadiationA { get; init; }
    public required double RadiationB { get; init; }
    public required double Seconds { get; init; }

    /// <summary>The same phonons and transmissions at another temperature (only the quantum conductances change).</summary>
    public TheoryResult At(double temperature) => new()
    {
        Units = Units, Temperature = temperature, A = A, B = B, Agf = Agf, RadiationA = RadiationA, RadiationB = RadiationB, Seconds = Seconds,
        Models = Models.Select(m => m with { Quantum = Landauer.Quantum(m.Grid, m.Transmission, Units, temperature) }).ToList(),
    };

    /// <summary>G(T) of each model over <paramref name="temperatures"/> (quantum; the classical value is T-independent).</summary>
    public IReadOnlyList<(double T, double[] G)> Curves(IReadOnlyList<double> temperatures) =>
        temperatures.Select(t => (t, Models.Select(m => Landauer.Quantum(m.Grid, m.Transmission, Units, t)).ToArray())).ToList();
}

/// <summary>
/// The phonon models of a deck's interface from the engine's own potentials: each side's crystal as the
/// deck builds it (lattice, in-plane constant, its own constant along z, species mass), force constants
/// by finite displacement, the mismatch models (AMM, DMM, radiation limit) on the full dispersion, and
/// the AGF transmission of the junction; each model's Landauer conductance, classical and quantum, and
/// corrected to compare with NEMD (physics.md).
/// </summary>
public static class InterfaceTheory
{
    /// <summary>
    /// Results by the deck's physics (units, species, potentials, lattices, sides) and the options: a process
    /// that runs one deck many times (the test suite, a parameter scan over reservoir temperatures or
    /// seeds) computes the phonons once. Bounded: cleared when it holds 16 entries.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TheoryResult> Cache = new();

    public static TheoryResult Compute(Deck deck, double temperature, TheoryOptions options)
    {
        string key = System.Text.Json.JsonSerializer.Serialize(new
        {
            deck.Units, deck.Species, deck.Pairs, Potentials = deck.Potentials.Select(p => new { p.Style, p.File }).ToArray(), deck.Lattice,
            deck.Geometry?.SpeciesA, deck.Geometry?.SpeciesB, options,
        });
        if (Cache.TryGetValue(key, out var known)) return known.At(temperature);
        var result = ComputeUncached(deck, temperature, options);
        if (Cache.Count >= 16) Cache.Clear();
        Cache[key] = result;
        return result;
    }

    private static TheoryResult ComputeUncached(Deck deck, double temperature, TheoryOptions options)
    {
        var clock = Stopwatch.StartNew();
        var units = UnitSystem.FromName(deck.Units);
        var (lattice, geometry) = BilayerBuilder.Built(deck);
        var potential = ZeroTemperatureLattice.Reference(deck);
        var names = deck.Species.Select(s => s.Name).ToList();
        double inPlane = lattice.InPlaneValue;
        var sideSpecs = new[] { ("A", geometry.SpeciesA, lattice.SideA), ("B", geometry.SpeciesB, lattice.SideB) };
        var crystals = sideSpecs.Select(s =>
        {
            int type = names.IndexOf(s.Item2);
            double mass = deck.Species[type].Mass * units.MassScale;
            var crystal = BulkCrystal.Build(potential, Crystal(s.Item3.Type), inPlane, s.Item3.Constant, type, mass);
            return (s.Item1, s.Item2, deck.Species[type].Mass, type, crystal, s.Item3);
        }).ToArray();
        double top = crystals.Max(c => PhononSpectrum.HighestFrequency(c.crystal, 6));
        var grid = new FrequencyGrid(1.05 * top, options.Frequencies);
        var sides = crystals.Select(c =>
        {
            var sound = Dispersion.SoundSpeeds(c.crystal);
            var model = new InterfaceSide(c.Item1, PhononSpectrum.Compute(c.crystal, grid, options.Mesh), sound, c.crystal.MassDensity, c.crystal.NumberDensity);
            return new SidePhonons(c.Item1, c.Item2, c.Item3, c.crystal, Dispersion.Gamma2X(c.crystal), model);
        }).ToArray();
        var (a, b) = (sides[0].Model, sides[1].Model);

        AgfSpectrum? agf = null;
        if (options.ComputeAgf)
        {
            var junction = new LayeredJunction(potential,
                new JunctionSide(Crystal(crystals[0].Item6.Type), crystals[0].Item6.Constant, crystals[0].type, crystals[0].crystal.Mass),
                new JunctionSide(Crystal(crystals[1].Item6.Type), crystals[1].Item6.Constant, crystals[1].type, crystals[1].crystal.Mass), inPlane);
            agf = InterfaceTransmission.Compute(junction, new FrequencyGrid(1.02 * top, options.AgfSettings.Frequencies), options.AgfSettings);
        }

        double radA = Landauer.Classical(grid, MismatchModels.SideRadiation(a), units);
        double radB = Landauer.Classical(grid, MismatchModels.SideRadiation(b), units);
        ModelConductance Model(string key, string name, FrequencyGrid g, double[] t, double ra, double rb)
        {
            double classical = Landauer.Classical(g, t, units);
            return new ModelConductance(key, name, classical, Landauer.Quantum(g, t, units, temperature), NemdCorrection.Apply(classical, ra, rb), t, g);
        }
        var models = new List<ModelConductance>
        {
            Model("amm", "AMM", grid, MismatchModels.AcousticMismatchModel(a, b), radA, radB),
            Model("dmm", "DMM", grid, MismatchModels.DiffuseMismatch(a, b), radA, radB),
            Model("radiation_limit", "radiation limit", grid, MismatchModels.RadiationLimit(a, b), radA, radB),
        };
        if (agf is not null)
        {
            // The AGF's own channel counts give its correction on the same k-mesh and grid (mass ratio 1 → no jump exactly).
            double agfRadA = Landauer.Classical(agf.Grid, agf.ChannelsA!, units), agfRadB = Landauer.Classical(agf.Grid, agf.ChannelsB!, units);
            models.Add(Model("agf", "AGF", agf.Grid, agf.Transmission, agfRadA, agfRadB));
        }
        return new TheoryResult
        {
            Units = units, Temperature = temperature, A = sides[0], B = sides[1], Models = models, Agf = agf,
            RadiationA = radA, RadiationB = radB, Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The deck's mean reservoir temperature, (t_hot + t_cold)/2.</summary>
    public static double DeckTemperature(Deck deck) => 0.5 * (deck.Thermostat.THot + deck.Thermostat.TCold);

    /// <summary>The default G(T) range: 0.001 ε/k_B (LJ) or 1 K (metal) up to the melting region (LJ fcc ≈ 0.7 ε/k_B; 1700 K, about SW Si's melting point).</summary>
    public static (double Low, double High) DefaultRange(UnitSystem units) => units.Name == "lj" ? (0.001, 0.7) : (1.0, 1700.0);

    /// <summary>n temperatures evenly spaced in log T.</summary>
    public static double[] LogSpaced(double low, double high, int n) =>
        Enumerable.Range(0, n).Select(i => low * Math.Pow(high / low, i / (double)(n - 1))).ToArray();

    private static CrystalLattice Crystal(string style) => CrystalLattice.Find(style) ?? throw new ArgumentException($"unknown lattice \"{style}\"");
}
