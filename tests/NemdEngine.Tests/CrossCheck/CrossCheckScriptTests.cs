using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Setup;
using NemdEngine.Tests.Input;

namespace NemdEngine.Tests.CrossCheck;

/// <summary>
/// benchmarks/lammps/crosscheck.py writes the LAMMPS twin of a metal-units many-body deck (per-side
/// diamond lattices, Si | Ge with pair_style sw mapping the species to the file's elements, FIRE at
/// fixed box, the regions as groups) and runs it for a few hundred steps. Its LAMMPS input must hold
/// the system NemdEngine builds from the same deck: the same groups, the same potential energy of
/// the built structure, and after FIRE the same minimized energy. The R_K comparison of
/// benchmarks/lammps/README.md rests on this; a wrong plane spacing, element mapping, mass or
/// minimization setting in the script shows up here as a different energy or group.
/// </summary>
public class CrossCheckScriptTests
{
    // Si | Ge strained to Si's in-plane constant, so the interface carries forces and FIRE moves atoms
    // (the energy falls by about 4e-4 of itself, 40 times the tolerance below). 576 atoms.
    private static string Deck(string potentialFile) => $"""
        units = "metal"
        seed = 5
        [[species]]
        name = "Si"
        mass = 28.0855
        element = "Si"
        [[species]]
        name = "Ge"
        mass = 72.63
        element = "Ge"
        [[potential]]
        style = "sw"
        file = "{potentialFile}"
        [lattice]
        type = "diamond"
        constant = 5.431
        in_plane = "A"
        [lattice.B]
        constant = 5.6536
        [geometry]
        cross_section = [3, 3]
        species_A = "Si"
        cells_A = 4
        species_B = "Ge"
        cells_B = 4
        frozen_cells = 1
        reservoir_cells = 1
        [thermostat]
        t_hot = 330.0
        t_cold = 270.0
        damping = 0.5
        [run]
        timestep = 0.001
        equilibration_steps = 100
        production_steps = 320
        sample_interval = 10
        skin = 1.0
        [minimize]
        max_steps = 5000
        force_tolerance = 1e-3
        [analysis]
        margin_reservoir = 2.0
        margin_interface = 2.0
        """;

    [SkippableFact]
    public void LammpsInputHoldsTheSystemNemdEngineBuilds()
    {
        Peers.RequireExecutable("lmp", "apt-get install lammps");
        Peers.RequirePythonModule("numpy", "apt-get install python3-numpy");
        string dir = TestTemp.Path($"nemd-crosscheck-script-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string deckPath = Path.Combine(dir, "sige.toml");
            File.WriteAllText(deckPath, Deck(DeckReaderTests.RepoFile("inputs/potentials/SiGe.sw")));
            var (code, stdout, stderr) = Peers.Run(Peers.Python,
                [DeckReaderTests.RepoFile("benchmarks/lammps/crosscheck.py"), deckPath, "--np", "1", "--out", Path.Combine(dir, "work"),
                 "--json", Path.Combine(dir, "out.json")], TimeSpan.FromMinutes(5), dir);
            Assert.True(code == 0, $"crosscheck.py exit code {code}: {stderr}\n{stdout[^Math.Min(stdout.Length, 2000)..]}");
            string log = File.ReadAllText(Path.Combine(dir, "work", "lammps", "log.lammps"));

            var setup = SimulationSetup.FromDeck(DeckReader.ReadFile(deckPath));
            using var backend = BackendFactory.Create("cpu");
            using var engine = setup.CreateEngine(backend);
            var fire = setup.Minimize(engine)!;
            int atoms = setup.System.Positions.Length;

            // The regions: LAMMPS's groups hold as many atoms as NemdEngine's hot, cold and bulk sets.
            int Group(string name) => int.Parse(Regex.Match(log, $@"(\d+) atoms in group {name}\b").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Equal((setup.HotAtoms.Length, setup.ColdAtoms.Length, setup.BulkCount), (Group("hot"), Group("cold"), Group("bulk")));
            Assert.Equal(atoms - setup.System.MobileIndices().Length, Group("frozen"));

            // The energies: LAMMPS's pe (whole system, frozen atoms included, double precision) of the
            // built positions and after its FIRE, per atom, against NemdEngine's (float32 positions and forces).
            var energies = Regex.Match(log, @"Energy initial, next-to-last, final =\s+(\S+)\s+(\S+)\s+(\S+)");
            Assert.True(energies.Success, "no minimization statistics in LAMMPS's log");
            double lammpsInitial = double.Parse(energies.Groups[1].Value, CultureInfo.InvariantCulture) / atoms;
            double lammpsFinal = double.Parse(energies.Groups[3].Value, CultureInfo.InvariantCulture) / atoms;
            Assert.Contains("Stopping criterion = force tolerance", log);
            Assert.True(fire.Converged, fire.Summary);
            Assert.True(lammpsInitial - lammpsFinal > 1e-4 * Math.Abs(lammpsInitial),
                $"FIRE barely moved the atoms (LAMMPS {lammpsInitial:R} -> {lammpsFinal:R} eV/atom): the interface should carry strain");
            Assert.True(Math.Abs(fire.InitialEnergyPerAtom - lammpsInitial) < 1e-6 * Math.Abs(lammpsInitial),
                $"built structure: NemdEngine {fire.InitialEnergyPerAtom:R} eV/atom, LAMMPS {lammpsInitial:R} eV/atom (bound 1e-6 relative)");
            Assert.True(Math.Abs(fire.FinalEnergyPerAtom - lammpsFinal) < 1e-5 * Math.Abs(lammpsFinal),
                $"after FIRE: NemdEngine {fire.FinalEnergyPerAtom:R} eV/atom, LAMMPS {lammpsFinal:R} eV/atom (bound 1e-5 relative)");

            // The short run was sampled and analysed: every production sample, in metal units.
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out.json")));
            var root = json.RootElement;
            Assert.Equal("metal", root.GetProperty("units").GetString());
            Assert.Equal(atoms, root.GetProperty("atoms").GetInt32());
            Assert.Equal(32, root.GetProperty("lammps").GetProperty("samples").GetInt32());
            double reservoirHot = root.GetProperty("lammps").GetProperty("T_hot_reservoir").GetProperty("value").GetDouble();
            Assert.True(reservoirHot is > 50 and < 1000, $"hot reservoir at {reservoirHot} K after a few hundred steps from 300 K");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
