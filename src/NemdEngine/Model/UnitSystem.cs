namespace NemdEngine.Model;

/// <summary>
/// A unit system (jax-md's units.py, LAMMPS's update.cpp set_units): the labels every printed or
/// written number carries, and the factors that convert the deck's numbers once on the way in and
/// the results once on the way out, so that the kernels stay unit-free.
/// <para>Inside the engine lengths, times and energies are the deck's; a mass is stored as
/// m × <see cref="MassScale"/> (energy·time²/length², so that F/m is an acceleration and ½ m v² an
/// energy with no constant), and a temperature as k_B T in energy units (<see cref="Boltzmann"/>).
/// Samples, the analysis and every output are in the deck's units again: temperatures in
/// <see cref="Temperature"/>, heat flux in <see cref="HeatFlux"/>.</para>
/// </summary>
/// <param name="Boltzmann">k_B in energy per temperature unit.</param>
/// <param name="MassScale">Internal mass (energy·time²/length²) per deck mass unit.</param>
/// <param name="Published">The units papers report, where the system has a physical scale.</param>
public sealed record UnitSystem(
    string Name,
    string Length,
    string Time,
    string Energy,
    string Mass,
    string Temperature,
    string HeatFlux,
    string Resistance,
    string Conductance,
    string Conductivity,
    double Boltzmann,
    double MassScale,
    double DefaultTimestep,
    double DefaultSkin,
    PublishedUnits? Published = null)
{
    /// <summary>Lennard-Jones reduced units: σ, τ = σ √(m/ε), ε, m, k_B = 1.</summary>
    public static readonly UnitSystem LennardJones = new(
        Name: "lj",
        Length: "σ",
        Time: "τ",
        Energy: "ε",
        Mass: "m",
        Temperature: "ε/k_B",
        HeatFlux: "ε/(σ²τ)",
        Resistance: "σ²τ/k_B",
        Conductance: "k_B/(σ²τ)",
        Conductivity: "k_B/(στ)",
        Boltzmann: 1,
        MassScale: 1,
        DefaultTimestep: 0.005,
        DefaultSkin: 0.3);

    /// <summary>k_B in eV/K (2019 SI, exact).</summary>
    public const double BoltzmannEvPerKelvin = 8.617333262e-5;
    /// <summary>The electron volt in J (exact).</summary>
    public const double ElectronVolt = 1.602176634e-19;
    /// <summary>Avogadro's number (exact).</summary>
    public const double Avogadro = 6.02214076e23;
    /// <summary>1 g/mol · Å²/ps² in eV (LAMMPS's mvv2e for metal units, 1.0364269e-4).</summary>
    public const double GramPerMoleAngstromSquaredPerPicosecondSquared = 1e-3 / Avogadro * 1e4 / ElectronVolt;

    /// <summary>
    /// LAMMPS `units metal`: Å, ps, eV, g/mol, K. Heat flux eV/(ps Å²) = 1.602176634e13 W/m²; the
    /// published forms are R_K in m² K/GW, G in MW/(m² K), J in GW/m², k in W/(m K).
    /// </summary>
    public static readonly UnitSystem Metal = new(
        Name: "metal",
        Length: "Å",
        Time: "ps",
        Energy: "eV",
        Mass: "g/mol",
        Temperature: "K",
        HeatFlux: "eV/(ps Å²)",
        Resistance: "K ps Å²/eV",
        Conductance: "eV/(ps Å² K)",
        Conductivity: "eV/(ps Å K)",
        Boltzmann: BoltzmannEvPerKelvin,
        MassScale: GramPerMoleAngstromSquaredPerPicosecondSquared,
        DefaultTimestep: 0.001,
        DefaultSkin: 1.0,
        Published: new PublishedUnits(
            // eV/(ps Å²) → W/m²: e / (1e-12 s · 1e-20 m²); then to GW/m².
            HeatFlux: new("GW/m²", ElectronVolt / 1e-12 / 1e-20 / 1e9),
            Resistance: new("m² K/GW", 1e9 / (ElectronVolt / 1e-12 / 1e-20)),
            Conductance: new("MW/(m² K)", ElectronVolt / 1e-12 / 1e-20 / 1e6),
            Conductivity: new("W/(m K)", ElectronVolt / 1e-12 / 1e-10)));

    public static readonly IReadOnlyList<UnitSystem> All = [LennardJones, Metal];

    public static UnitSystem FromName(string name) =>
        All.FirstOrDefault(u => u.Name == name) ?? throw new ArgumentException($"unknown unit system '{name}'; expected one of {Names}");

    /// <summary>"\"lj\", \"metal\"": for messages.</summary>
    public static string Names => string.Join(", ", All.Select(u => $"\"{u.Name}\""));

    /// <summary>k_B T in energy units (what the kernels use) of a temperature in <see cref="Temperature"/>.</summary>
    public double EnergyOf(double temperature) => temperature * Boltzmann;

    /// <summary>The temperature (in <see cref="Temperature"/>) of k_B T given in energy units.</summary>
    public double TemperatureOf(double energy) => energy / Boltzmann;
}

/// <summary>A unit papers report and how many of it one engine unit is.</summary>
public sealed record PublishedUnit(string Label, double PerEngineUnit);

/// <summary>The units a unit system's results are published in (metal: m² K/GW, MW/(m² K), GW/m², W/(m K)).</summary>
public sealed record PublishedUnits(PublishedUnit HeatFlux, PublishedUnit Resistance, PublishedUnit Conductance, PublishedUnit Conductivity);
