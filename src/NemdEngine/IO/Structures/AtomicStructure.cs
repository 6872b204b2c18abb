using NemdEngine.Model;

namespace NemdEngine.IO.Structures;

/// <summary>
/// A structure as a structure file holds it: per-atom ids, species, masses, positions and, when
/// known, region and side labels, with an orthorhombic box and the unit system the numbers are in.
/// The arrays are taken as given (not copied) and must not be changed afterwards.
/// </summary>
public sealed class AtomicStructure
{
    /// <summary>Unit system names a structure may state: Lennard-Jones reduced units and LAMMPS metal units (Å, eV, ps, g/mol, K).</summary>
    public static readonly IReadOnlyList<string> UnitSystems = Model.UnitSystem.All.Select(u => u.Name).ToArray();

    /// <param name="box">The box (length).</param>
    /// <param name="speciesNames">Distinct species names, each one word (no whitespace, quotes, '#' or '=').</param>
    /// <param name="types">Per atom, the index of its species in <paramref name="speciesNames"/>.</param>
    /// <param name="masses">Per atom, its mass (mass unit: g/mol for metal, m for lj), positive and finite.</param>
    /// <param name="positions">Per atom, its position (length), finite; x and y may lie outside [0, L) (they are periodic).</param>
    /// <param name="ids">Per atom, a distinct positive identifier; null for 1..N in order.</param>
    /// <param name="regions">Per atom, what integrates it; null when the file does not say.</param>
    /// <param name="sides">Per atom, its side of the interface; null when the file does not say.</param>
    /// <param name="units">"lj" or "metal", or null when the file does not say.</param>
    public AtomicStructure(
        StructureBox box,
        IReadOnlyList<string> speciesNames,
        int[] types,
        double[] masses,
        Point3[] positions,
        int[]? ids = null,
        AtomRegion[]? regions = null,
        InterfaceSide[]? sides = null,
        string? units = null)
    {
        ArgumentNullException.ThrowIfNull(box);
        int n = positions.Length;
        Check(n > 0, "a structure needs at least one atom");
        Check(types.Length == n, $"{types.Length} types for {n} atoms");
        Check(masses.Length == n, $"{masses.Length} masses for {n} atoms");
        Check(ids is null || ids.Length == n, $"{ids?.Length} ids for {n} atoms");
        Check(regions is null || regions.Length == n, $"{regions?.Length} region labels for {n} atoms");
        Check(sides is null || sides.Length == n, $"{sides?.Length} side labels for {n} atoms");
        Check(units is null || UnitSystems.Contains(units), $"unknown unit system '{units}'; expected {string.Join(" or ", UnitSystems.Select(u => $"\"{u}\""))}");
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in speciesNames)
        {
            Check(IsWord(name), $"species name '{name}' must be one word without whitespace, quotes, '#' or '='");
            Check(seenNames.Add(name), $"species '{name}' is named twice");
        }
        for (int i = 0; i < n; i++)
        {
            Check((uint)types[i] < (uint)speciesNames.Count, $"atom {i} has species index {types[i]}; expected 0 to {speciesNames.Count - 1}");
            Check(masses[i] > 0 && double.IsFinite(masses[i]), $"atom {i} has mass {masses[i]}; expected a positive, finite mass");
            Check(positions[i].IsFinite, $"atom {i} has a position that is not finite: {StructureText.Position(positions[i])}");
            if (regions is not null) Check(Enum.IsDefined(regions[i]), $"atom {i} has an unknown region {(int)regions[i]}");
            if (sides is not null) Check(Enum.IsDefined(sides[i]), $"atom {i} has an unknown side {(int)sides[i]}");
        }
        if (ids is not null)
        {
            var seen = new HashSet<int>(n);
            for (int i = 0; i < n; i++)
            {
                Check(ids[i] > 0, $"atom {i} has id {ids[i]}; ids must be positive");
                Check(seen.Add(ids[i]), $"id {ids[i]} is given to two atoms");
            }
        }
        Box = box;
        SpeciesNames = speciesNames.ToArray();
        Types = types;
        Masses = masses;
        Positions = positions;
        Ids = ids ?? Enumerable.Range(1, n).ToArray();
        Regions = regions;
        Sides = sides;
        Units = units;
    }

    public StructureBox Box { get; }
    public IReadOnlyList<string> SpeciesNames { get; }
    /// <summary>Species index of each atom (into <see cref="SpeciesNames"/>).</summary>
    public int[] Types { get; }
    /// <summary>Mass of each atom (mass unit).</summary>
    public double[] Masses { get; }
    /// <summary>Position of each atom (length).</summary>
    public Point3[] Positions { get; }
    /// <summary>Identifier of each atom: distinct, positive (LAMMPS atom ids).</summary>
    public int[] Ids { get; }
    /// <summary>Region label of each atom, or null when unknown.</summary>
    public AtomRegion[]? Regions { get; }
    /// <summary>Side label of each atom, or null when unknown.</summary>
    public InterfaceSide[]? Sides { get; }
    /// <summary>"lj" or "metal", or null when the file did not say.</summary>
    public string? Units { get; }

    public int Count => Positions.Length;

    /// <summary>The species name of atom <paramref name="index"/>.</summary>
    public string SpeciesOf(int index) => SpeciesNames[Types[index]];

    /// <summary>The engine region of each atom (mobile atoms split into MaterialA and MaterialB by side); both label arrays are needed.</summary>
    public Region[] ModelRegions()
    {
        if (Regions is null || Sides is null) throw new InvalidOperationException("the structure has no region and side labels");
        var result = new Region[Count];
        for (int i = 0; i < Count; i++) result[i] = AtomLabels.ToModel(Regions[i], Sides[i]);
        return result;
    }

    /// <summary>The same atoms with other positions (wrapping), keeping every other array.</summary>
    public AtomicStructure WithPositions(Point3[] positions) =>
        new(Box, SpeciesNames, Types, Masses, positions, Ids, Regions, Sides, Units);

    /// <summary>True for a name both file formats can hold as one column: non-empty, no whitespace, quotes, '#' or '='.</summary>
    public static bool IsWord(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '#' or '"' or '=' or '\'');

    private static void Check(bool ok, string problem)
    {
        if (!ok) throw new ArgumentException(problem);
    }
}
