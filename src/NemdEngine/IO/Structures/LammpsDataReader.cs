using System.Text.RegularExpressions;
using static NemdEngine.IO.Structures.StructureText;

namespace NemdEngine.IO.Structures;

/// <summary>
/// Reads a LAMMPS data file into a structure: the header's atom and type counts and box (an
/// orthorhombic box only: tilt factors must be 0), the Masses section, the Atom Type Labels
/// section when present (LAMMPS 2022+), and the Atoms section in the atomic, charge, full or
/// molecular (bond, angle) style, taken from the style hint ("Atoms # atomic") or else from the
/// column count (5 atomic, 6 charge or molecular needs the hint, 7 full; each + 3 image flags,
/// which are ignored). Comments ('#' to the end of a line) may stand anywhere; other sections
/// (Velocities, Bonds, coefficients) are skipped. Species are the type labels, else a one-word
/// comment on a Masses line ("1 28.0855 # Si", as NemdEngine, ASE and LAMMPS itself write them),
/// else the type number; types with the same name are one species (per-atom masses keep their
/// masses apart). Region and side labels come from the Atoms lines' comments ("# hot A") when the
/// first atom has them, and then every atom must. x and y are shifted by −xlo, −ylo so the box
/// starts at 0; z is kept. The title line may state "units lj|metal" and "boundary p p p|f" (as
/// <see cref="LammpsDataWriter"/> writes it); z is bounded unless it says "boundary p p p".
/// Every problem is a <see cref="StructureFileException"/> naming the file and line.
/// </summary>
public static partial class LammpsDataReader
{
    /// <param name="path">The data file.</param>
    /// <param name="speciesMasses">Masses by species name (mass unit), used only when the file has no Masses section.</param>
    public static AtomicStructure Read(string path, IReadOnlyDictionary<string, double>? speciesMasses = null)
    {
        using var reader = Open(path);
        return new Parser(path, reader).Parse(speciesMasses);
    }

    /// <summary>Columns of an Atoms line in one atom style: where the type and x are and how many there are (without image flags).</summary>
    private sealed record AtomStyle(string Name, string Columns, int TypeColumn, int XColumn, int Count);

    private static readonly AtomStyle[] Styles =
    [
        new("atomic", "id type x y z", 1, 2, 5),
        new("charge", "id type q x y z", 1, 3, 6),
        new("full", "id molecule type q x y z", 2, 4, 7),
        new("molecular", "id molecule type x y z", 2, 3, 6),
        new("bond", "id molecule type x y z", 2, 3, 6),
        new("angle", "id molecule type x y z", 2, 3, 6),
    ];

    /// <summary>The sections of a LAMMPS data file (read_data); those not read are skipped.</summary>
    private static readonly HashSet<string> KnownSections = new(StringComparer.Ordinal)
    {
        "Atoms", "Velocities", "Masses", "Ellipsoids", "Lines", "Triangles", "Bodies",
        "Bonds", "Angles", "Dihedrals", "Impropers",
        "Pair Coeffs", "PairIJ Coeffs", "Bond Coeffs", "Angle Coeffs", "Dihedral Coeffs", "Improper Coeffs",
        "BondBond Coeffs", "BondAngle Coeffs", "MiddleBondTorsion Coeffs", "EndBondTorsion Coeffs", "AngleTorsion Coeffs",
        "AngleAngleTorsion Coeffs", "BondBond13 Coeffs", "AngleAngle Coeffs",
        "Atom Type Labels", "Bond Type Labels", "Angle Type Labels", "Dihedral Type Labels", "Improper Type Labels",
    };

    [GeneratedRegex(@"\bunits\s+(lj|metal)\b")]
    private static partial Regex TitleUnits();

    [GeneratedRegex(@"\bboundary\s+p\s+p\s+(p|f)\b")]
    private static partial Regex TitleBoundary();

