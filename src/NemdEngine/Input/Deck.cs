using System.Text.Json.Serialization;

namespace NemdEngine.Input;

// The input deck as immutable records with the defaults documented in inputs/*.toml.
// All lengths are in the deck's length unit (σ for units = "lj"), times in its time unit (τ),
// energies and k_B T in its energy unit (ε), masses in its mass unit (m).

/// <summary>A validated input deck. <see cref="DeckReader"/> builds it from TOML.</summary>
public sealed record Deck
{
    /// <summary>Unit system; only "lj" for now.</summary>
    public string Units { get; init; } = "lj";
    /// <summary>Seed of the counter-based random numbers (velocities and Langevin noise).</summary>
    public ulong Seed { get; init; } = 1;
    public required IReadOnlyList<SpeciesSpec> Species { get; init; }
    /// <summary>Pair potentials given explicitly; missing pairs use Lorentz-Berthelot mixing.</summary>
    public required IReadOnlyList<PairSpec> Pairs { get; init; }
    public required LatticeSpec Lattice { get; init; }
    public required GeometrySpec Geometry { get; init; }
    public required ThermostatSpec Thermostat { get; init; }
    public required RunSpec Run { get; init; }
    public AnalysisSpec Analysis { get; init; } = new();
    public OutputSpec Output { get; init; } = new();
    /// <summary>Path of the TOML file this deck came from (for messages), or null.</summary>
    public string? SourcePath { get; init; }
    /// <summary>The TOML text as read, stored in results.json as "the deck as run".</summary>
    public string? SourceText { get; init; }
    /// <summary>Where each key came from (file and line, or a command-line option), for messages; null for a deck built in code.</summary>
    [JsonIgnore]
    public DeckOrigin? Origin { get; init; }
}

/// <summary>
/// Values given on the command line in place of deck keys (`nemd run --seed`, `--steps`, `--out`).
/// The deck they make is the one validated and run; messages about those keys name the option.
/// </summary>
public sealed record DeckOverrides(ulong? Seed = null, long? ProductionSteps = null, string? OutputDirectory = null)
{
    public Deck ApplyTo(Deck deck)
    {
        var origin = deck.Origin ?? DeckOrigin.Keys(deck.SourcePath);
        if (OutputDirectory is not null)
            (deck, origin) = (deck with { Output = deck.Output with { Directory = OutputDirectory } }, origin.WithOption("output", "directory", "--out"));
        if (Seed is ulong seed) (deck, origin) = (deck with { Seed = seed }, origin.WithOption("", "seed", "--seed"));
        if (ProductionSteps is long steps)
            (deck, origin) = (deck with { Run = deck.Run with { ProductionSteps = steps } }, origin.WithOption("run", "production_steps", "--steps"));
        return deck with { Origin = origin };
    }
}

/// <summary>A species: a name used by the other tables and its mass (mass unit).</summary>
public sealed record SpeciesSpec(string Name, double Mass);

/// <summary>Lennard-Jones between two species: ε (energy), σ (length), cutoff r_c (length), shifted so U(r_c) = 0.</summary>
public sealed record PairSpec(string SpeciesI, string SpeciesJ, double Epsilon, double Sigma, double Cutoff, bool Shift = true);

/// <summary>Crystal lattice shared by both materials: "fcc", [100] along z, cubic constant a (length).</summary>
public sealed record LatticeSpec(string Type, double Constant);

/// <summary>
/// The bilayer, in unit cells of the lattice. Along z: frozen | hot reservoir | rest of A | interface |
/// rest of B | cold reservoir | frozen. Material A (CellsA cells along z, species SpeciesA) is below
/// the interface; the frozen and reservoir cells at each end are taken from that end's material.
/// </summary>
public sealed record GeometrySpec
{
    /// <summary>Unit cells along x and y (periodic).</summary>
    public required int CellsX { get; init; }
    public required int CellsY { get; init; }
    public required string SpeciesA { get; init; }
    public required int CellsA { get; init; }
    public required string SpeciesB { get; init; }
    public required int CellsB { get; init; }
    /// <summary>Frozen unit cells at each end (atoms never move).</summary>
    public int FrozenCells { get; init; } = 1;
    /// <summary>Reservoir unit cells at each end, next to the frozen ones.</summary>
    public int ReservoirCells { get; init; } = 3;
}

/// <summary>Langevin reservoirs: temperatures (energy, k_B T) and damping time (time, γ = 1/damp).</summary>
public sealed record ThermostatSpec(double THot, double TCold, double Damping);

/// <summary>Time integration and sampling.</summary>
public sealed record RunSpec
{
    /// <summary>Timestep (time).</summary>
    public double Timestep { get; init; } = 0.005;
    public required long EquilibrationSteps { get; init; }
    public required long ProductionSteps { get; init; }
    /// <summary>Steps between samples of the temperature profile and reservoir energies.</summary>
    public int SampleInterval { get; init; } = 10;
    /// <summary>Neighbor-list skin (length); the list is rebuilt when an atom moved more than skin/2.</summary>
    public double Skin { get; init; } = 0.3;
    /// <summary>Initial temperature of mobile atoms (energy); default: mean of T_hot and T_cold.</summary>
    public double? InitialTemperature { get; init; }
}

/// <summary>How the profile is binned and fitted.</summary>
public sealed record AnalysisSpec
{
    /// <summary>Bin width along z (length); null means one atomic plane (a/2 for fcc [100]).</summary>
    public double? BinWidth { get; init; }
    /// <summary>Length excluded from each fit next to a reservoir (length).</summary>
    public double MarginReservoir { get; init; } = 2.0;
    /// <summary>Length excluded from each fit next to the interface (length).</summary>
    public double MarginInterface { get; init; } = 2.0;
    /// <summary>Blocks production is split into for standard errors; null (the default) chooses them from the data's decorrelation.</summary>
    public int? Blocks { get; init; }
    /// <summary>Largest relative mismatch of the hot and cold bath powers that the steady-state check accepts.</summary>
    public double FluxTolerance { get; init; } = Analysis.AnalysisOptions.DefaultFluxTolerance;
    /// <summary>Relative standard error of R_K that counts as an answer, for the time-to-answer report.</summary>
    public double TargetRelativeError { get; init; } = 0.1;

    /// <summary>The analysis options this section asks for.</summary>
    public Analysis.AnalysisOptions Options => new(new Analysis.FitMargins(MarginReservoir, MarginInterface), Blocks, FluxTolerance);
}

/// <summary>Where results go.</summary>
public sealed record OutputSpec
{
    /// <summary>Run folder; relative paths are relative to the current directory.</summary>
    public string Directory { get; init; } = "runs/default";
    /// <summary>Steps between checkpoints; null: every 10 % of the run; 0: none (an interrupt still writes one).</summary>
    public long? CheckpointInterval { get; init; }
    /// <summary>The H5MD trajectory written during production ([output.trajectory]); null: none.</summary>
    public TrajectorySpec? Trajectory { get; init; }
}

/// <summary>
/// [output.trajectory]: a frame every Interval production steps (a multiple of run.sample_interval),
/// holding Fields (position, velocity, force; species, mass, id are accepted but always written),
/// deflate-compressed if Compression.
/// </summary>
public sealed record TrajectorySpec(int Interval, IReadOnlyList<string> Fields, bool Compression = false)
{
    public static readonly IReadOnlyList<string> DefaultFields = ["position"];
}
