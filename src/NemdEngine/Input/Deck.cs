using System.Text.Json.Serialization;

namespace NemdEngine.Input;

// The input deck as immutable records with the defaults documented in inputs/*.toml.
// Every number is in the deck's unit system (Model/UnitSystem): lengths in σ or Å, times in τ or
// ps, energies in ε or eV, masses in m or g/mol, temperatures in ε/k_B or K. The engine converts
// them once (Setup/SimulationSetup); the deck itself is never converted.

/// <summary>A validated input deck. <see cref="DeckReader"/> builds it from TOML.</summary>
public sealed record Deck
{
    /// <summary>Unit system: "lj" (reduced Lennard-Jones) or "metal" (LAMMPS units metal: Å, eV, ps, g/mol, K).</summary>
    public string Units { get; init; } = "lj";
    /// <summary>Seed of the counter-based random numbers (velocities and Langevin noise).</summary>
    public ulong Seed { get; init; } = 1;
    public required IReadOnlyList<SpeciesSpec> Species { get; init; }
    /// <summary>Lennard-Jones pairs given explicitly; missing pairs use Lorentz-Berthelot mixing. Empty when only [[potential]]s are used.</summary>
    public required IReadOnlyList<PairSpec> Pairs { get; init; }
    /// <summary>Many-body potentials read from LAMMPS files ([[potential]]); their forces add to the pairs'.</summary>
    public IReadOnlyList<PotentialSpec> Potentials { get; init; } = [];
    /// <summary>The crystals of the built bilayer; null when the atoms come from a <see cref="Structure"/> file.</summary>
    public LatticeSpec? Lattice { get; init; }
    /// <summary>The built bilayer's extent in unit cells; null when the atoms come from a <see cref="Structure"/> file.</summary>
    public GeometrySpec? Geometry { get; init; }
    /// <summary>[structure]: the atoms read from a LAMMPS data or extended XYZ file instead of built; null: built.</summary>
    public StructureSpec? Structure { get; init; }
    public required ThermostatSpec Thermostat { get; init; }
    public required RunSpec Run { get; init; }
    public AnalysisSpec Analysis { get; init; } = new();
    public OutputSpec Output { get; init; } = new();
    /// <summary>Energy minimization of the built system before equilibration ([minimize]).</summary>
    public MinimizeSpec Minimize { get; init; } = new();
    /// <summary>[spectral]: the spectral heat current across the interface during production; null: none.</summary>
    public SpectralSpec? Spectral { get; init; }
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
public sealed record SpeciesSpec(string Name, double Mass)
{
    /// <summary>The element the [[potential]] files know this species as ("Si", "Ge"); several species may share one ("heavy Si").</summary>
    public string? Element { get; init; }
}

/// <summary>
/// A many-body potential read from a LAMMPS potential file (`pair_style sw` or `tersoff` format),
/// acting on every species through its <see cref="SpeciesSpec.Element"/>. A polymorphic record: the
/// style is the JSON discriminator, so the deck stored in checkpoints reads back to the same type.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "style")]
[JsonDerivedType(typeof(StillingerWeberSpec), "sw")]
[JsonDerivedType(typeof(TersoffSpec), "tersoff")]
public abstract record PotentialSpec(string File)
{
    /// <summary>The deck's `style` ("sw", "tersoff"): the LAMMPS pair_style of the file.</summary>
    [JsonIgnore]
    public abstract string Style { get; }

    /// <summary>Every style a deck may name.</summary>
    public static readonly IReadOnlyList<string> Styles = ["sw", "tersoff"];

    /// <summary>Reads the file and builds the kernels' table for the deck's species, each mapped to its element (in species order).</summary>
    /// <exception cref="Potentials.Files.PotentialFileException">The file cannot be read, is malformed, or lacks an entry the species need.</exception>
    public abstract Potentials.IPotentialTable Load(IReadOnlyList<Potentials.Files.SpeciesElement> species);

    /// <summary>The spec of <paramref name="style"/> for a file (absolute path), or null for an unknown style.</summary>
    public static PotentialSpec? Create(string style, string file) => style switch
    {
        "sw" => new StillingerWeberSpec(file),
        "tersoff" => new TersoffSpec(file),
        _ => null,
    };
}

/// <summary>Stillinger-Weber (Stillinger &amp; Weber 1985), LAMMPS `pair_style sw` file.</summary>
public sealed record StillingerWeberSpec(string File) : PotentialSpec(File)
{
    [JsonIgnore]
    public override string Style => "sw";

    public override Potentials.IPotentialTable Load(IReadOnlyList<Potentials.Files.SpeciesElement> species) =>
        Potentials.StillingerWeberTable.Build(Potentials.Files.StillingerWeberFile.Read(File), species);
}

/// <summary>Tersoff (1988, 1989 multicomponent), LAMMPS `pair_style tersoff` file.</summary>
public sealed record TersoffSpec(string File) : PotentialSpec(File)
{
    [JsonIgnore]
    public override string Style => "tersoff";

