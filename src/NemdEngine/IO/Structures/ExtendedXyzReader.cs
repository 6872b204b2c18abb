using static NemdEngine.IO.Structures.StructureText;

namespace NemdEngine.IO.Structures;

/// <summary>
/// Reads one frame of extended XYZ into a structure. Needed: the atom count, an orthorhombic
/// <c>Lattice</c> (off-diagonal entries 0) and periodic x and y (<c>pbc</c>, default "T T T" as in
/// ASE); a <c>species:S:1</c> and a <c>pos:R:3</c> column (Properties, default
/// <c>species:S:1:pos:R:3</c>). Optional: <c>Origin</c> (the cell's corner; x and y are shifted so
/// the box starts at 0, z keeps it as zlo), <c>units</c> (lj or metal), and the columns
/// <c>masses:R:1</c> (or <c>mass</c>), <c>id:I:1</c> (else 1..N in order), <c>region:S:1</c> and
/// <c>side:S:1</c> (names) and <c>region_code:I:1</c>, <c>side_code:I:1</c> (H5MD codes; they must
/// agree with the names when both are given). Other keys and columns are skipped. zhi = zlo + Lz.
/// Every problem is a <see cref="StructureFileException"/> naming the file and line.
/// </summary>
public static class ExtendedXyzReader
{
    /// <param name="path">The file.</param>
    /// <param name="speciesMasses">Masses by species name (mass unit), used only when the file has no masses column.</param>
    public static AtomicStructure Read(string path, IReadOnlyDictionary<string, double>? speciesMasses = null)
    {
        using var reader = Open(path);
        StructureFileException Error(int line, string problem) => new(path, line, problem);

        string? countLine = reader.ReadLine();
        if (countLine is null) throw new StructureFileException(path, null, "is empty; expected an extended XYZ file (atom count, comment line, atoms)");
        if (!TryParse(countLine.Trim(), out int count) || count < 0)
            throw Error(1, $"expected the number of atoms, found {Quote(countLine.Trim())}");
        if (count == 0) throw Error(1, "the structure has no atoms");
        string? comment = reader.ReadLine() ?? throw Error(2, "expected the comment line (Lattice=\"...\" Properties=...), found the end of the file");

        var (pairs, problem) = ExtendedXyzHeader.Parse(comment);
        if (problem is not null) throw Error(2, problem);

        // Cell: orthorhombic lattice, x and y periodic.
        if (!pairs.TryGetValue("Lattice", out string? latticeText))
            throw Error(2, "no Lattice key; expected Lattice=\"Lx 0 0 0 Ly 0 0 0 Lz\" (an orthorhombic cell)");
        var lattice = Numbers(latticeText, 9, "Lattice", Error);
        double lx = lattice[0], ly = lattice[4], lz = lattice[8];
        if (!(lx > 0 && ly > 0 && lz > 0))
            throw Error(2, $"expected positive diagonal entries in Lattice, found {Quote(latticeText)}");
        double scale = Math.Max(lx, Math.Max(ly, lz));
        foreach (int k in (int[])[1, 2, 3, 5, 6, 7])
            if (Math.Abs(lattice[k]) > 1e-10 * scale)
                throw Error(2, $"the cell is not orthorhombic (Lattice=\"{latticeText}\"); expected Lattice=\"Lx 0 0 0 Ly 0 0 0 Lz\"");
        var origin = pairs.TryGetValue("Origin", out string? originText) ? Numbers(originText, 3, "Origin", Error)
            : pairs.TryGetValue("cell_origin", out originText) ? Numbers(originText, 3, "cell_origin", Error)
            : [0.0, 0.0, 0.0];
        bool[] pbc = pairs.TryGetValue("pbc", out string? pbcText) ? Flags(pbcText, Error) : [true, true, true];
        if (!pbc[0] || !pbc[1])
            throw Error(2, $"x and y must be periodic, found pbc=\"{pbcText}\"; expected pbc=\"T T F\" (z bounded) or \"T T T\"");
        string? units = null;
        if (pairs.TryGetValue("units", out string? unitsText))
        {
            if (!AtomicStructure.UnitSystems.Contains(unitsText))
                throw Error(2, $"units {Quote(unitsText)} are not supported; expected {string.Join(" or ", AtomicStructure.UnitSystems)}");
            units = unitsText;
        }

        var columns = Columns(pairs.TryGetValue("Properties", out string? propertiesText) ? propertiesText : "species:S:1:pos:R:3", Error);
        int width = columns.Sum(c => c.Width);
        int Column(string name) => columns.FindIndex(c => c.Name == name) is var k and >= 0 ? columns.Take(k).Sum(c => c.Width) : -1;
        int species = Column("species"), pos = Column("pos"), ids = Column("id"), region = Column("region"), side = Column("side"),
            regionCode = Column("region_code"), sideCode = Column("side_code");
        int masses = Column("masses") is var m and >= 0 ? m : Column("mass");
        if (species < 0) throw Error(2, "no species column; expected species:S:1 in Properties");
        if (pos < 0) throw Error(2, "no pos column; expected pos:R:3 in Properties");
        if (masses < 0 && speciesMasses is null) throw Error(2, "no masses column; expected masses:R:1 in Properties");
        string description = string.Join(' ', columns.Select(c => c.Width == 1 ? c.Name : $"{c.Name}×{c.Width}"));

        var names = new List<string>();
        var types = new int[count];
        var massArray = new double[count];
        var positions = new Point3[count];
        var idArray = ids >= 0 ? new int[count] : null;
        var regions = region >= 0 || regionCode >= 0 ? new AtomRegion[count] : null;
        var sides = side >= 0 || sideCode >= 0 ? new InterfaceSide[count] : null;
        var lineOfId = new Dictionary<int, int>();
        for (int i = 0; i < count; i++)
        {
            int line = i + 3;
            string? text = reader.ReadLine() ?? throw Error(line, $"expected {count} atom lines (the count on line 1), found {i}");
            var f = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != width) throw Error(line, $"expected {width} columns ({description}), found {f.Length}: {Quote(text)}");

            string name = f[species];
            if (!AtomicStructure.IsWord(name)) throw Error(line, $"species {Quote(name)} must be one word without quotes, '#' or '='");
            int type = names.IndexOf(name);
            if (type < 0) { type = names.Count; names.Add(name); }
            types[i] = type;
            double Real(int column, string what) => TryParse(f[column], out double v) ? v : throw Error(line, $"expected a number ({what}), found {Quote(f[column])}");
            positions[i] = new Point3(Real(pos, "x") - origin[0], Real(pos + 1, "y") - origin[1], Real(pos + 2, "z"));
            if (masses >= 0)
            {
                massArray[i] = Real(masses, "mass");
                if (!(massArray[i] > 0)) throw Error(line, $"expected a positive mass, found {Quote(f[masses])}");
            }
            else if (!speciesMasses!.TryGetValue(name, out massArray[i]) || !(massArray[i] > 0 && double.IsFinite(massArray[i])))
                throw Error(line, $"species '{name}' has no mass: the file has no masses column and none is given for it");
            if (idArray is not null)
            {
                if (!TryParse(f[ids], out int id) || id < 1) throw Error(line, $"expected a positive whole number (atom id), found {Quote(f[ids])}");
                if (!lineOfId.TryAdd(id, line)) throw Error(line, $"duplicate atom id {id} (also on line {lineOfId[id]})");
                idArray[i] = id;
            }
            if (regions is not null) regions[i] = Label(f, region, regionCode, line, "region", AtomLabels.TryParseRegion, Enum.GetValues<AtomRegion>(), AtomLabels.Name, Error);
            if (sides is not null) sides[i] = Label(f, side, sideCode, line, "side", AtomLabels.TryParseSide, Enum.GetValues<InterfaceSide>(), AtomLabels.Name, Error);
        }
        for (string? rest = reader.ReadLine(); rest is not null; rest = reader.ReadLine())
            if (rest.Trim().Length > 0)
                throw Error(count + 3, "more lines after the frame's atoms; expected one frame (one structure)");
        try
        {
            return new AtomicStructure(new StructureBox(lx, ly, origin[2], origin[2] + lz, pbc[2]), names, types, massArray, positions, idArray, regions, sides, units);
        }
        catch (ArgumentException e)
        {
            throw new StructureFileException(path, null, e.Message, e);
        }
    }

    private delegate bool TryParseLabel<T>(string text, out T value);

    /// <summary>A label from its name column, its code column, or both (which must agree).</summary>
    private static T Label<T>(string[] f, int nameColumn, int codeColumn, int line, string what, TryParseLabel<T> parse, T[] values,
        Func<T, string> name, Func<int, string, StructureFileException> error) where T : struct, Enum
    {
        T? byName = null, byCode = null;
        string expected = string.Join(", ", values.Select(name));
        if (nameColumn >= 0)
            byName = parse(f[nameColumn], out T v) ? v : throw error(line, $"expected a {what} ({expected}), found {Quote(f[nameColumn])}");
        if (codeColumn >= 0)
            byCode = TryParse(f[codeColumn], out int code) && code >= 0 && code < values.Length ? values[code]
                : throw error(line, $"expected a {what} code from 0 to {values.Length - 1} ({expected}), found {Quote(f[codeColumn])}");
        if (byName is T a && byCode is T b && !a.Equals(b))
            throw error(line, $"the {what} '{name(a)}' and the {what}_code {Convert.ToInt32(b, System.Globalization.CultureInfo.InvariantCulture)} ('{name(b)}') disagree");
        return byName ?? byCode!.Value;
    }

    private sealed record Property(string Name, char Type, int Width);

    private static List<Property> Columns(string text, Func<int, string, StructureFileException> error)
    {
        var parts = text.Split(':');
        if (parts.Length % 3 != 0) throw error(2, $"expected Properties as name:type:columns triples, found {Quote(text)}");
        var columns = new List<Property>();
        for (int k = 0; k < parts.Length; k += 3)
        {
            string name = parts[k];
            if (parts[k + 1] is not ("S" or "R" or "I" or "L")) throw error(2, $"column '{name}' has type {Quote(parts[k + 1])}; expected S, R, I or L");
            if (!TryParse(parts[k + 2], out int width) || width < 1) throw error(2, $"column '{name}' has {Quote(parts[k + 2])} columns; expected a positive whole number");
            if (columns.Any(c => c.Name == name)) throw error(2, $"column '{name}' is given twice in Properties");
            var column = new Property(name, parts[k + 1][0], width);
            (char Type, int Width)? known = name switch
            {
                "species" or "region" or "side" => ('S', 1),
                "pos" => ('R', 3),
                "masses" or "mass" => ('R', 1),
                "id" or "region_code" or "side_code" => ('I', 1),
                _ => null,
            };
            if (known is var (type, w) && (column.Type != type || column.Width != w))
                throw error(2, $"expected {name}:{type}:{w} in Properties, found {name}:{column.Type}:{column.Width}");
            columns.Add(column);
        }
        return columns;
    }

    private static double[] Numbers(string text, int count, string key, Func<int, string, StructureFileException> error)
    {
        var f = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var values = new double[f.Length];
        if (f.Length != count || f.Where((t, k) => !TryParse(t, out values[k])).Any())
            throw error(2, $"expected {count} numbers in {key}, found {Quote(text)}");
        return values;
    }

    private static bool[] Flags(string text, Func<int, string, StructureFileException> error)
    {
        var f = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var flags = f.Select(t => t.ToUpperInvariant() switch { "T" or "TRUE" or "1" => (bool?)true, "F" or "FALSE" or "0" => false, _ => null }).ToArray();
        if (flags.Length != 3 || flags.Any(v => v is null)) throw error(2, $"expected three T or F flags in pbc, found {Quote(text)}");
        return flags.Select(v => v!.Value).ToArray();
    }
}
