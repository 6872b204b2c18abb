using System.Globalization;
using System.Text;
using NemdEngine.Backends;
using NemdEngine.Kernels;
using NemdEngine.Simulation;

namespace NemdEngine.Tests.CrossCheck;

/// <summary>
/// NemdEngine's forces and potential energy against LAMMPS (pair_style lj/cut, pair_modify shift yes)
/// on the same perturbed two-species bilayer with a different ε, σ and cutoff for every pair.
/// </summary>
public class LammpsForceTests
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [SkippableFact]
    public void ForcesAndEnergyMatchLammps()
    {
        string lmp = Peers.RequireExecutable("lmp", "apt-get install lammps");
        var pairs = TestSystems.TwoSpeciesPairs;
        var deck = TestSystems.Deck(cellsA: 3, cellsB: 3, pairs: pairs);
        using var backend = BackendFactory.Create("cpu");
        using var sim = TestSystems.Create(backend, deck, s => [new NveSpec("all", s.MobileIndices())], out var system);
        // Wrapped into [0, L) in x and y so LAMMPS reads exactly the coordinates the engine uses.
        var positions = TestSystems.Perturbed(system.Positions, 0.05, 17).Select(p => new Vec3(
            Wrap(p.X, system.BoxX), Wrap(p.Y, system.BoxY), p.Z)).ToArray();
        sim.WritePositions(positions);
        var engine = (Vec3[])sim.ReadForces().Clone();
        var (_, potential) = sim.ComputeEnergy();

        string dir = TestTemp.Path($"nemd-lammps-forces-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var data = new StringBuilder();
            data.Append(CultureInfo.InvariantCulture, $"NemdEngine force cross-check\n\n{positions.Length} atoms\n{system.SpeciesNames.Length} atom types\n\n");
            data.Append(CultureInfo.InvariantCulture, $"0 {F(system.BoxX)} xlo xhi\n0 {F(system.BoxY)} ylo yhi\n{F(system.ZLow)} {F(system.ZHigh)} zlo zhi\n\nMasses\n\n");
            for (int t = 0; t < deck.Species.Count; t++) data.Append(CultureInfo.InvariantCulture, $"{t + 1} {F(deck.Species[t].Mass)}\n");
            data.Append("\nAtoms # atomic\n\n");
            for (int i = 0; i < positions.Length; i++)
                data.Append(CultureInfo.InvariantCulture, $"{i + 1} {system.Types[i] + 1} {F(positions[i].X)} {F(positions[i].Y)} {F(positions[i].Z)}\n");
            File.WriteAllText(Path.Combine(dir, "system.data"), data.ToString());

            string Type(string name) => (Array.IndexOf(system.SpeciesNames, name) + 1).ToString(CultureInfo.InvariantCulture);
            string coeffs = string.Join("\n", pairs.Select(p =>
            {
                var (i, j) = (Type(p.SpeciesI), Type(p.SpeciesJ));
                if (string.CompareOrdinal(i, j) > 0) (i, j) = (j, i);
                return $"pair_coeff {i} {j} {F(p.Epsilon)} {F(p.Sigma)} {F(p.Cutoff)}";
            }));
            File.WriteAllText(Path.Combine(dir, "in.forces"), $"""
                units lj
                atom_style atomic
                boundary p p f
                read_data system.data
                pair_style lj/cut {F(pairs.Max(p => p.Cutoff))}
                pair_modify shift yes
                {coeffs}
                thermo_modify norm no
                dump forces all custom 1 forces.dump id fx fy fz
                dump_modify forces sort id format float %.17g
                run 0
                print "POTENTIAL $(pe:%.17g)"
                """);
            var (code, stdout, stderr) = Peers.Run(lmp, ["-nocite", "-in", "in.forces", "-log", "log.lammps"], TimeSpan.FromMinutes(2), dir);
            Assert.True(code == 0, $"lmp exit code {code}: {stderr}\n{stdout[^Math.Min(stdout.Length, 2000)..]}");
            string line = stdout.Split('\n').Single(l => l.StartsWith("POTENTIAL ", StringComparison.Ordinal));
            double lammpsEnergy = double.Parse(line["POTENTIAL ".Length..], CultureInfo.InvariantCulture);

            var lammps = new double[positions.Length, 3];
            var dumpLines = File.ReadAllLines(Path.Combine(dir, "forces.dump"));
            int first = Array.FindIndex(dumpLines, l => l.StartsWith("ITEM: ATOMS", StringComparison.Ordinal)) + 1;
            Assert.Equal(positions.Length, dumpLines.Length - first);
            for (int k = first; k < dumpLines.Length; k++)
            {
                var f = dumpLines[k].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                int id = int.Parse(f[0], CultureInfo.InvariantCulture) - 1;
                for (int d = 0; d < 3; d++) lammps[id, d] = double.Parse(f[d + 1], CultureInfo.InvariantCulture);
            }

            double sumSquares = 0, errorSquares = 0, worst = 0;
            for (int i = 0; i < positions.Length; i++)
                sumSquares += lammps[i, 0] * lammps[i, 0] + lammps[i, 1] * lammps[i, 1] + lammps[i, 2] * lammps[i, 2];
            double rms = Math.Sqrt(sumSquares / positions.Length);
            for (int i = 0; i < positions.Length; i++)
            {
                double e2 = Math.Pow(engine[i].X - lammps[i, 0], 2) + Math.Pow(engine[i].Y - lammps[i, 1], 2) + Math.Pow(engine[i].Z - lammps[i, 2], 2);
                errorSquares += e2;
                worst = Math.Max(worst, Math.Sqrt(e2));
            }
            double rmsError = Math.Sqrt(errorSquares / positions.Length) / rms;
            // Our kernels are float: ~1e-7 relative rounding amplified by the LJ core; a wrong pair,
            // cutoff, shift or image is off by orders of magnitude more.
            Assert.True(rms > 1, $"RMS force {rms:G4}: the perturbation did not load the system");
            Assert.True(rmsError < 1e-5, $"RMS force error {rmsError:E2} of the RMS force {rms:G4} (bound 1e-5; worst atom {worst / rms:E2})");
            double relative = Math.Abs(potential - lammpsEnergy) / Math.Abs(lammpsEnergy);
            Assert.True(relative < 1e-5, $"engine U = {potential:R}, LAMMPS U = {lammpsEnergy:R}, relative error {relative:E2} (bound 1e-5)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static float Wrap(float x, float box)
    {
        float w = x - box * MathF.Floor(x / box);
        return w >= box ? w - box : w;
    }
}
