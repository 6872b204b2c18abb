using System.Globalization;
using NemdEngine.Backends;
using NemdEngine.Benchmarking;
using NemdEngine.Input;

// Throughput of the step loop on an LJ fcc slab (one species, NVE, frozen end cells), in atom-steps
// per second, measured by the same code as `nemd bench` (which runs the NEMD bilayer instead).
//   dotnet run -c Release --project benchmarks/NemdEngine.Benchmarks -- [--device cpu] [--cells 20]
//       [--seconds 5] [--lattice 1.5672] [--temperature 0.3]
// Defaults: the 32,000-atom solid of the issue-3 target (20x20x20 fcc cells, a = 1.5672 σ, T = 0.3 ε/k_B).
// `--lattice 1.6796 --temperature 1.44` gives the density and temperature of LAMMPS bench/in.lj.
if (args.Contains("--trajectory")) { TrajectoryBenchmark.Run(args); return; } // H5MD writer: see TrajectoryBenchmark.cs
if (args.Contains("--checkpoint")) { CheckpointBenchmark.Run(args); return; } // checkpoint.bin write/read: see CheckpointBenchmark.cs
if (args.Contains("--spectral")) { NemdEngine.Benchmarks.SpectralCostBenchmark.Run(args); return; } // spectral heat current CPU cost: see SpectralCostBenchmark.cs
if (args.Contains("--manybody")) { NemdEngine.Benchmarks.ManyBodyBenchmark.Run(args); return; } // SW and Tersoff force CPU time: see ManyBodyBenchmark.cs
var options = ParseArguments(args);
string device = options.GetValueOrDefault("device", "cpu");
int cells = int.Parse(options.GetValueOrDefault("cells", "20"), CultureInfo.InvariantCulture);
double seconds = double.Parse(options.GetValueOrDefault("seconds", "5"), CultureInfo.InvariantCulture);
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
    Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 1, InitialTemperature = t },
};
using var backend = BackendFactory.Create(device);
var r = ThroughputBenchmark.Run(backend, deck, seconds);

Console.WriteLine($"device            {r.Device}");
Console.WriteLine($"atoms             {r.Atoms}");
Console.WriteLine($"steps             {r.Steps} (neighbor builds: {r.NeighborBuilds})");
Console.WriteLine($"wall              {r.Seconds:F3} s");
Console.WriteLine($"throughput        {r.AtomStepsPerSecond:E3} atom-steps/s");
Console.WriteLine($"steps per second  {r.StepsPerSecond:F1} steps/s");
Console.WriteLine($"memory            {r.BytesPerAtom:F0} bytes/atom");
foreach (var (stage, fraction) in r.StageFractions)
    Console.WriteLine($"  {stage,-12}    {100 * fraction,5:F1} %");
if (backend.RunsHostVectorKernels)
{
    // The reference in the same run: the portable kernels on the same cores.
    using var portable = new ParallelCpuBackend(vectorKernels: false);
    var reference = ThroughputBenchmark.Run(portable, deck, seconds);
    Console.WriteLine($"reference         {reference.AtomStepsPerSecond:E3} atom-steps/s with the portable scalar kernels; AVX2 / scalar = {r.AtomStepsPerSecond / reference.AtomStepsPerSecond:F2}");
}

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
