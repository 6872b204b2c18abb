using System.Diagnostics;
using System.Globalization;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Lattice;
using NemdEngine.Potentials;
using NemdEngine.Simulation;

// Throughput of the step loop on an LJ fcc slab (NVE, frozen end cells), in atom-steps per second.
//   dotnet run -c Release --project benchmarks/NemdEngine.Benchmarks -- [--device cpu] [--cells 20]
//       [--steps 500] [--lattice 1.5672] [--temperature 0.3]
// Defaults: the 32,000-atom solid of the issue-3 target (20x20x20 fcc cells, a = 1.5672 σ, T = 0.3 ε/k_B).
// `--lattice 1.6796 --temperature 1.44` gives the density and temperature of LAMMPS bench/in.lj.
if (args.Contains("--trajectory")) { TrajectoryBenchmark.Run(args); return; } // H5MD writer: see TrajectoryBenchmark.cs
var options = ParseArguments(args);
string device = options.GetValueOrDefault("device", "cpu");
int cells = int.Parse(options.GetValueOrDefault("cells", "20"), CultureInfo.InvariantCulture);
int steps = int.Parse(options.GetValueOrDefault("steps", "500"), CultureInfo.InvariantCulture);
double a = double.Parse(options.GetValueOrDefault("lattice", "1.5672"), CultureInfo.InvariantCulture);
double t = double.Parse(options.GetValueOrDefault("temperature", "0.3"), CultureInfo.InvariantCulture);

var deck = new Deck
{
    Species = [new SpeciesSpec("A", 1.0)],
    Pairs = [new PairSpec("A", "A", 1, 1, 2.5)],
    Lattice = new LatticeSpec("fcc", a),
    Geometry = new GeometrySpec
    {
        CellsX = cells, CellsY = cells, SpeciesA = "A", CellsA = cells / 2, SpeciesB = "A", CellsB = cells - cells / 2,
        FrozenCells = 1, ReservoirCells = 0,
    },
    Thermostat = new ThermostatSpec(t, t, 1),
    Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = steps, InitialTemperature = t },
};
var (system, _) = BilayerBuilder.Build(deck);
var table = LennardJonesTable.FromPairs(deck.Pairs, system.SpeciesNames);
using var backend = BackendFactory.Create(device);
using var sim = new SimulationEngine(backend, system, table, [new NveSpec("mobile", system.MobileIndices())], new SimulationOptions(0.005, 0.3, 1));

sim.Run(Math.Max(50, steps / 10)); // warm-up: JIT tiers and kernel compilation
long builds = sim.Neighbors.Builds;
var clock = Stopwatch.StartNew();
sim.Run(steps);
double seconds = clock.Elapsed.TotalSeconds;
builds = sim.Neighbors.Builds - builds;

// A second, shorter pass with synchronized stage timers gives the breakdown.
sim.Times.Enabled = true;
sim.Run(Math.Max(20, steps / 5));
double staged = Enumerable.Range(0, StageTimes.Names.Length).Sum(s => sim.Times[s].TotalSeconds);

Console.WriteLine($"device            {backend.Description}");
Console.WriteLine($"atoms             {system.Count}");
Console.WriteLine($"steps             {steps} (neighbor builds: {builds})");
Console.WriteLine($"wall              {seconds:F3} s");
Console.WriteLine($"throughput        {system.Count * (double)steps / seconds:E3} atom-steps/s");
Console.WriteLine($"steps per second  {steps / seconds:F1} steps/s");
for (int s = 0; s < StageTimes.Names.Length; s++)
    Console.WriteLine($"  {StageTimes.Names[s],-12}    {100 * sim.Times[s].TotalSeconds / staged,5:F1} %");

static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>();
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
        result[args[i][2..]] = args[i + 1];
    }
    return result;
}
