using System.Diagnostics;
using NemdEngine.Analysis;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Sampling;
using NemdEngine.Simulation;
using Serilog;

namespace NemdEngine.Workflow;

/// <summary>Command-line overrides of a deck.</summary>
public sealed record RunOverrides(string? OutputDirectory = null, string? Device = null, ulong? Seed = null, long? ProductionSteps = null);

/// <summary>What a finished run produced.</summary>
/// <param name="TrajectoryFiles">The H5MD files written ([output.trajectory]), in order; empty if none.</param>
public sealed record RunOutcome(KapitzaResult Result, RunInfo Info, string OutputDirectory, IReadOnlyList<string>? TrajectoryFiles = null);

/// <summary>
/// One NEMD job: deck → bilayer → backend simulation (equilibration, then production with
/// sampling) → analysis → results.json, profile.csv, profile.png in the run folder.
/// </summary>
public static class NemdRunner
{
    public static RunOutcome Run(Deck deck, RunOverrides overrides, IRunObserver observer, ILogger log, CancellationToken cancel = default)
    {
        deck = Apply(deck, overrides);
        var units = UnitSystem.FromName(deck.Units);
        string outDir = Path.GetFullPath(deck.Output.Directory);
        Directory.CreateDirectory(outDir);

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

        using var backend = BackendFactory.Create(overrides.Device);
        log.Information("Device {Device}: {Description}", backend.Name, backend.Description);
        log.Information("Built {Atoms} atoms: {Frozen} frozen, {Hot} hot, {Bulk} bulk, {Cold} cold; box {Lx:G5} x {Ly:G5} {Unit}, interface at z = {Zi:G5} {Unit}",
            system.Count, system.Count - hot.Length - cold.Length - bulk.Length, hot.Length, bulk.Length, cold.Length,
            layout.LengthX, layout.LengthY, units.Length, layout.InterfaceZ, units.Length);

        using var sim = new SimulationEngine(backend, system, pairs, methods, new SimulationOptions(deck.Run.Timestep, deck.Run.Skin, deck.Seed));
        var hotBath = (LangevinMethod)sim.Methods[0];
        var coldBath = (LangevinMethod)sim.Methods[2];
        var wall = Stopwatch.StartNew();

        RunPhase("equilibration", deck.Run.EquilibrationSteps, sim, observer, null, cancel);
        log.Information("Equilibrated {Steps} steps in {Seconds:F1} s", deck.Run.EquilibrationSteps, wall.Elapsed.TotalSeconds);

        double binWidth = deck.Analysis.BinWidth ?? layout.PlaneSpacing;
        var sampler = new ProfileSampler(system, layout, binWidth, hot, cold);
        double hot0 = hotBath.ReadBathEnergy(), cold0 = coldBath.ReadBathEnergy();
        long start = sim.Step;
        double dt = deck.Run.Timestep;
        int interval = deck.Run.SampleInterval;
        var margins = new FitMargins(deck.Analysis.MarginReservoir, deck.Analysis.MarginInterface);
        long runningEvery = Math.Max(interval, deck.Run.ProductionSteps / 20);
        (double? Flux, double? DeltaT) running = (null, null);
        using var trajectory = TrajectoryRecorder.Create(deck, outDir, system, sampler, start, log);
        RunPhase("production", deck.Run.ProductionSteps, sim, observer, step =>
        {
            trajectory?.AfterStep(step, sim);
            if ((step - start) % interval != 0) return running;
            sampler.Sample((step - start) * dt, sim.ReadPositions(), sim.ReadVelocities(), hotBath.ReadBathEnergy() - hot0, coldBath.ReadBathEnergy() - cold0);
            trajectory?.Sampled(step, sampler);
            double elapsed = (step - start) * dt;
            running.Flux = 0.5 * (sampler.LastHotEnergy - sampler.LastColdEnergy) / elapsed / layout.Area;
            // The running ΔT for the progress display: the full analysis on the samples so far, 20 times per run.
            if ((step - start) % runningEvery == 0 && sampler.SampleCount >= 4)
                running.DeltaT = KapitzaAnalysis.Analyze(sampler.ToSamples(), layout, margins, 2, units).DeltaT.Value;
            return running;
        }, cancel);
        trajectory?.Close();
        wall.Stop();

        long steps = deck.Run.EquilibrationSteps + deck.Run.ProductionSteps;
        var samples = sampler.ToSamples();
        var result = KapitzaAnalysis.Analyze(samples, layout, margins, deck.Analysis.Blocks, units);
        var info = new RunInfo(system.Count, steps, wall.Elapsed.TotalSeconds, system.Count * (double)steps / wall.Elapsed.TotalSeconds,
            $"{backend.Name}: {backend.Description}", deck.Seed, deck.SourcePath, deck.SourceText);
        RunOutputs.Write(outDir, result, info);
        log.Information("Neighbor lists built {Builds} times over {Steps} steps", sim.Neighbors.Builds, steps);
        return new RunOutcome(result, info, outDir, trajectory?.Files ?? []);
    }

    /// <param name="afterStep">Sees each completed step; returns the running J and ΔT to display.</param>
    private static void RunPhase(string phase, long steps, SimulationEngine sim, IRunObserver observer,
        Func<long, (double? Flux, double? DeltaT)>? afterStep, CancellationToken cancel)
    {
        observer.PhaseStarted(phase, steps);
        long first = sim.Step;
        long reportEvery = Math.Max(1, steps / 200);
        (double? Flux, double? DeltaT) running = (null, null);
        sim.Run(steps, step =>
        {
            if (afterStep is not null) running = afterStep(step);
            if ((step - first) % reportEvery == 0) observer.Progress(step - first, running.Flux, running.DeltaT);
        }, cancel);
        observer.PhaseFinished(phase);
    }

    private static Deck Apply(Deck deck, RunOverrides o)
    {
        if (o.OutputDirectory is not null) deck = deck with { Output = deck.Output with { Directory = o.OutputDirectory } };
        if (o.Seed is ulong seed) deck = deck with { Seed = seed };
        if (o.ProductionSteps is long steps) deck = deck with { Run = deck.Run with { ProductionSteps = steps } };
        return deck;
    }
}
