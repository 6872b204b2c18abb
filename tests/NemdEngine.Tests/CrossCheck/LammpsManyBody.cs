using System.Globalization;
using System.Text;
using NemdEngine.Conformance;

namespace NemdEngine.Tests.CrossCheck;

/// <summary>A system for a many-body cross-check: positions (Å), types, an x/y-periodic box bounded in z.</summary>
public sealed record SlabSystem(Double3[] Positions, int[] Types, double Lx, double Ly, double ZLow, double ZHigh)
{
    public ReferenceBox Box => ReferenceBox.Slab(Lx, Ly);

    /// <summary>
    /// A Si/Ge diamond bilayer: cells × cells conventional cells in x and y, cellsPerSide cells of
    /// type 0 then of type 1 along z, one lattice constant for both, each atom displaced by up to
    /// ±<paramref name="jitter"/> Å per axis (deterministic in <paramref name="seed"/>).
    /// </summary>
    public static SlabSystem Bilayer(double latticeConstant, int cells, int cellsPerSide, double jitter, int seed)
    {
        var cell = CubicCell.Diamond();
        var random = new Random(seed);
        var positions = new List<Double3>();
        var types = new List<int>();
        for (int cz = 0; cz < 2 * cellsPerSide; cz++)
            for (int cy = 0; cy < cells; cy++)
                for (int cx = 0; cx < cells; cx++)
                    foreach (var f in cell.FractionalBasis)
                    {
                        double J() => jitter * (2 * random.NextDouble() - 1);
                        var p = latticeConstant * new Double3(cx + f.X, cy + f.Y, cz + f.Z);
                        // Rounded to 1e-6 Å so the stored case is short, and x, y wrapped into [0, L) so
                        // LAMMPS keeps exactly these coordinates (the system is these numbers, whatever they are).
                        double l = cells * latticeConstant;
                        positions.Add(new Double3(Wrap(Round(p.X + J()), l), Wrap(Round(p.Y + J()), l), Round(p.Z + J())));
                        types.Add(cz < cellsPerSide ? 0 : 1);
                    }
        double lxy = cells * latticeConstant;
        return new SlabSystem(positions.ToArray(), types.ToArray(), lxy, lxy, -2, 2 * cellsPerSide * latticeConstant + 2);
    }

    /// <summary>
    /// <paramref name="count"/> atoms at random in an lx × lx × height slab, no two closer than
    /// <paramref name="minDistance"/> Å (x, y minimum image), each of type 0 or 1 at random: every
    /// distance occurs, so the cutoff regions of every pair and triplet are populated.
    /// </summary>
    public static SlabSystem Random(int count, double lx, double height, double minDistance, int seed)
    {
        var random = new Random(seed);
        var positions = new List<Double3>();
        var types = new List<int>();
        for (int attempt = 0; positions.Count < count; attempt++)
        {
            if (attempt > 1_000_000) throw new InvalidOperationException($"could not place {count} atoms {minDistance} Å apart");
            var p = new Double3(Round(lx * random.NextDouble()), Round(lx * random.NextDouble()), Round(height * random.NextDouble()));
            bool clear = positions.All(q =>
            {
                double dx = p.X - q.X, dy = p.Y - q.Y, dz = p.Z - q.Z;
                dx -= lx * Math.Round(dx / lx);
                dy -= lx * Math.Round(dy / lx);
                return dx * dx + dy * dy + dz * dz >= minDistance * minDistance;
            });
            if (!clear) continue;
            positions.Add(new Double3(Wrap(p.X, lx), Wrap(p.Y, lx), p.Z));
            types.Add(random.Next(2));
        }
        return new SlabSystem(positions.ToArray(), types.ToArray(), lx, lx, -2, height + 2);
    }

    private static double Round(double x) => Math.Round(x, 6);

    private static double Wrap(double x, double l) => x < 0 ? Round(x + l) : x >= l ? Round(x - l) : x;
}

/// <summary>What LAMMPS computed: potential energy (eV), forces (eV/Å), virial xx yy zz xy xz yz (eV).</summary>
public sealed record LammpsResult(double Energy, Double3[] Forces, double[] Virial);

