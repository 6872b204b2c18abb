using System.Diagnostics;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Kernels.Potentials;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Simulation;

// Quick throughput probe (replaced by the bench harness): LJ fcc solid, NVE, atom-steps per second.
string device = args.Length > 0 ? args[0] : "cpu";
int cells = args.Length > 1 ? int.Parse(args[1]) : 20;
int steps = args.Length > 2 ? int.Parse(args[2]) : 200;
double a = args.Length > 3 ? double.Parse(args[3]) : Math.Pow(4 / 0.8442, 1.0 / 3);
double t = args.Length > 4 ? double.Parse(args[4]) : 1.44;
var deck = new Deck
{
    Species = [new SpeciesSpec("A", 1.0)],
    Pairs = [new PairSpec("A", "A", 1, 1, 2.5)],
    Lattice = new LatticeSpec("fcc", a),
    Geometry = new GeometrySpec { CellsX = cells, CellsY = cells, SpeciesA = "A", CellsA = cells / 2, SpeciesB = "A", CellsB = cells - cells / 2, FrozenCells = 1, ReservoirCells = 0 },
    Thermostat = new ThermostatSpec(1.44, 1.44, 1),
    Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = steps, InitialTemperature = t },
};
var (system, _) = BilayerBuilder.Build(deck);
var table = LennardJonesTable.FromPairs(deck.Pairs, system.SpeciesNames);
using var backend = BackendFactory.Create(device);
using var sim = new SimulationEngine(backend, system, table, [new NveSpec("all", system.MobileIndices())], new SimulationOptions(0.005, 0.3, 1));
sim.Run(20);
var (k0, u0) = sim.ComputeEnergy();
var sw = Stopwatch.StartNew();
long builds0 = sim.Neighbors.Builds;
sim.Run(steps);
sw.Stop();
var (k1, u1) = sim.ComputeEnergy();
Console.WriteLine($"{backend.Description}: {system.Count} atoms, {steps} steps, {sw.Elapsed.TotalSeconds:F3} s, {system.Count * (double)steps / sw.Elapsed.TotalSeconds:E3} atom-steps/s, builds {sim.Neighbors.Builds - builds0}");
Console.WriteLine($"build {sim.BuildTicks / (double)Stopwatch.Frequency:F2} s force {sim.ForceTicks / (double)Stopwatch.Frequency:F2} s");
Console.WriteLine($"E/N before {(k0 + u0) / system.Count:F6} after {(k1 + u1) / system.Count:F6} epsilon");
