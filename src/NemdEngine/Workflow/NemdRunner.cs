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
public sealed record RunOverrides(string? OutputDirectory = null, string? Device = null, ulong? Seed = null, long? ProductionSteps = null)
{
    /// <summary>The overrides that replace deck keys (all but the device).</summary>
    public DeckOverrides DeckValues => new(Seed, ProductionSteps, OutputDirectory);
}

/// <summary>
/// The run was asked to stop (Ctrl-C, SIGTERM): it stopped at the end of step <see cref="Step"/>
/// and wrote a checkpoint to <see cref="CheckpointPath"/>; `nemd run --resume DIR` continues it.
/// </summary>
public sealed class RunInterruptedException(long step, string checkpointPath, Exception inner)
    : OperationCanceledException($"interrupted after step {step}; checkpoint written to {checkpointPath}", inner)
{
    public long Step { get; } = step;
    public string CheckpointPath { get; } = checkpointPath;
}

/// <summary>What a finished run produced.</summary>
/// <param name="TrajectoryFiles">The H5MD files written ([output.trajectory]), in order; empty if none.</param>
public sealed record RunOutcome(KapitzaResult Result, RunInfo Info, string OutputDirectory, IReadOnlyList<string>? TrajectoryFiles = null);

/// <summary>
/// One NEMD job: deck → bilayer → backend simulation (equilibration, then production with
/// sampling) → analysis → results.json, profile.csv, profile.png in the run folder.
/// </summary>
public static class NemdRunner
{
    public static RunOutcome Run(Deck deck, RunOverrides overrides, IRunObserver observer, ILogger log, CancellationToken cancel = default) =>
        Execute(Apply(deck, overrides), overrides.Device, null, observer, log, cancel);

    /// <summary>
    /// Continues the run in <paramref name="directory"/> from its checkpoint.bin, with the deck, seed,
    /// step counts and device stored there. The result is bit for bit that of an uninterrupted run
    /// on the same device.
    /// </summary>
    public static RunOutcome Resume(string directory, IRunObserver observer, ILogger log, CancellationToken cancel = default) =>
        Resume(RunFiles.ReadCheckpoint(Path.Combine(Path.GetFullPath(directory), RunFiles.Checkpoint)), directory, observer, log, cancel);

    /// <summary>Continues from a checkpoint already read (see <see cref="RunFiles.ReadCheckpoint"/>), writing into <paramref name="directory"/>.</summary>
    public static RunOutcome Resume(RunCheckpoint checkpoint, string directory, IRunObserver observer, ILogger log, CancellationToken cancel = default)
    {
        string dir = Path.GetFullPath(directory);
        var origin = (checkpoint.Deck.Origin ?? DeckOrigin.Keys(Path.Combine(dir, RunFiles.Checkpoint))).WithOption("output", "directory", "--resume");
        var deck = checkpoint.Deck with { Output = checkpoint.Deck.Output with { Directory = dir }, Origin = origin };
        return Execute(deck, checkpoint.Device, checkpoint, observer, log, cancel);
    }