    /// <summary>A section's name line: the name ("Atoms"), its comment (the style hint) and its line.</summary>
    private sealed record SectionStart(string Name, string? Hint, int Line);

    private sealed class Parser(string path, StreamReader reader)
    {
        private int _lineNumber;

        private long? _atomCount, _typeCount;
        private (double Lo, double Hi)? _x, _y, _z;
        private readonly Dictionary<int, (double Mass, string? Name, int Line)> _masses = [];
        private readonly Dictionary<int, string> _labels = [];
        private bool _hasMasses;
        private int _atomsLine;
        private readonly List<int> _ids = [], _types = [], _lines = [];
        private readonly List<Point3> _positions = [];
        private List<AtomRegion>? _regions;
        private List<InterfaceSide>? _sides;

        private StructureFileException Error(int line, string problem) => new(path, line, problem);

        /// <summary>The next line with its comment removed, trimmed, and the comment (null when none); null at the end.</summary>
        private (string Text, string? Comment)? Next()
        {
            string? raw = reader.ReadLine();
            if (raw is null) return null;
            _lineNumber++;
            int hash = raw.IndexOf('#', StringComparison.Ordinal);
            return hash < 0 ? (raw.Trim(), null) : (raw[..hash].Trim(), raw[(hash + 1)..].Trim());
        }

        private static bool IsKeyword(string text) => text.Length > 0 && char.IsLetter(text[0]);