    public override Potentials.IPotentialTable Load(IReadOnlyList<Potentials.Files.SpeciesElement> species) =>
        Potentials.TersoffTable.Build(Potentials.Files.TersoffFile.Read(File), species);
}

/// <summary>Lennard-Jones between two species: ε (energy), σ (length), cutoff r_c (length), shifted so U(r_c) = 0.</summary>
public sealed record PairSpec(string SpeciesI, string SpeciesJ, double Epsilon, double Sigma, double Cutoff, bool Shift = true);

/// <summary>
/// The crystal of both sides ("fcc" or "diamond", [001] along z, cubic constant a in length units),
/// unless a side gives its own (<see cref="A"/>, <see cref="B"/>: [lattice.A], [lattice.B]). Both
/// sides share the in-plane constant <see cref="InPlane"/> chooses (x and y are periodic, so they
/// must); each keeps its own constant along z, and its in-plane strain is reported.
/// </summary>
public sealed record LatticeSpec(string Type, double Constant)
{
    /// <summary>Side A's own lattice, or null for the shared one.</summary>
    public SideLatticeSpec? A { get; init; }
    public SideLatticeSpec? B { get; init; }
    /// <summary>The common in-plane constant: "A", "B", "mean" (of the two) or "value" (<see cref="InPlaneConstant"/>).</summary>
    public string InPlane { get; init; } = "A";
    /// <summary>The in-plane constant (length) when <see cref="InPlane"/> is "value".</summary>
    public double? InPlaneConstant { get; init; }

    public static readonly IReadOnlyList<string> InPlaneRules = ["A", "B", "mean"];

    /// <summary>Side A's lattice: its own or the shared one.</summary>
    public SideLatticeSpec SideA => A ?? new SideLatticeSpec(Type, Constant);
    public SideLatticeSpec SideB => B ?? new SideLatticeSpec(Type, Constant);

    /// <summary>The common in-plane constant (length) the rule gives.</summary>
    public double InPlaneValue => InPlane switch
    {
        "B" => SideB.Constant,
        "mean" => 0.5 * (SideA.Constant + SideB.Constant),
        "value" => InPlaneConstant ?? throw new InvalidOperationException("lattice.in_plane = \"value\" needs InPlaneConstant"),
        _ => SideA.Constant,
    };
}

/// <summary>One side's crystal: lattice style and cubic constant (length).</summary>
public sealed record SideLatticeSpec(string Type, double Constant);

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
    /// <summary>Thickness (length) of an intermixed layer centred on the interface; 0: a sharp interface.</summary>
    public double IntermixThickness { get; init; }
    /// <summary>Fraction of the sites on each side of the intermixed layer that swap species with the other side (seeded by the deck's seed).</summary>
    public double IntermixFraction { get; init; } = DefaultIntermixFraction;
    public const double DefaultIntermixFraction = 0.5;
}

/// <summary>
/// [structure]: a user's interface read from a file (LAMMPS data, atomic style, or extended XYZ; its
/// species named as the deck's [[species]], whose masses are used), with the regions given as z
/// ranges (length): atoms in a <see cref="Frozen"/> range never move, those in <see cref="Hot"/> and
/// <see cref="Cold"/> are the reservoirs, the rest are side A below <see cref="InterfaceZ"/> and B above.
/// </summary>
public sealed record StructureSpec(string File, IReadOnlyList<ZRange> Frozen, ZRange Hot, ZRange Cold, double InterfaceZ);

/// <summary>A z range [Low, High] (length).</summary>
public sealed record ZRange(double Low, double High)
{
    public bool Contains(double z) => z >= Low && z <= High;
}

/// <summary>Langevin reservoirs: temperatures (temperature unit) and damping time (time, γ = 1/damp).</summary>
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
    /// <summary>Initial temperature of mobile atoms (temperature unit); default: mean of T_hot and T_cold.</summary>
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

/// <summary>
/// [minimize]: FIRE energy minimization of the built system at fixed box, before velocities are
/// assigned and equilibration begins, so that a mismatched interface does not start with large
/// forces. Stops when every mobile atom's force is below <see cref="ForceTolerance"/> or after
/// <see cref="MaxSteps"/> steps (0: no minimization).
/// </summary>
public sealed record MinimizeSpec
{
    public int MaxSteps { get; init; } = 5000;
    /// <summary>Largest force component (energy/length) that counts as minimized.</summary>
    public double ForceTolerance { get; init; } = 1e-3;
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

/// <summary>
/// [spectral]: the spectral heat current q(ω) across the interface, sampled during production
/// (Sampling/Spectral). Every number is in the deck's units; null means the default.
/// </summary>
public sealed record SpectralSpec
{
    /// <summary>False turns the section off without deleting it.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Half-width of the slab of sampled atoms on each side of the interface plane (length); default and minimum: the largest potential cutoff.</summary>
    public double? Thickness { get; init; }
    /// <summary>Frequency resolution Δf (1/time: 1/τ, or THz in metal units); default: 1/(512 sample intervals).</summary>
    public double? Resolution { get; init; }
    /// <summary>Production steps between spectral samples; default run.sample_interval.</summary>
    public int? SampleInterval { get; init; }
}