    private static RunOutcome Execute(Deck deck, string? device, RunCheckpoint? resume, IRunObserver observer, ILogger log, CancellationToken cancel)
    {
        // Everything checkable is checked before anything is built: decks built in code come this way too.
        DeckValidator.Validate(deck);
        string outDir = PrepareOutput(deck);
        var units = UnitSystem.FromName(deck.Units);

        // The device first: whether it can hold the run is known before the system is built.
        using var backend = BackendFactory.Create(device, note => log.Information("{Note}", note));
        log.Information("Device {Device}: {Description}", backend.Name, backend.Description);
        if (MemoryEstimate.For(deck).DeviceProblem(backend) is var (largest, tooLarge))
            throw (deck.Origin ?? DeckOrigin.Keys(deck.SourcePath)).Error(largest.Table, largest.Key, tooLarge);

        var (system, layout) = BilayerBuilder.Build(deck);
        var pairs = LennardJonesTable.FromPairs(PairTable.ResolvePairs(deck), system.SpeciesNames);
        var methods = NemdMethods.For(system, deck.Thermostat);
        int[] hot = methods[NemdMethods.Hot].Atoms, cold = methods[NemdMethods.Cold].Atoms;
        int bulk = methods[NemdMethods.Bulk].Atoms.Length;
        log.Information("Built {Atoms} atoms: {Frozen} frozen, {Hot} hot, {Bulk} bulk, {Cold} cold; box {Lx:G5} x {Ly:G5} {Unit}, interface at z = {Zi:G5} {Unit}",
            system.Count, system.Count - hot.Length - cold.Length - bulk, hot.Length, bulk, cold.Length,
            layout.LengthX, layout.LengthY, units.Length, layout.InterfaceZ, units.Length);

        using var sim = new SimulationEngine(backend, system, pairs, methods, new SimulationOptions(deck.Run.Timestep, deck.Run.Skin, deck.Seed));
        double binWidth = deck.Analysis.BinWidth ?? layout.PlaneSpacing;
        using var sampler = new ProfileSampler(backend, sim.State, layout, binWidth, hot, cold);
        // Production bookkeeping: the step it began at (the sampler keeps the bath energies then).
        bool inProduction = false;
        long start = 0;
        double wallBefore = 0;
        if (resume is not null)
        {
            if (resume.Simulation.Positions.Length != system.Count)
                throw new CorruptFileException($"{Path.Combine(outDir, RunFiles.Checkpoint)}: holds {resume.Simulation.Positions.Length} atoms, its deck builds {system.Count}");
            sim.Restore(resume.Simulation);
            sampler.Restore(resume.Samples, resume.BinCountTotals, resume.HotBathAtStart, resume.ColdBathAtStart);
            (inProduction, start, wallBefore) = (resume.InProduction, resume.ProductionStartStep, resume.WallSeconds);
            log.Information("Resumed at step {Step} ({Phase}, {Samples} samples so far)", sim.Step, inProduction ? "production" : "equilibration", sampler.SampleCount);
        }
        var wall = Stopwatch.StartNew();

        long equilibration = deck.Run.EquilibrationSteps;
        long steps = equilibration + deck.Run.ProductionSteps;
        long checkpointEvery = deck.Output.CheckpointInterval ?? Math.Max(1, (steps + 9) / 10);
        string checkpointPath = Path.Combine(outDir, RunFiles.Checkpoint);
        // When R_K's error got below target for good; a resumed run continues the interrupted run's clock.
        var answer = new AnswerClock(deck.Analysis.TargetRelativeError, resume?.AnswerBelowSince);
        void WriteCheckpoint()
        {
            RunFiles.WriteCheckpoint(checkpointPath, new RunCheckpoint
            {
                Deck = deck, Device = backend.Name, InProduction = inProduction, ProductionStartStep = start,
                HotBathAtStart = sampler.BathEnergiesAtStart.Hot, ColdBathAtStart = sampler.BathEnergiesAtStart.Cold, WallSeconds = wallBefore + wall.Elapsed.TotalSeconds,
                Simulation = sim.Capture(), Samples = sampler.ToSamples(), BinCountTotals = sampler.BinCountTotals(),
                AnswerBelowSince = answer.BelowSince,
            });
            log.Debug("Checkpoint at step {Step}: {Path}", sim.Step, checkpointPath);
            observer.CheckpointWritten(sim.Step, checkpointPath);
        }
        // The final state is written after the loop, so the last step needs no periodic checkpoint.
        void MaybeCheckpoint(long step)
        {
            if (checkpointEvery > 0 && step % checkpointEvery == 0 && step < steps) WriteCheckpoint();
        }

        double dt = deck.Run.Timestep;
        int interval = deck.Run.SampleInterval;
        var margins = new FitMargins(deck.Analysis.MarginReservoir, deck.Analysis.MarginInterface);
        int blocks = deck.Analysis.Blocks;
        // R_K with its error 50 times per run: the running ΔT on display and the time-to-answer clock.
        long checkEvery = Math.Max(interval, deck.Run.ProductionSteps / 50);
        (double? Flux, double? DeltaT) running = (null, null);
        IReadOnlyList<string> trajectoryFiles = [];
        try
        {
            if (!inProduction)
            {
                RunPhase("equilibration", equilibration, sim.Step, sim, observer, step => { MaybeCheckpoint(step); return (null, null); }, cancel);
                log.Information("Equilibrated {Steps} steps in {Seconds:F1} s", equilibration, wall.Elapsed.TotalSeconds);
                sampler.BeginProduction();
                start = sim.Step;
                inProduction = true;
            }
            // A resumed run writes its frames to new files: those of the first attempt stay as they are.
            long? resumedAt = resume is { InProduction: true } ? resume.Simulation.Step : null;
            using var trajectory = TrajectoryRecorder.Create(deck, outDir, system, sampler, start, resumedAt, log);
            RunPhase("production", deck.Run.ProductionSteps, sim.Step - start, sim, observer, step =>
            {
                trajectory?.AfterStep(step, sim);
                if ((step - start) % interval == 0)
                {
                    sampler.Sample((step - start) * dt);
                    trajectory?.Sampled(step, sampler);
                    double elapsed = (step - start) * dt;
                    running.Flux = 0.5 * (sampler.LastHotEnergy - sampler.LastColdEnergy) / elapsed / layout.Area;
                    if ((step - start) % checkEvery == 0 && sampler.SampleCount >= DeckValidator.MinimumSamplesPerBlock * blocks)
                    {
                        var sofar = KapitzaAnalysis.Analyze(sampler.ToSamples(), layout, margins, blocks, units);
                        running.DeltaT = sofar.DeltaT.Value;
                        answer.Observe(AnswerClock.RelativeError(sofar.KapitzaResistance), wallBefore + wall.Elapsed.TotalSeconds, step);
                    }
                }
                MaybeCheckpoint(step);
                return running;
            }, cancel);
            trajectory?.Close();
            trajectoryFiles = trajectory?.Files ?? [];
        }
        catch (OperationCanceledException e) when (cancel.IsCancellationRequested)
        {
            // Stopped between two steps: the state is consistent, save it.
            wall.Stop();
            WriteCheckpoint();
            log.Warning("Interrupted after step {Step} of {Steps}; checkpoint {Path}", sim.Step, steps, checkpointPath);
            throw new RunInterruptedException(sim.Step, checkpointPath, e);
        }
        wall.Stop();
        WriteCheckpoint();

        var samples = sampler.ToSamples();
        var result = KapitzaAnalysis.Analyze(samples, layout, margins, blocks, units);
        double wallSeconds = wallBefore + wall.Elapsed.TotalSeconds;
        long stepsHere = steps - (resume?.Simulation.Step ?? 0);
        var timeToAnswer = answer.Finish(AnswerClock.RelativeError(result.KapitzaResistance), wallSeconds, deck.Run.ProductionSteps,
            wall.Elapsed.TotalSeconds / Math.Max(1, stepsHere), sim.Step);
        var info = new RunInfo(system.Count, steps, wallSeconds, system.Count * (double)steps / wallSeconds,
            $"{backend.Name}: {backend.Description}", deck.Seed, deck.SourcePath, deck.SourceText) { TimeToAnswer = timeToAnswer };
        RunFiles.WriteSamples(Path.Combine(outDir, RunFiles.Samples), new StoredSamples(deck, info, samples));
        RunOutputs.Write(outDir, result, info);
        log.Information("Neighbor lists built {Builds} times over {Steps} steps", sim.Neighbors.Builds, steps);
        log.Information("Time to answer {@TimeToAnswer}", timeToAnswer);
        return new RunOutcome(result, info, outDir, trajectoryFiles);
    }