        private static string[] Split(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

        public AtomicStructure Parse(IReadOnlyDictionary<string, double>? speciesMasses)
        {
            string? title = reader.ReadLine();
            if (title is null) throw new StructureFileException(path, null, "is empty; expected a LAMMPS data file");
            _lineNumber = 1;
            string? units = TitleUnits().Match(title) is { Success: true } u ? u.Groups[1].Value : null;
            bool periodicZ = TitleBoundary().Match(title) is { Success: true, Groups: var g } && g[1].Value == "p";

            var section = ReadHeader();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            while (section is var (name, hint, line))
            {
                if (seen.TryGetValue(name, out int first)) throw Error(line, $"second {name} section (the first is on line {first})");
                seen[name] = line;
                section = name switch
                {
                    "Masses" => ReadMasses(),
                    "Atom Type Labels" => ReadLabels(),
                    "Atoms" => ReadAtoms(hint),
                    _ => Section((_, _) => { }),
                };
            }
            return Build(speciesMasses, units, periodicZ);
        }

        /// <summary>Reads header lines up to the first section name (null: end of file).</summary>
        private SectionStart? ReadHeader()
        {
            while (Next() is var (text, comment))
            {
                if (text.Length == 0) continue;
                if (IsKeyword(text) && KnownSections.Contains(string.Join(' ', Split(text)))) return Keyword(text, comment);
                var f = Split(text);
                string words = string.Join(' ', f.SkipWhile(t => !IsKeyword(t)));
                var numbers = f.TakeWhile(t => !IsKeyword(t)).ToArray();
                switch (words)
                {
                    case "atoms": _atomCount = Count(numbers, "atoms"); break;
                    case "atom types": _typeCount = Count(numbers, "atom types"); break;
                    case "xlo xhi": _x = Bounds(numbers, "xlo xhi"); break;
                    case "ylo yhi": _y = Bounds(numbers, "ylo yhi"); break;
                    case "zlo zhi": _z = Bounds(numbers, "zlo zhi"); break;
                    case "xy xz yz":
                        if (numbers.Length != 3 || !numbers.All(t => TryParse(t, out double _)))
                            throw Error(_lineNumber, $"expected three tilt factors before 'xy xz yz', found {Quote(text)}");
                        if (numbers.Any(t => TryParse(t, out double v) && v != 0))
                            throw Error(_lineNumber, $"the box is triclinic (tilt factors {string.Join(' ', numbers)}); expected an orthogonal box with xy = xz = yz = 0");
                        break;
                    default:
                        // Other counts (bonds, bond types, extra ... per atom, ellipsoids): not needed for a structure.
                        if (numbers.Length == 0 || words.Length == 0 || !numbers.All(t => TryParse(t, out double _)))
                            throw Error(_lineNumber, $"expected a header line ('N atoms', 'N atom types', 'lo hi xlo xhi', ...) or a section name, found {Quote(text)}");
                        break;
                }
            }
            return null;
        }

        private SectionStart Keyword(string text, string? comment)
        {
            string name = string.Join(' ', Split(text));
            if (!KnownSections.Contains(name))
                throw Error(_lineNumber, $"unknown section {Quote(name)}; expected a LAMMPS data section such as Masses, Atoms, Atom Type Labels or Velocities");
            return new(name, comment, _lineNumber);
        }

        private long Count(string[] numbers, string what)
        {
            if (numbers.Length != 1 || !TryParse(numbers[0], out long n) || n < 0)
                throw Error(_lineNumber, $"expected one whole number before '{what}', found {Quote(string.Join(' ', numbers))}");
            return n;
        }

        private (double, double) Bounds(string[] numbers, string what)
        {
            if (numbers.Length != 2 || !TryParse(numbers[0], out double lo) || !TryParse(numbers[1], out double hi))
                throw Error(_lineNumber, $"expected two numbers before '{what}', found {Quote(string.Join(' ', numbers))}");
            if (!(hi > lo)) throw Error(_lineNumber, $"expected {what.Split(' ')[0]} < {what.Split(' ')[1]}, found {Quote(string.Join(' ', numbers))}");
            return (lo, hi);
        }

        /// <summary>Calls <paramref name="line"/> for each non-blank line of the section; returns the next section (null at the end).</summary>
        private SectionStart? Section(Action<string, string?> line)
        {
            while (Next() is var (text, comment))
            {
                if (text.Length == 0) continue;
                if (IsKeyword(text)) return Keyword(text, comment);
                line(text, comment);
            }
            return null;
        }

        private int TypeNumber(string text, string what)
        {
            if (!TryParse(text, out int type)) throw Error(_lineNumber, $"expected a whole number (atom type) for {what}, found {Quote(text)}");
            if (_typeCount is long t && (type < 1 || type > t)) throw Error(_lineNumber, $"unknown atom type {type}; the header says {t} atom types (1 to {t})");
            if (type < 1) throw Error(_lineNumber, $"unknown atom type {type}; types are numbered from 1");
            return type;
        }

        private SectionStart? ReadMasses()
        {
            RequireTypeCount("Masses");
            _hasMasses = true;
            return Section((text, comment) =>
            {
                var f = Split(text);
                if (f.Length != 2) throw Error(_lineNumber, $"expected 2 columns (type mass), found {f.Length}: {Quote(text)}");
                int type = TypeNumber(f[0], "a Masses line");
                if (!TryParse(f[1], out double mass)) throw Error(_lineNumber, $"expected a number (mass), found {Quote(f[1])}");
                if (!(mass > 0)) throw Error(_lineNumber, $"expected a positive mass, found {Quote(f[1])}");
                if (_masses.TryGetValue(type, out var earlier)) throw Error(_lineNumber, $"type {type} has a second mass (the first is on line {earlier.Line})");
                string? name = comment is not null && Split(comment) is [var word] && AtomicStructure.IsWord(word) ? word : null;
                _masses[type] = (mass, name, _lineNumber);
            });
        }

        private SectionStart? ReadLabels()
        {
            RequireTypeCount("Atom Type Labels");
            return Section((text, _) =>
            {
                var f = Split(text);
                if (f.Length != 2) throw Error(_lineNumber, $"expected 2 columns (type label), found {f.Length}: {Quote(text)}");
                int type = TypeNumber(f[0], "an Atom Type Labels line");
                if (!AtomicStructure.IsWord(f[1])) throw Error(_lineNumber, $"type label {Quote(f[1])} must be one word without quotes, '#' or '='");
                if (!_labels.TryAdd(type, f[1])) throw Error(_lineNumber, $"type {type} is labelled twice");
            });
        }

        private void RequireTypeCount(string section)
        {
            if (_typeCount is null) throw Error(_lineNumber, $"the {section} section comes before an 'N atom types' header line");
        }

        private SectionStart? ReadAtoms(string? hint)
        {
            RequireTypeCount("Atoms");
            if (_atomCount is not long expected) throw Error(_lineNumber, "the Atoms section comes before an 'N atoms' header line");
            if (expected > Array.MaxLength) throw Error(_lineNumber, $"{expected} atoms are more than one structure can hold ({Array.MaxLength})");
            _atomsLine = _lineNumber;
            AtomStyle? style = null;
            if (hint is not null && Split(hint) is [var hinted, ..])
                style = Styles.FirstOrDefault(s => s.Name == hinted)
                    ?? throw Error(_lineNumber, $"atom style {Quote(hinted)} is not supported; expected one of {string.Join(", ", Styles.Select(s => s.Name))}");
            var ids = new Dictionary<int, int>();
            int labelLine = 0;
            bool hasRegion = false, hasSide = false;
            var result = Section((text, comment) =>
            {
                if (_ids.Count == expected)
                    throw Error(_lineNumber, $"more atoms than the {expected} the header says (Atoms section from line {_atomsLine})");
                var f = Split(text);
                if (style is null)
                {
                    style = f.Length switch
                    {
                        5 or 8 => Styles[0],
                        7 or 10 => Styles[2],
                        6 or 9 => throw Error(_lineNumber, $"{f.Length} columns could be charge (id type q x y z) or molecular (id molecule type x y z); name the style: 'Atoms # charge'"),
                        _ => throw Error(_lineNumber, $"expected 5 columns (id type x y z; atomic style), found {f.Length}: {Quote(text)}"),
                    };
                }
                if (f.Length != style.Count && f.Length != style.Count + 3)
                    throw Error(_lineNumber, $"expected {style.Count} columns ({style.Columns}; {style.Name} style), or {style.Count + 3} with image flags, found {f.Length}: {Quote(text)}");
                if (!TryParse(f[0], out int id) || id < 1) throw Error(_lineNumber, $"expected a positive whole number (atom id), found {Quote(f[0])}");
                if (!ids.TryAdd(id, _lineNumber)) throw Error(_lineNumber, $"duplicate atom id {id} (also on line {ids[id]})");
                int type = TypeNumber(f[style.TypeColumn], "the atom type");
                var xyz = new double[3];
                for (int d = 0; d < 3; d++)
                    if (!TryParse(f[style.XColumn + d], out xyz[d]))
                        throw Error(_lineNumber, $"expected a number ({"xyz"[d]}), found {Quote(f[style.XColumn + d])}");
                _ids.Add(id);
                _types.Add(type);
                _lines.Add(_lineNumber);
                _positions.Add(new Point3(xyz[0], xyz[1], xyz[2]));

                var labels = Labels(comment);
                if (_ids.Count == 1 && labels is var (r, s) && (r is not null || s is not null))
                {
                    labelLine = _lineNumber;
                    (hasRegion, hasSide) = (r is not null, s is not null);
                    if (hasRegion) _regions = new List<AtomRegion>((int)expected);
                    if (hasSide) _sides = new List<InterfaceSide>((int)expected);
                }
                if (labelLine == 0) return;
                if (labels is not var (region, side) || (region is null) == hasRegion || (side is null) == hasSide)
                    throw Error(_lineNumber, $"expected the labels '# {(hasRegion ? "REGION" : "")}{(hasRegion && hasSide ? " " : "")}{(hasSide ? "SIDE" : "")}' as on line {labelLine} "
                        + $"(regions: {string.Join(", ", Enum.GetValues<AtomRegion>().Select(AtomLabels.Name))}; sides: {string.Join(", ", Enum.GetValues<InterfaceSide>().Select(AtomLabels.Name))}), found {(comment is null ? "no comment" : Quote("# " + comment))}");
                if (region is AtomRegion rv) _regions!.Add(rv);
                if (side is InterfaceSide sv) _sides!.Add(sv);
            });
            if (_ids.Count < expected)
                throw Error(_atomsLine, $"the header says {expected} atoms but the Atoms section has {_ids.Count}");
            return result;
        }

        /// <summary>The region and side labels of an Atoms line's comment, or null when it is not a label comment.</summary>
        private static (AtomRegion? Region, InterfaceSide? Side)? Labels(string? comment)
        {
            if (comment is null) return null;
            AtomRegion? region = null;
            InterfaceSide? side = null;
            foreach (string word in Split(comment))
            {
                if (region is null && AtomLabels.TryParseRegion(word, out var r)) region = r;
                else if (side is null && AtomLabels.TryParseSide(word, out var s)) side = s;
                else return null;
            }
            return region is null && side is null ? null : (region, side);
        }

        private AtomicStructure Build(IReadOnlyDictionary<string, double>? speciesMasses, string? units, bool periodicZ)
        {
            if (_atomCount is null) throw new StructureFileException(path, null, "no 'N atoms' line in the header");
            if (_typeCount is null) throw new StructureFileException(path, null, "no 'N atom types' line in the header");
            if (_x is not var (xlo, xhi)) throw new StructureFileException(path, null, "no 'xlo xhi' line in the header");
            if (_y is not var (ylo, yhi)) throw new StructureFileException(path, null, "no 'ylo yhi' line in the header");
            if (_z is not var (zlo, zhi)) throw new StructureFileException(path, null, "no 'zlo zhi' line in the header");
            if (_atomsLine == 0) throw new StructureFileException(path, null, "no Atoms section");
            if (_ids.Count == 0) throw new StructureFileException(path, _atomsLine, "the structure has no atoms");
            if (!_hasMasses && speciesMasses is null)
                throw new StructureFileException(path, null, "no Masses section; expected the mass of each atom type ('Masses' then 'type mass' lines)");

            // Species per type: its label, else its Masses comment, else its number; equal names are one species.
            int typeCount = (int)_typeCount;
            var names = new List<string>();
            var speciesOfType = new int[typeCount + 1];
            for (int t = 1; t <= typeCount; t++)
            {
                string name = _labels.TryGetValue(t, out var label) ? label
                    : _masses.TryGetValue(t, out var m) && m.Name is not null ? m.Name
                    : Number(t);
                int k = names.IndexOf(name);
                if (k < 0) { k = names.Count; names.Add(name); }
                speciesOfType[t] = k;
            }

            int n = _ids.Count;
            var types = new int[n];
            var masses = new double[n];
            var positions = new Point3[n];
            for (int i = 0; i < n; i++)
            {
                int t = _types[i];
                types[i] = speciesOfType[t];
                if (_masses.TryGetValue(t, out var m)) masses[i] = m.Mass;
                else if (_hasMasses)
                    throw Error(_lines[i], $"atom {_ids[i]} has type {t}, which has no line in the Masses section");
                else if (speciesMasses!.TryGetValue(names[types[i]], out double mass) && mass > 0 && double.IsFinite(mass)) masses[i] = mass;
                else throw Error(_lines[i], $"atom {_ids[i]} has species '{names[types[i]]}', whose mass is not given (the file has no Masses section)");
                var p = _positions[i];
                positions[i] = new Point3(p.X - xlo, p.Y - ylo, p.Z);
            }
            try
            {
                return new AtomicStructure(new StructureBox(xhi - xlo, yhi - ylo, zlo, zhi, periodicZ), names, types, masses, positions,
                    [.. _ids], _regions?.ToArray(), _sides?.ToArray(), units);
            }
            catch (ArgumentException e)
            {
                throw new StructureFileException(path, null, e.Message, e);
            }
        }
    }
}
