using System.Diagnostics;
using System.Globalization;
using System.Text;
using NemdEngine.Analysis;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Sampling;
using NemdEngine.Simulation;

// Usage: NemdSamples DECK --out DIR [--steps N] [--equilibration N] [--seed N] [--device cpu]
// The same job as NemdRunner.Run (same builder, methods, sampling and analysis), plus
// DIR/samples.csv: one row per production sample (time, bath energies since production began,
// reservoir temperatures, then the kinetic temperature of every bin) and DIR/bins.csv.
string? deckPath = null, outDir = null, device = null;
long? steps = null, equilibration = null;
ulong? seed = null;
for (int k = 0; k < args.Length; k++)
{
    switch (args[k])
    {
        case "--out": outDir = args[++k]; break;
        case "--steps": steps = long.Parse(args[++k], CultureInfo.InvariantCulture); break;
        case "--equilibration": equilibration = long.Parse(args[++k], CultureInfo.InvariantCulture); break;
        case "--seed": seed = ulong.Parse(args[++k], CultureInfo.InvariantCulture); break;
        case "--device": device = args[++k]; break;
        default: deckPath = args[k]; break;
    }
}
if (deckPath is null || outDir is null)
{
    Console.Error.WriteLine("usage: NemdSamples DECK --out DIR [--steps N] [--equilibration N] [--seed N] [--device cpu]");
    return 2;
}

var deck = DeckReader.ReadFile(deckPath);
if (steps is long s) deck = deck with { Run = deck.Run with { ProductionSteps = s } };
if (equilibration is long eq) deck = deck with { Run = deck.Run with { EquilibrationSteps = eq } };
if (seed is ulong sd) deck = deck with { Seed = sd };
Directory.CreateDirectory(outDir);
var units = UnitSystem.FromName(deck.Units);

var (system, layout) = BilayerBuilder.Build(deck);
var pairs = LennardJonesTable.FromPairs(PairTable.ResolvePairs(deck), system.SpeciesNames);
int[] hot = system.IndicesOf(Region.HotReservoir);
int[] cold = system.IndicesOf(Region.ColdReservoir);
int[] bulk = system.MobileIndices().Where(i => system.Regions[i] is Region.MaterialA or Region.MaterialB).ToArray();
MethodSpec[] methods =
[
    new LangevinSpec("hot", hot, deck.Thermostat.THot, deck.Thermostat.Damping),
    new NveSpec("bulk", bulk),
    new LangevinSpec("cold", cold, deck.Thermostat.TCold, deck.Thermostat.Damping),
];
using var backend = BackendFactory.Create(device);
using var sim = new SimulationEngine(backend, system, pairs, methods, new SimulationOptions(deck.Run.Timestep, deck.Run.Skin, deck.Seed));
var hotBath = (LangevinMethod)sim.Methods[0];
var coldBath = (LangevinMethod)sim.Methods[2];
Console.WriteLine($"NemdEngine: {system.Count} atoms on {backend.Name}; {deck.Run.EquilibrationSteps} + {deck.Run.ProductionSteps} steps");
var wall = Stopwatch.StartNew();
sim.Run(deck.Run.EquilibrationSteps);
Console.WriteLine($"equilibrated in {wall.Elapsed.TotalSeconds:F0} s");

double binWidth = deck.Analysis.BinWidth ?? layout.PlaneSpacing;
var sampler = new ProfileSampler(system, layout, binWidth, hot, cold);
double hot0 = hotBath.ReadBathEnergy(), cold0 = coldBath.ReadBathEnergy();
long start = sim.Step;
double dt = deck.Run.Timestep;
int interval = deck.Run.SampleInterval;
sim.Run(deck.Run.ProductionSteps, step =>
{
    if ((step - start) % interval != 0) return;
    sampler.Sample((step - start) * dt, sim.ReadPositions(), sim.ReadVelocities(), hotBath.ReadBathEnergy() - hot0, coldBath.ReadBathEnergy() - cold0);
});
wall.Stop();
Console.WriteLine($"done in {wall.Elapsed.TotalSeconds:F0} s");

var samples = sampler.ToSamples();
var margins = new FitMargins(deck.Analysis.MarginReservoir, deck.Analysis.MarginInterface);
var result = KapitzaAnalysis.Analyze(samples, layout, margins, deck.Analysis.Blocks, units);
long total = deck.Run.EquilibrationSteps + deck.Run.ProductionSteps;
var info = new RunInfo(system.Count, total, wall.Elapsed.TotalSeconds, system.Count * (double)total / wall.Elapsed.TotalSeconds,
    $"{backend.Name}: {backend.Description}", deck.Seed, deck.SourcePath, deck.SourceText);
RunOutputs.Write(outDir, result, info);

static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
var sb = new StringBuilder("time,hot_energy,cold_energy,t_hot_reservoir,t_cold_reservoir");
for (int b = 0; b < samples.BinCenters.Length; b++) sb.Append(",T").Append(b);
sb.Append('\n');
for (int k = 0; k < samples.Times.Length; k++)
{
    sb.Append(F(samples.Times[k])).Append(',').Append(F(samples.HotBathEnergy[k])).Append(',').Append(F(samples.ColdBathEnergy[k]))
      .Append(',').Append(F(samples.HotReservoirTemperature[k])).Append(',').Append(F(samples.ColdReservoirTemperature[k]));
    foreach (double t in samples.Temperatures[k]) sb.Append(',').Append(F(t));
    sb.Append('\n');
}
File.WriteAllText(Path.Combine(outDir, "samples.csv"), sb.ToString());
var bins = new StringBuilder("z,atoms\n");
for (int b = 0; b < samples.BinCenters.Length; b++) bins.Append(F(samples.BinCenters[b])).Append(',').Append(F(samples.AtomsPerBin[b])).Append('\n');
File.WriteAllText(Path.Combine(outDir, "bins.csv"), bins.ToString());
Console.WriteLine($"R_K = {result.KapitzaResistance}, J = {result.HeatFlux}, ΔT = {result.DeltaT}");
return 0;
