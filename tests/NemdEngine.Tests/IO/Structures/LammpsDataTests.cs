using System.Globalization;
using NemdEngine.IO.Structures;

namespace NemdEngine.Tests.IO.Structures;

/// <summary>LAMMPS data files: exact round trip, LAMMPS itself reads them (and the groups file), and every refusal names the file and line.</summary>
public class LammpsDataTests
{
    private readonly string dir = StructureSamples.Folder("lammps");

    private string Write(string text, string name = "s.data")
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void RoundTripIsExact()
    {
        var structure = StructureSamples.SiGe();
        string path = Path.Combine(dir, "structure.data");
        LammpsDataWriter.Write(path, structure);
        var read = LammpsDataReader.Read(path);
        StructureSamples.AssertSame(structure, read);
        Assert.Equal(["Si", "Ge"], read.SpeciesNames);
        // One species with two masses is two LAMMPS types of the same name.
        Assert.Equal([(1, "Si", 28.0855), (2, "Ge", 72.630), (3, "Ge", 73.921177761)],
            LammpsDataWriter.AtomTypes(structure).Select(t => (t.Number, t.Species, t.Mass)));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void WritesTheDocumentedLayout()
    {
        var structure = new AtomicStructure(new StructureBox(5.43, 5.43, -1.5, 10.25), ["Si", "Ge"], [0, 1], [28.0855, 72.63],
            [new Point3(0, 0, 0.68), new Point3(2.715, 1.0 / 3, 5)], [1, 7], [AtomRegion.Hot, AtomRegion.Mobile], [InterfaceSide.A, InterfaceSide.B], "metal");
        var text = new StringWriter();
        LammpsDataWriter.Write(text, structure);
        Assert.Equal("""
            NemdEngine structure: units metal, boundary p p f

            2 atoms
            2 atom types

            0 5.43 xlo xhi
            0 5.43 ylo yhi
            -1.5 10.25 zlo zhi

            Masses

            1 28.0855 # Si
            2 72.63 # Ge

            Atoms # atomic

            1 1 0 0 0.68 # hot A
            7 2 2.715 0.3333333333333333 5 # mobile B

            """.ReplaceLineEndings("\n"), text.ToString());
    }

    [Fact]
    public void WithoutLabelsAtomsLinesHaveNoComment()
    {
        var structure = new AtomicStructure(new StructureBox(2, 2, 0, 2, periodicZ: true), ["Ar"], [0], [1], [new Point3(0.5, 0.5, 0.5)]);
        var text = new StringWriter();
        LammpsDataWriter.Write(text, structure);
        Assert.StartsWith("NemdEngine structure: boundary p p p\n", text.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\n1 1 0.5 0.5 0.5\n", text.ToString(), StringComparison.Ordinal);
        var read = LammpsDataReader.Read(Write(text.ToString()));
        StructureSamples.AssertSame(structure, read);
        Assert.True(read.Box.PeriodicZ);
        Assert.Null(read.Regions);
        Assert.False(LammpsGroupsWriter.HasGroups(read));
    }

    [Fact]
    public void GroupsAreIdRanges()
    {
        var s = new AtomicStructure(new StructureBox(10, 10, 0, 10), ["A"], new int[6], Enumerable.Repeat(1.0, 6).ToArray(),
            Enumerable.Range(0, 6).Select(i => new Point3(i, i, i)).ToArray(), [1, 2, 3, 5, 9, 10],
            [AtomRegion.Hot, AtomRegion.Hot, AtomRegion.Mobile, AtomRegion.Hot, AtomRegion.Hot, AtomRegion.Cold],
            [InterfaceSide.A, InterfaceSide.A, InterfaceSide.A, InterfaceSide.A, InterfaceSide.B, InterfaceSide.B]);
        Assert.Equal("""
            # LAMMPS groups of the NemdEngine structure s.data: include after read_data
            group frozen empty
            group hot id 1:2 5 9
            group mobile id 3
            group cold id 10
            group A id 1:3 5
            group B id 9:10

            """.ReplaceLineEndings("\n"), LammpsGroupsWriter.Text(s, "s.data"));
    }

    [Fact]
    public void ReadsOtherStylesCommentsLabelsAndAnOffsetBox()
    {
        // ASE / LAMMPS-written shapes: full style by column count, image flags, comments everywhere,
        // an Atom Type Labels section (LAMMPS 2022+), Velocities and coefficient sections skipped, xlo != 0.
        string path = Write("""
            LAMMPS data file via write_data  # title
            # a comment line
            3 atoms   # count
            2 atom types
            1 bonds
            1 bond types
            -2 3 xlo xhi
            10 20 ylo yhi
            0 10 zlo zhi
            0 0 0 xy xz yz

            Atom Type Labels

            1 Si
            2 Ge

            Masses

            1 28.0855 # silicon atoms
            2 72.63

            Pair Coeffs # lj/cut

            1 1.0 1.0
            2 1.0 1.0

            Atoms   # full

            3 1 2 0.0 2.5 15 7 0 0 0
            1 1 1 0.5 -2 10 1 1 0 0   # a comment that is not a label
            2 1 1 0.0 0 11 2 0 0 0

            Velocities

            1 0 0 0
            2 0 0 0
            3 0 0 0

            Bonds

            1 1 1 2
            """);
        var s = LammpsDataReader.Read(path);
        Assert.Equal([3, 1, 2], s.Ids);
        Assert.Equal(["Si", "Ge"], s.SpeciesNames);
        Assert.Equal([1, 0, 0], s.Types);
        Assert.Equal([72.63, 28.0855, 28.0855], s.Masses);
        Assert.Equal(new StructureBox(5, 10, 0, 10), s.Box);
        Assert.Equal([new Point3(4.5, 5, 7), new Point3(0, 0, 1), new Point3(2, 1, 2)], s.Positions);
        Assert.Null(s.Regions);
        Assert.Null(s.Units);
    }

    [Fact]
    public void NamesTypesFromMassesCommentsOrNumbersAndTakesTheStyleHint()
    {
        string path = Write("""
            title

            2 atoms
            3 atom types
            0 1 xlo xhi
            0 1 ylo yhi
            0 1 zlo zhi

            Masses

            1 1.5 # Ar
            2 2.5
            3 3.5 # Ar

            Atoms # charge

            1 2 -0.5 0.1 0.2 0.3 # hot
            2 3 0.5 0.4 0.5 0.6 # cold
            """);
        var s = LammpsDataReader.Read(path);
        Assert.Equal(["Ar", "2"], s.SpeciesNames);
        Assert.Equal([1, 0], s.Types);
        Assert.Equal([2.5, 3.5], s.Masses);
        Assert.Equal([new Point3(0.1, 0.2, 0.3), new Point3(0.4, 0.5, 0.6)], s.Positions);
        Assert.Equal([AtomRegion.Hot, AtomRegion.Cold], s.Regions);
        Assert.Null(s.Sides);
    }

    [Fact]
    public void MassesMayComeFromTheCallerWhenTheFileHasNone()
    {
        string text = """
            title

            1 atoms
            1 atom types
            0 1 xlo xhi
            0 1 ylo yhi
            0 1 zlo zhi

            Atom Type Labels

            1 Si

            Atoms # atomic

            1 1 0.1 0.2 0.3
            """;
        Assert.Equal([28.0855], LammpsDataReader.Read(Write(text), new Dictionary<string, double> { ["Si"] = 28.0855 }).Masses);
        string path = Write(text);
        var e = Assert.Throws<StructureFileException>(() => LammpsDataReader.Read(path, new Dictionary<string, double> { ["Ge"] = 72.63 }));
        Assert.Equal($"{path}:15: atom 1 has species 'Si', whose mass is not given (the file has no Masses section)", e.Message);
    }

    private const string Header = """
        title

        2 atoms
        2 atom types

        0 5 xlo xhi
        0 5 ylo yhi
        0 5 zlo zhi

        """;

    private const string Masses = """
        Masses

        1 28.0855
        2 72.63

        """;

    public static TheoryData<string, string> BadFiles => new()
    {
        // Line numbers count from the title (line 1); Header is lines 1-8, Masses 9-12, "Atoms" is line 13, the first atom line 15.
        { Header + Masses + "Atoms # atomic\n\n1 1 0 abc 0\n2 1 1 1 1\n", "15: expected a number (y), found 'abc'" },
        { Header + Masses + "Atoms # atomic\n\n1 1 0 0 0\n1 1 1 1 1\n", "16: duplicate atom id 1 (also on line 15)" },
        { Header + Masses + "Atoms # atomic\n\n1 1 0 0 0\n2 3 1 1 1\n", "16: unknown atom type 3; the header says 2 atom types (1 to 2)" },
        { Header + Masses + "Atoms # atomic\n\n1 1 0 0 0\n", "13: the header says 2 atoms but the Atoms section has 1" },
        { Header + Masses + "Atoms # atomic\n\n1 1 0 0 0\n2 1 1 1 1\n3 1 2 2 2\n", "17: more atoms than the 2 the header says (Atoms section from line 13)" },
        { Header + Masses + "Atoms # atomic\n\n1 1 0 0 0\n2 1 1 1\n", "16: expected 5 columns (id type x y z; atomic style), or 8 with image flags, found 4: '2 1 1 1'" },
        { Header + Masses + "Atoms\n\n1 1 0 0 0 0\n2 1 1 1 1 1\n", "15: 6 columns could be charge (id type q x y z) or molecular (id molecule type x y z); name the style: 'Atoms # charge'" },
        { Header + Masses + "Atoms # sphere\n\n1 1 0 0 0\n", "13: atom style 'sphere' is not supported; expected one of atomic, charge, full, molecular, bond, angle" },
        { Header + Masses + "Atoms # atomic\n\n0 1 0 0 0\n2 1 1 1 1\n", "15: expected a positive whole number (atom id), found '0'" },
        { Header + Masses + "Atoms # atomic\n\n1 1 0 0 0 # hot A\n2 1 1 1 1 # hot\n",
            "16: expected the labels '# REGION SIDE' as on line 15 (regions: frozen, hot, mobile, cold; sides: A, B), found '# hot'" },
        { Header + Masses + "Atoms # atomic\n\n1 1 0 0 0 # hot A\n2 1 1 1 1\n",
            "16: expected the labels '# REGION SIDE' as on line 15 (regions: frozen, hot, mobile, cold; sides: A, B), found no comment" },
        { Header + "Masses\n\n1 28.0855\n\nAtoms # atomic\n\n1 1 0 0 0\n2 2 1 1 1\n", "16: atom 2 has type 2, which has no line in the Masses section" },
        { Header + "Masses\n\n1 28.0855\n1 29\n", "12: type 1 has a second mass (the first is on line 11)" },
        { Header + "Masses\n\n1 -28\n", "11: expected a positive mass, found '-28'" },
        { Header + "Masses\n\n1 28 2\n", "11: expected 2 columns (type mass), found 3: '1 28 2'" },
        { Header + Masses + Masses, "13: second Masses section (the first is on line 9)" },
        { Header + "Atoms # atomic\n\n1 1 0 0 0\n2 2 1 1 1\n", "no Masses section; expected the mass of each atom type ('Masses' then 'type mass' lines)" },
        { Header + Masses, "no Atoms section" },
        { Header.Replace("0 5 zlo zhi", "", StringComparison.Ordinal) + Masses + "Atoms\n\n1 1 0 0 0\n2 1 1 1 1\n", "no 'zlo zhi' line in the header" },
        { Header.Replace("0 5 ylo yhi", "5 0 ylo yhi", StringComparison.Ordinal), "7: expected ylo < yhi, found '5 0'" },
        { Header.Replace("2 atoms", "two atoms", StringComparison.Ordinal), "3: expected a header line ('N atoms', 'N atom types', 'lo hi xlo xhi', ...) or a section name, found 'two atoms'" },
        { Header + "0.5 0 0 xy xz yz\n", "9: the box is triclinic (tilt factors 0.5 0 0); expected an orthogonal box with xy = xz = yz = 0" },
        { "title\n\n2 atoms\n\nMasses\n\n1 1\n", "5: the Masses section comes before an 'N atom types' header line" },
        { Header + Masses + "Atom # atomic\n\n1 1 0 0 0\n", "13: unknown section 'Atom'; expected a LAMMPS data section such as Masses, Atoms, Atom Type Labels or Velocities" },
        { "", "is empty; expected a LAMMPS data file" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFilesAreRefusedNamingFileAndLine(string text, string problem)
    {
        string path = Write(text);
        var e = Assert.Throws<StructureFileException>(() => LammpsDataReader.Read(path));
        Assert.Equal(char.IsDigit(problem[0]) ? $"{path}:{problem}" : $"{path}: {problem}", e.Message);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        string path = Path.Combine(dir, "absent.data");
        Assert.Equal($"{path}: no such structure file", Assert.Throws<StructureFileException>(() => LammpsDataReader.Read(path)).Message);
        Assert.Equal($"{dir}: is a folder; expected a structure file", Assert.Throws<StructureFileException>(() => LammpsDataReader.Read(dir)).Message);
    }

    private static string G(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// LAMMPS (units metal, atom_style atomic, boundary p p f) reads the file and the groups file:
    /// atom count, group sizes, box, masses and positions of atoms of every type (printed with %.17g),
    /// and every atom's position and mass in its own write_data file, which our reader reads back.
    /// </summary>
    [SkippableFact]
    public void LammpsReadsTheDataAndGroupsFiles()
    {
        string lmp = Peers.RequireExecutable("lmp", "apt-get install lammps");
        var s = StructureSamples.SiGe();
        var written = StructureFile.WriteAll(dir, s);
        Assert.Equal([StructureFile.LammpsDataName, StructureFile.ExtendedXyzName, StructureFile.LammpsGroupsName], written.Select(Path.GetFileName));
        // Atoms of each LAMMPS type (Si, Ge, the Ge isotope), and the first and last.
        var types = LammpsDataWriter.AtomTypes(s);
        int[] probe = [0, 1, s.Count / 2, s.Count / 2 + 1, s.Count - 1];
        Assert.Equal(types.Select(t => t.Mass), probe.Select(i => s.Masses[i]).Distinct().Order());
        File.WriteAllText(Path.Combine(dir, "in.read"), $"""
            units metal
            atom_style atomic
            atom_modify map yes
            boundary p p f
            read_data {StructureFile.LammpsDataName}
            include {StructureFile.LammpsGroupsName}
            print "COUNTS $(atoms) $(count(frozen)) $(count(hot)) $(count(mobile)) $(count(cold)) $(count(A)) $(count(B))"
            print "BOX $(xlo:%.17g) $(xhi:%.17g) $(ylo:%.17g) $(yhi:%.17g) $(zlo:%.17g) $(zhi:%.17g)"
            {string.Join("\n", probe.Select(i => $"print \"ATOM {s.Ids[i]} $(x[{s.Ids[i]}]:%.17g) $(y[{s.Ids[i]}]:%.17g) $(z[{s.Ids[i]}]:%.17g) $(mass[{s.Ids[i]}]:%.17g)\""))}
            write_data written.data
            """);
        var (code, stdout, stderr) = Peers.Run(lmp, ["-nocite", "-in", "in.read", "-log", "log.lammps"], TimeSpan.FromMinutes(2), dir);
        Assert.True(code == 0, $"lmp exit code {code}: {stderr}\n{stdout[^Math.Min(stdout.Length, 2000)..]}");
        string[] Line(string key) => stdout.Split('\n').Single(l => l.StartsWith(key + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        int Count(AtomRegion r) => s.Regions!.Count(x => x == r);
        int Side(InterfaceSide x) => s.Sides!.Count(y => y == x);
        Assert.Equal(new[] { s.Count, Count(AtomRegion.Frozen), Count(AtomRegion.Hot), Count(AtomRegion.Mobile), Count(AtomRegion.Cold), Side(InterfaceSide.A), Side(InterfaceSide.B) }
            .Select(v => v.ToString(CultureInfo.InvariantCulture)), Line("COUNTS"));
        Assert.Equal(new[] { 0, s.Box.LengthX, 0, s.Box.LengthY, s.Box.ZLow, s.Box.ZHigh }, Line("BOX").Select(double.Parse));
        foreach (int i in probe)
        {
            var atom = stdout.Split('\n').Single(l => l.StartsWith($"ATOM {s.Ids[i]} ", StringComparison.Ordinal)).Split(' ')[2..].Select(double.Parse).ToArray();
            Assert.Equal(s.Positions[i], new Point3(atom[0], atom[1], atom[2]));
            Assert.Equal(s.Masses[i], atom[3]);
        }

        // LAMMPS's own data file (image flags, a Velocities section, masses without names) reads back to the same atoms.
        var back = LammpsDataReader.Read(Path.Combine(dir, "written.data"));
        var byId = Enumerable.Range(0, back.Count).ToDictionary(i => back.Ids[i]);
        Assert.Equal(s.Count, back.Count);
        Assert.Equal(s.Box, back.Box);
        for (int i = 0; i < s.Count; i++)
        {
            int j = byId[s.Ids[i]];
            Assert.Equal(s.Positions[i], back.Positions[j]);
            Assert.Equal(s.Masses[i], back.Masses[j]);
        }
    }
}
