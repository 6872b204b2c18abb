using static NemdEngine.IO.Structures.StructureText;

namespace NemdEngine.IO.Structures;

/// <summary>A LAMMPS atom type of a written data file: its number, species and mass (mass unit).</summary>
public sealed record LammpsAtomType(int Number, string Species, double Mass);

/// <summary>
/// Writes a structure as a LAMMPS data file for <c>atom_style atomic</c>: a title line stating the
/// unit system and the boundary ("NemdEngine structure: units metal, boundary p p f"), the atom and
/// type counts, the box (x and y from 0, z from zlo to zhi), a Masses section with each type's
/// species as a comment ("1 28.0855 # Si"; LAMMPS before 2022 has no Atom Type Labels section), and
/// an Atoms section "id type x y z" with the region and side as a trailing comment ("# hot A").
/// LAMMPS types are the distinct (species, mass) pairs in species order, then by mass, so one
/// species with two masses (isotopes) becomes two types with the same name.
/// Numbers are written in round-trip form; the file is written through a temporary and a rename.
/// </summary>
public static class LammpsDataWriter
{
    /// <summary>The LAMMPS types <paramref name="structure"/> is written with.</summary>
    public static IReadOnlyList<LammpsAtomType> AtomTypes(AtomicStructure structure) => Types(structure).Types;

    /// <param name="path">The data file to write (replaced if it exists).</param>
    public static void Write(string path, AtomicStructure structure) => AtomicFile.Write(path, stream =>
    {
        using var writer = Writer(stream);
        Write(writer, structure);
    });

    public static void Write(TextWriter w, AtomicStructure s)
    {
        var (types, typeOf) = Types(s);
        var box = s.Box;
        string units = s.Units is null ? "" : $"units {s.Units}, ";
        w.WriteLine($"NemdEngine structure: {units}boundary p p {(box.PeriodicZ ? "p" : "f")}");
        w.WriteLine();
        w.WriteLine($"{Number(s.Count)} atoms");
        w.WriteLine($"{Number(types.Count)} atom types");
        w.WriteLine();
        w.WriteLine($"0 {Number(box.LengthX)} xlo xhi");
        w.WriteLine($"0 {Number(box.LengthY)} ylo yhi");
        w.WriteLine($"{Number(box.ZLow)} {Number(box.ZHigh)} zlo zhi");
        w.WriteLine();
        w.WriteLine("Masses");
        w.WriteLine();
        foreach (var t in types) w.WriteLine($"{Number(t.Number)} {Number(t.Mass)} # {t.Species}");
        w.WriteLine();
        w.WriteLine("Atoms # atomic");
        w.WriteLine();
        for (int i = 0; i < s.Count; i++)
        {
            var p = s.Positions[i];
            w.Write($"{Number(s.Ids[i])} {Number(typeOf[i])} {Number(p.X)} {Number(p.Y)} {Number(p.Z)}");
            if (s.Regions is not null || s.Sides is not null)
            {
                w.Write(" #");
                if (s.Regions is not null) w.Write($" {AtomLabels.Name(s.Regions[i])}");
                if (s.Sides is not null) w.Write($" {AtomLabels.Name(s.Sides[i])}");
            }
            w.WriteLine();
        }
    }

    private static (IReadOnlyList<LammpsAtomType> Types, int[] TypeOf) Types(AtomicStructure s)
    {
        var pairs = new SortedSet<(int Species, double Mass)>();
        for (int i = 0; i < s.Count; i++) pairs.Add((s.Types[i], s.Masses[i]));
        var numbers = new Dictionary<(int, double), int>();
        var types = new List<LammpsAtomType>();
        foreach (var pair in pairs)
        {
            numbers[pair] = types.Count + 1;
            types.Add(new LammpsAtomType(types.Count + 1, s.SpeciesNames[pair.Species], pair.Mass));
        }
        var typeOf = new int[s.Count];
        for (int i = 0; i < s.Count; i++) typeOf[i] = numbers[(s.Types[i], s.Masses[i])];
        return (types, typeOf);
    }
}