/// <summary>Runs <c>lmp</c> once (run 0) on a <see cref="SlabSystem"/> with a many-body pair style and reads back energy, forces and virial.</summary>
public static class LammpsManyBody
{
    /// <summary>LAMMPS's nktv2p for metal units (bar per eV/Å³, src/update.cpp): its pressure is W / V · nktv2p.</summary>
    private const double NktV2P = 1.6021765e6;

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <param name="style">"sw" or "tersoff".</param>
    /// <param name="potentialFile">absolute path of the potential file.</param>
    /// <param name="elements">the element each LAMMPS type (1, 2, ...) maps to.</param>
    public static LammpsResult Run(string lmp, string style, string potentialFile, IReadOnlyList<string> elements, SlabSystem system)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"nemd-lammps-manybody-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            int n = system.Positions.Length;
            var data = new StringBuilder();
            data.Append(CultureInfo.InvariantCulture, $"NemdEngine many-body cross-check\n\n{n} atoms\n{elements.Count} atom types\n\n");
            data.Append(CultureInfo.InvariantCulture, $"0 {F(system.Lx)} xlo xhi\n0 {F(system.Ly)} ylo yhi\n{F(system.ZLow)} {F(system.ZHigh)} zlo zhi\n\nMasses\n\n");
            // Masses do not enter a static force evaluation; LAMMPS requires them.
            for (int t = 0; t < elements.Count; t++) data.Append(CultureInfo.InvariantCulture, $"{t + 1} 28.0855\n");
            data.Append("\nAtoms # atomic\n\n");
            for (int i = 0; i < n; i++)
            {
                var p = system.Positions[i];
                data.Append(CultureInfo.InvariantCulture, $"{i + 1} {system.Types[i] + 1} {F(p.X)} {F(p.Y)} {F(p.Z)}\n");
            }
            File.WriteAllText(Path.Combine(dir, "system.data"), data.ToString());
            File.WriteAllText(Path.Combine(dir, "in.forces"), $"""
                units metal
                atom_style atomic
                boundary p p f
                read_data system.data
                pair_style {style}
                pair_coeff * * {potentialFile} {string.Join(' ', elements)}
                compute w all pressure NULL virial
                thermo_style custom step pe c_w[1] c_w[2] c_w[3] c_w[4] c_w[5] c_w[6]
                dump forces all custom 1 forces.dump id fx fy fz
                dump_modify forces sort id format float %.17g
                run 0
                print "POTENTIAL $(pe:%.17g)"
                print "PRESSURE $(c_w[1]:%.17g) $(c_w[2]:%.17g) $(c_w[3]:%.17g) $(c_w[4]:%.17g) $(c_w[5]:%.17g) $(c_w[6]:%.17g)"
                """);
            var (code, stdout, stderr) = Peers.Run(lmp, ["-nocite", "-in", "in.forces", "-log", "log.lammps"], TimeSpan.FromMinutes(2), dir);
            Assert.True(code == 0, $"lmp exit code {code}: {stderr}\n{stdout[^Math.Min(stdout.Length, 2000)..]}");
            string Line(string tag) => stdout.Split('\n').Single(l => l.StartsWith(tag + " ", StringComparison.Ordinal))[(tag.Length + 1)..];
            double energy = double.Parse(Line("POTENTIAL"), CultureInfo.InvariantCulture);
            double volume = system.Lx * system.Ly * (system.ZHigh - system.ZLow);
            var virial = Line("PRESSURE").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => double.Parse(s, CultureInfo.InvariantCulture) * volume / NktV2P).ToArray();

            var forces = new Double3[n];
            var dump = File.ReadAllLines(Path.Combine(dir, "forces.dump"));
            int first = Array.FindIndex(dump, l => l.StartsWith("ITEM: ATOMS", StringComparison.Ordinal)) + 1;
            Assert.Equal(n, dump.Length - first);
            for (int k = first; k < dump.Length; k++)
            {
                var f = dump[k].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                forces[(int)f[0] - 1] = new Double3(f[1], f[2], f[3]);
            }
            return new LammpsResult(energy, forces, virial);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
