using NemdEngine.IO.Structures;

namespace NemdEngine.Tests.IO.Structures;

/// <summary>Files a user brings: what ASE writes in both formats is read, with masses from the caller where ASE writes none.</summary>
public class AseWrittenFilesTests
{
    [SkippableFact]
    public void FilesAseWritesAreRead()
    {
        Peers.RequirePythonModule("ase.io", "apt-get install python3-ase");
        string dir = StructureSamples.Folder("ase");
        // A Si | Ge diamond slab, bounded along z; the extxyz carries ASE's own masses, the LAMMPS file none (ASE 3.22 writes no Masses section).
        const string script = """
            import sys, ase.io
            from ase.build import bulk
            a = bulk("Si", "diamond", a=5.431, cubic=True) * (2, 2, 2)
            a.symbols[32:] = "Ge"
            a.pbc = [True, True, False]
            a.set_masses()
            ase.io.write(sys.argv[1] + "/ase.xyz", a, format="extxyz")
            ase.io.write(sys.argv[1] + "/ase.data", a, format="lammps-data", atom_style="atomic", specorder=["Si", "Ge"])
            for p in a.get_positions():
                print(repr(p[0]), repr(p[1]), repr(p[2]))
            """;
        var (code, stdout, stderr) = Peers.Run(Peers.Python, ["-c", script, dir], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"python exit code {code}: {stderr}");
        var expected = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .Select(v => new Point3(v[0], v[1], v[2])).ToArray();

        var xyz = ExtendedXyzReader.Read(Path.Combine(dir, "ase.xyz"));
        Assert.Equal(64, xyz.Count);
        Assert.Equal(new StructureBox(10.862, 10.862, 0, 10.862), xyz.Box);
        Assert.Equal(["Si", "Ge"], xyz.SpeciesNames);
        Assert.Equal(Enumerable.Repeat(28.085, 32).Concat(Enumerable.Repeat(72.63, 32)), xyz.Masses);   // ASE's table
        // ASE writes positions with 8 decimals.
        Assert.All(Enumerable.Range(0, 64), i => Assert.True(Math.Sqrt(StructureChecks.Distance2(expected[i], xyz.Positions[i], xyz.Box)) < 1e-8));
        StructureChecks.RequireNoOverlaps(xyz, 2.0, "ase.xyz");
        StructureChecks.RequireInsideBox(xyz, "ase.xyz");

        // No Masses section and no names: types are species "1" and "2", whose masses the caller (the deck) gives.
        string data = Path.Combine(dir, "ase.data");
        Assert.StartsWith($"{data}: no Masses section", Assert.Throws<StructureFileException>(() => LammpsDataReader.Read(data)).Message);
        var lammps = LammpsDataReader.Read(data, new Dictionary<string, double> { ["1"] = 28.0855, ["2"] = 72.63 });
        Assert.Equal(["1", "2"], lammps.SpeciesNames);
        Assert.Equal(xyz.Types, lammps.Types);
        Assert.Equal(expected, lammps.Positions);   // 17 significant digits: exact
        Assert.Equal(new StructureBox(10.862, 10.862, 0, 10.862), lammps.Box);
    }
}
