using static NemdEngine.IO.Structures.StructureText;

namespace NemdEngine.IO.Structures;

/// <summary>
/// Writes a structure as extended XYZ (the ASE / OVITO / QUIP flavour). Line 1 is the atom count;
/// line 2 holds <c>Lattice="Lx 0 0 0 Ly 0 0 0 Lz"</c> (Lz = zhi − zlo), <c>Origin="0 0 zlo"</c>
/// (OVITO places the cell there; ASE keeps it in atoms.info), the columns
/// <c>Properties=species:S:1:pos:R:3:masses:R:1:id:I:1</c> followed, when the structure has labels, by
/// <c>region:S:1:side:S:1</c> (names, read by ASE into atoms.arrays) and <c>region_code:I:1:side_code:I:1</c>
/// (the same labels as the H5MD codes: OVITO skips string columns but reads integer ones),
/// <c>pbc="T T F"</c> (z bounded) or <c>"T T T"</c>, and <c>units=metal</c> or <c>units=lj</c> when known.
/// Then one line per atom. Numbers are written in round-trip form; the file is written through a
/// temporary and a rename.
/// </summary>
public static class ExtendedXyzWriter
{
    /// <param name="path">The file to write (replaced if it exists).</param>
    public static void Write(string path, AtomicStructure structure) => AtomicFile.Write(path, stream =>
    {
        using var writer = Writer(stream);
        Write(writer, structure);
    });

    public static void Write(TextWriter w, AtomicStructure s)
    {
        var box = s.Box;
        string properties = "species:S:1:pos:R:3:masses:R:1:id:I:1"
            + (s.Regions is null ? "" : ":region:S:1")
            + (s.Sides is null ? "" : ":side:S:1")
            + (s.Regions is null ? "" : ":region_code:I:1")
            + (s.Sides is null ? "" : ":side_code:I:1");
        w.WriteLine(Number(s.Count));
        w.Write($"Lattice=\"{Number(box.LengthX)} 0 0 0 {Number(box.LengthY)} 0 0 0 {Number(box.LengthZ)}\" Origin=\"0 0 {Number(box.ZLow)}\"");
        w.Write($" Properties={properties} pbc=\"T T {(box.PeriodicZ ? "T" : "F")}\"");
        if (s.Units is not null) w.Write($" units={s.Units}");
        w.WriteLine();
        for (int i = 0; i < s.Count; i++)
        {
            var p = s.Positions[i];
            w.Write($"{s.SpeciesOf(i)} {Number(p.X)} {Number(p.Y)} {Number(p.Z)} {Number(s.Masses[i])} {Number(s.Ids[i])}");
            if (s.Regions is not null) w.Write($" {AtomLabels.Name(s.Regions[i])}");
            if (s.Sides is not null) w.Write($" {AtomLabels.Name(s.Sides[i])}");
            if (s.Regions is not null) w.Write($" {Number((int)s.Regions[i])}");
            if (s.Sides is not null) w.Write($" {Number((int)s.Sides[i])}");
            w.WriteLine();
        }
    }
}
