using System.Text.Json;
using NemdEngine.IO.Structures;

namespace NemdEngine.Tests.IO.Structures;

/// <summary>Extended XYZ: exact round trip, ASE reads the file (species, positions, cell, pbc, masses, labels), every refusal names the file and line.</summary>
public class ExtendedXyzTests
{
    private readonly string dir = StructureSamples.Folder("extxyz");

    private string Write(string text, string name = "s.xyz")
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void RoundTripIsExact()
    {
        // zhi is read back as zlo + Lz: exact here (and for every box of the float32 engine), within an ulp in general.
        var structure = StructureSamples.SiGe();
        Assert.Equal(structure.Box.ZHigh, structure.Box.ZLow + structure.Box.LengthZ);
        string path = Path.Combine(dir, "structure.xyz");
        ExtendedXyzWriter.Write(path, structure);
        StructureSamples.AssertSame(structure, ExtendedXyzReader.Read(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void WritesTheDocumentedLayout()
    {
        var structure = new AtomicStructure(new StructureBox(5.43, 5.43, -1.5, 10.25), ["Si", "Ge"], [0, 1], [28.0855, 72.63],
            [new Point3(0, 0, 0.68), new Point3(2.715, 1.0 / 3, 5)], [1, 7], [AtomRegion.Hot, AtomRegion.Mobile], [InterfaceSide.A, InterfaceSide.B], "metal");
        var text = new StringWriter();
        ExtendedXyzWriter.Write(text, structure);
        Assert.Equal("""
            2
            Lattice="5.43 0 0 0 5.43 0 0 0 11.75" Origin="0 0 -1.5" Properties=species:S:1:pos:R:3:masses:R:1:id:I:1:region:S:1:side:S:1:region_code:I:1:side_code:I:1 pbc="T T F" units=metal
            Si 0 0 0.68 28.0855 1 hot A 1 0
            Ge 2.715 0.3333333333333333 5 72.63 7 mobile B 2 1

            """.ReplaceLineEndings("\n"), text.ToString());
    }

    [Fact]
    public void ReadsAseShapedFilesWithOriginQuotingAndExtraColumns()
    {
        // What ASE writes (no masses column: masses from the caller), with an Origin, braces, a bare key and extra columns.
        string path = Write("""
            3
            Lattice="4.0 0.0 0.0 0.0 5.0 0.0 0.0 0.0 6.0" Origin={1 2 -3} Properties=species:S:1:pos:R:3:forces:R:3:selected:L:1 energy=-1.5 comment="a \"quoted\" word" flag pbc="T T T"
            Si 1.5 2.5 -2.0 0.1 0.2 0.3 T
            Ge 4.0 6.0 2.5 0 0 0 F
            Si 1 2 -3 0 0 0 F
            """);
        var s = ExtendedXyzReader.Read(path, new Dictionary<string, double> { ["Si"] = 28.0855, ["Ge"] = 72.63 });
        Assert.Equal(new StructureBox(4, 5, -3, 3, periodicZ: true), s.Box);
        Assert.Equal(["Si", "Ge"], s.SpeciesNames);
        Assert.Equal([0, 1, 0], s.Types);
        Assert.Equal([28.0855, 72.63, 28.0855], s.Masses);
        Assert.Equal([1, 2, 3], s.Ids);
        Assert.Equal([new Point3(0.5, 0.5, -2), new Point3(3, 4, 2.5), new Point3(0, 0, -3)], s.Positions);
        Assert.Null(s.Regions);
        Assert.Null(s.Units);
    }

    [Fact]
    public void LabelsMayBeNamesOrCodes()
    {
        string path = Write("""
            2
            Lattice="4 0 0 0 4 0 0 0 4" Properties=species:S:1:pos:R:3:mass:R:1:region_code:I:1:side:S:1 pbc="T T F"
            Ar 1 1 1 39.948 0 a
            Ar 2 2 2 39.948 3 B
            """);
        var s = ExtendedXyzReader.Read(path);
        Assert.Equal([AtomRegion.Frozen, AtomRegion.Cold], s.Regions);
        Assert.Equal([InterfaceSide.A, InterfaceSide.B], s.Sides);
        Assert.False(s.Box.PeriodicZ);
    }

    private const string Good = "Lattice=\"4 0 0 0 4 0 0 0 4\" Properties=species:S:1:pos:R:3:masses:R:1:id:I:1:region:S:1:side:S:1:region_code:I:1:side_code:I:1 pbc=\"T T F\"";

    public static TheoryData<string, string> BadFiles => new()
    {
        { $"2\n{Good}\nSi 0 0 0 28 1 hot A 1 0\nSi 1 x 1 28 2 hot A 1 0\n", "4: expected a number (y), found 'x'" },
        { $"2\n{Good}\nSi 0 0 0 28 1 hot A 1 0\nSi 1 1 1 28 1 hot A 1 0\n", "4: duplicate atom id 1 (also on line 3)" },
        { $"2\n{Good}\nSi 0 0 0 28 1 hot A 1 0\n", "4: expected 2 atom lines (the count on line 1), found 1" },
        { $"1\n{Good}\nSi 0 0 0 28 1 hot A 1 0\n1\n", "4: more lines after the frame's atoms; expected one frame (one structure)" },
        { $"1\n{Good}\nSi 0 0 0 28 1 hot A\n", "3: expected 10 columns (species pos×3 masses id region side region_code side_code), found 8: 'Si 0 0 0 28 1 hot A'" },
        { $"1\n{Good}\nSi 0 0 0 28 1 warm A 1 0\n", "3: expected a region (frozen, hot, mobile, cold), found 'warm'" },
        { $"1\n{Good}\nSi 0 0 0 28 1 hot A 2 0\n", "3: the region 'hot' and the region_code 2 ('mobile') disagree" },
        { $"1\n{Good}\nSi 0 0 0 28 1 hot A 1 2\n", "3: expected a side code from 0 to 1 (A, B), found '2'" },
        { $"1\n{Good}\nSi 0 0 0 -28 1 hot A 1 0\n", "3: expected a positive mass, found '-28'" },
        { $"1\n{Good}\nSi 0 0 0 28 0 hot A 1 0\n", "3: expected a positive whole number (atom id), found '0'" },
        { "x\n", "1: expected the number of atoms, found 'x'" },
        { "0\n\n", "1: the structure has no atoms" },
        { "1\n", "2: expected the comment line (Lattice=\"...\" Properties=...), found the end of the file" },
        { "1\nProperties=species:S:1:pos:R:3\nSi 0 0 0\n", "2: no Lattice key; expected Lattice=\"Lx 0 0 0 Ly 0 0 0 Lz\" (an orthorhombic cell)" },
        { "1\nLattice=\"4 0 0 1 4 0 0 0 4\"\nSi 0 0 0\n", "2: the cell is not orthorhombic (Lattice=\"4 0 0 1 4 0 0 0 4\"); expected Lattice=\"Lx 0 0 0 Ly 0 0 0 Lz\"" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0\"\nSi 0 0 0\n", "2: expected 9 numbers in Lattice, found '4 0 0 0 4 0 0 0'" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0 4\" pbc=\"T F F\"\nSi 0 0 0\n", "2: x and y must be periodic, found pbc=\"T F F\"; expected pbc=\"T T F\" (z bounded) or \"T T T\"" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0 4\" pbc=\"T T\"\nSi 0 0 0\n", "2: expected three T or F flags in pbc, found 'T T'" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0 4\" units=real\nSi 0 0 0 28\n", "2: units 'real' are not supported; expected lj or metal" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0 4\"\nSi 0 0 0\n", "2: no masses column; expected masses:R:1 in Properties" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0 4\" Properties=pos:R:3:masses:R:1\n0 0 0 1\n", "2: no species column; expected species:S:1 in Properties" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0 4\" Properties=species:S:1:pos:R:2\nSi 0 0\n", "2: expected pos:R:3 in Properties, found pos:R:2" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0 4\" Properties=species:S:1:pos:R\nSi 0 0 0\n", "2: expected Properties as name:type:columns triples, found 'species:S:1:pos:R'" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0 4 Properties=species:S:1:pos:R:3\nSi 0 0 0\n", "2: the value of 'Lattice' has no closing \"" },
        { "1\nLattice=\"4 0 0 0 4 0 0 0 4\" pbc=\"T T F\" pbc=\"T T T\"\nSi 0 0 0\n", "2: key 'pbc' is given twice" },
        { "", "is empty; expected an extended XYZ file (atom count, comment line, atoms)" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFilesAreRefusedNamingFileAndLine(string text, string problem)
    {
        string path = Write(text);
        var e = Assert.Throws<StructureFileException>(() => ExtendedXyzReader.Read(path));
        Assert.Equal(char.IsDigit(problem[0]) ? $"{path}:{problem}" : $"{path}: {problem}", e.Message);
    }

    /// <summary>
    /// ASE (Debian's python3-ase) reads the file: count, symbols, positions, cell, pbc, masses, ids,
    /// the region and side strings into atoms.arrays, Origin and units into atoms.info.
    /// </summary>
    [SkippableFact]
    public void AseReadsTheFile()
    {
        Peers.RequirePythonModule("ase.io", "apt-get install python3-ase");
        var s = StructureSamples.SiGe();
        string path = Path.Combine(dir, "structure.xyz");
        ExtendedXyzWriter.Write(path, s);
        const string script = """
            import json, sys
            import ase, ase.io
            a = ase.io.read(sys.argv[1], format="extxyz")
            print(json.dumps({
                "version": ase.__version__,
                "symbols": a.get_chemical_symbols(),
                "positions": a.get_positions().tolist(),
                "cell": a.get_cell().tolist(),
                "pbc": [bool(p) for p in a.get_pbc()],
                "masses": a.get_masses().tolist(),
                "id": a.arrays["id"].tolist(),
                "region": [str(r) for r in a.arrays["region"]],
                "side": [str(r) for r in a.arrays["side"]],
                "region_code": a.arrays["region_code"].tolist(),
                "origin": [float(v) for v in a.info["Origin"]],
                "units": a.info["units"],
            }))
            """;
        var (code, stdout, stderr) = Peers.Run(Peers.Python, ["-c", script, path], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"python exit code {code}: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        var r = json.RootElement;
        double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        string[] Strings(JsonElement e) => e.EnumerateArray().Select(v => v.GetString()!).ToArray();

        Assert.Equal(Enumerable.Range(0, s.Count).Select(s.SpeciesOf), Strings(r.GetProperty("symbols")));
        Assert.Equal(s.Positions, r.GetProperty("positions").EnumerateArray().Select(p => Doubles(p) is var d ? new Point3(d[0], d[1], d[2]) : default));
        var cell = r.GetProperty("cell").EnumerateArray().Select(Doubles).ToArray();
        Assert.Equal([s.Box.LengthX, 0, 0], cell[0]);
        Assert.Equal([0, s.Box.LengthY, 0], cell[1]);
        Assert.Equal([0, 0, s.Box.LengthZ], cell[2]);
        Assert.Equal([true, true, false], r.GetProperty("pbc").EnumerateArray().Select(v => v.GetBoolean()));
        Assert.Equal(s.Masses, Doubles(r.GetProperty("masses")));
        Assert.Equal(s.Ids, r.GetProperty("id").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(s.Regions!.Select(AtomLabels.Name), Strings(r.GetProperty("region")));
        Assert.Equal(s.Sides!.Select(AtomLabels.Name), Strings(r.GetProperty("side")));
        Assert.Equal(s.Regions!.Select(x => (int)x), r.GetProperty("region_code").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([0, 0, s.Box.ZLow], Doubles(r.GetProperty("origin")));
        Assert.Equal("metal", r.GetProperty("units").GetString());
    }
}