    /// <param name="done">Steps of this phase already done (a resumed run).</param>
    /// <param name="afterStep">Sees each completed step; returns the running J and ΔT to display.</param>
    private static void RunPhase(string phase, long steps, long done, SimulationEngine sim, IRunObserver observer,
        Func<long, (double? Flux, double? DeltaT)> afterStep, CancellationToken cancel)
    {
        observer.PhaseStarted(phase, steps);
        long first = sim.Step - done;
        long reportEvery = Math.Max(1, steps / 200);
        (double? Flux, double? DeltaT) running = (null, null);
        sim.Run(steps - done, step =>
        {
            running = afterStep(step);
            if ((step - first) % reportEvery == 0) observer.Progress(step - first, running.Flux, running.DeltaT);
        }, cancel);
        observer.PhaseFinished(phase);
    }

    private static Deck Apply(Deck deck, RunOverrides o) => o.DeckValues.ApplyTo(deck);

    /// <summary>
    /// Creates the deck's run folder and checks that files can be written in it; returns its full path.
    /// A folder that cannot be written is a deck error naming output.directory (or --out, --resume).
    /// </summary>
    public static string PrepareOutput(Deck deck)
    {
        try { return OutputPath.PrepareFolder(deck.Output.Directory); }
        catch (UnwritablePathException e)
        {
            throw (deck.Origin ?? DeckOrigin.Keys(deck.SourcePath)).Error("output", "directory", e.Message);
        }
    }
}
