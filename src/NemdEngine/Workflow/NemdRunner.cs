using System.Diagnostics;
using NemdEngine.Analysis;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.IO.H5md;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Potentials;
using NemdEngine.Sampling;
using NemdEngine.Sampling.Spectral;
using NemdEngine.Setup;
using NemdEngine.Simulation;
using Serilog;

namespace NemdEngine.Workflow;

/// <summary>Command-line overrides of a deck.</summary>
/// <param name="Overwrite">Clear an earlier run's files from the run folder instead of refusing it (<see cref="RunFolder.Claim"/>).</param>
public sealed record RunOverrides(string? OutputDirectory = null, string? Device = null, ulong? Seed = null, long? ProductionSteps = null, bool Overwrite = false)
{
    /// <summary>The overrides that replace deck keys (all but the device and --overwrite).</summary>
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

/// <summary>
/// The simulation finished and its samples are stored (samples.bin, and checkpoint.bin holds the
/// final state), but the analysis after it failed (a fit window without enough bins, results that
/// could not be written): `nemd analyze DIR` redoes it, with other margins if need be.
/// </summary>
public sealed class RunAnalysisFailedException(string directory, Exception inner)
    : Exception($"the run finished but its analysis could not be completed: {inner.Message}; its samples ({RunFiles.Samples}) and final {RunFiles.Checkpoint} are kept in {directory}: redo the analysis with: nemd analyze {directory} [--margins R,I] [--blocks N]", inner)
{
    public string Directory { get; } = directory;
}

/// <summary>What a finished run produced.</summary>
/// <param name="TrajectoryFiles">The H5MD files written ([output.trajectory]), in order; empty if none.</param>
public sealed record RunOutcome(KapitzaResult Result, RunInfo Info, string OutputDirectory, IReadOnlyList<string>? TrajectoryFiles = null)
{
    /// <summary>The spectral heat current ([spectral]); null when the deck asks for none.</summary>
    public SpectralResult? Spectral { get; init; }
}

/// <summary>
/// One NEMD job: deck → bilayer → backend simulation (equilibration, then production with
/// sampling) → samples.bin → analysis → results.json, profile.csv, profile.png in the run folder,
/// which holds this run's files only (<see cref="RunFolder"/>).
/// </summary>
public static class NemdRunner
{
    /// <summary>A new run: claims the deck's output folder (<see cref="RunFolder.Claim"/>, overwriting only if <see cref="RunOverrides.Overwrite"/>) and runs.</summary>
    /// <exception cref="RunFolderException">The folder holds another run, or a running nemd holds it.</exception>
    public static RunOutcome Run(Deck deck, RunOverrides overrides, IRunObserver observer, ILogger log, CancellationToken cancel = default)
    {
        deck = Apply(deck, overrides);
        // A deck built in code is checked before its folder is claimed: a refused deck writes nothing.
        DeckValidator.Validate(deck);
        using var folder = RunFolder.Claim(deck.Output.Directory, overrides.Overwrite, deck.SourcePath);
        return Run(deck, folder, overrides, observer, log, cancel);
    }

    /// <summary>A new run in a folder the caller has claimed (the CLI claims it before opening its log there).</summary>
    public static RunOutcome Run(Deck deck, RunFolder folder, RunOverrides overrides, IRunObserver observer, ILogger log, CancellationToken cancel = default) =>
        Execute(Apply(deck, overrides with { OutputDirectory = folder.Directory }), folder, overrides.Device, null, observer, log, cancel);

    /// <summary>
    /// Continues the run in <paramref name="directory"/> from its checkpoint.bin, with the deck, seed,
    /// step counts and device stored there. The result is bit for bit that of an uninterrupted run
    /// on the same device.
    /// </summary>
    public static RunOutcome Resume(string directory, IRunObserver observer, ILogger log, CancellationToken cancel = default)
    {
        string dir = Path.GetFullPath(directory);
        var checkpoint = RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint));
        using var folder = RunFolder.Open(dir, checkpoint.RunId);
        return Resume(checkpoint, folder, observer, log, cancel);
    }

    /// <summary>Continues from a checkpoint already read (see <see cref="RunFiles.ReadCheckpoint"/>) in its folder, opened by <see cref="RunFolder.Open"/>.</summary>
    public static RunOutcome Resume(RunCheckpoint checkpoint, RunFolder folder, IRunObserver observer, ILogger log, CancellationToken cancel = default)
    {
        var origin = (checkpoint.Deck.Origin ?? DeckOrigin.Keys(folder.PathOf(RunFiles.Checkpoint))).WithOption("output", "directory", "--resume");
        var deck = checkpoint.Deck with { Output = checkpoint.Deck.Output with { Directory = folder.Directory }, Origin = origin };
        return Execute(deck, folder, checkpoint.Device, checkpoint, observer, log, cancel);
    }

    private static RunOutcome Execute(Deck deck, RunFolder folder, string? device, RunCheckpoint? resume, IRunObserver observer, ILogger log, CancellationToken cancel)
    {
        // Everything checkable is checked before anything is built: decks built in code come this way too.
        DeckValidator.Validate(deck);
        var units = UnitSystem.FromName(deck.Units);
        string outDir = folder.Directory;

        // The device first: whether it can hold the run is known before the system is built.
        using var backend = BackendFactory.Create(device, note => log.Information("{Note}", note));
        log.Information("Device {Device}: {Description}", backend.Name, backend.Description);
        if (MemoryEstimate.For(deck).DeviceProblem(backend) is var (largest, tooLarge))
            throw (deck.Origin ?? DeckOrigin.Keys(deck.SourcePath)).Error(largest.Table, largest.Key, tooLarge);

        var setup = SimulationSetup.FromDeck(deck);
        var (system, layout) = (setup.System, setup.Layout);
        int[] hot = setup.HotAtoms, cold = setup.ColdAtoms;
        int bulk = setup.BulkCount;
        log.Information("Built {Atoms} atoms: {Frozen} frozen, {Hot} hot, {Bulk} bulk, {Cold} cold; box {Lx:G5} x {Ly:G5} {Unit}, interface at z = {Zi:G5} {Unit}",
            system.Count, system.Count - hot.Length - cold.Length - bulk, hot.Length, bulk, cold.Length,
            layout.LengthX, layout.LengthY, units.Length, layout.InterfaceZ, units.Length);

        if (deck.Lattice is { } lattice && (lattice.A is not null || lattice.B is not null))
        {
            var (strainA, strainB) = BilayerBuilder.InPlaneStrain(deck);
            log.Information("In-plane constant {A:G6} {Unit}: side A strained {StrainA}, side B {StrainB} (a_in-plane / a_side - 1)",
                lattice.InPlaneValue, units.Length, Format.Percent(strainA), Format.Percent(strainB));
        }
        if (deck.Thermostat.THot == deck.Thermostat.TCold)
            log.Warning("thermostat.t_hot = thermostat.t_cold = {T:G4} {Unit}: there is no drive, so no heat current; R_K is undefined", deck.Thermostat.THot, units.Temperature);
        using var sim = setup.CreateEngine(backend);
        using var sampler = setup.CreateSampler(backend, sim);
        using var spectral = setup.CreateSpectralSampler(backend, sim);
        if (spectral is not null) RequireInterfacePairs(deck, spectral, units, log);
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
            if (spectral is not null)
            {
                // A checkpoint from before production holds no spectral state (none was sampled), and one of format 3 none at all.
                if (resume.Spectral is { } stored) spectral.Restore(stored);
                else if (resume.InProduction && resume.Samples.Times.Length > 0)
                    throw new CorruptFileException($"{Path.Combine(outDir, RunFiles.Checkpoint)}: its deck asks for [spectral] but it holds no spectral state");
            }
            (inProduction, start, wallBefore) = (resume.InProduction, resume.ProductionStartStep, resume.WallSeconds);
            log.Information("Resumed at step {Step} ({Phase}, {Samples} samples so far)", sim.Step, inProduction ? "production" : "equilibration", sampler.SampleCount);
        }
        else if (setup.Minimize(sim, cancel) is { } minimized)
        {
            // Not converging is no reason to stop: the structure is as relaxed as float positions allow (FireMinimizer).
            if (minimized.Converged) log.Information("Minimized: {Summary}", minimized.Summary);
            else log.Warning("Minimization: {Summary}", minimized.Summary);
        }
        var wall = Stopwatch.StartNew();

        long equilibration = deck.Run.EquilibrationSteps;
        long steps = equilibration + deck.Run.ProductionSteps;
        long checkpointEvery = deck.Output.CheckpointInterval ?? Math.Max(1, (steps + 9) / 10);
        string checkpointPath = Path.Combine(outDir, RunFiles.Checkpoint);
        // When R_K's error got below target for good; a resumed run continues the interrupted run's clock.
        var answer = new AnswerClock(deck.Analysis.TargetRelativeError, resume?.AnswerBelowSince);
        var bins = ProfileBins.Of(sampler.BinCenters, layout);
        TrajectoryRecorder? trajectory = null;
        long? lastCheckpoint = resume?.Simulation.Step;
        void WriteCheckpoint()
        {
            // The trajectory file ending here is closed first: frames up to the checkpoint are on disk before it refers past them.
            trajectory?.Checkpoint(sim.Step);
            var checkpoint = Checkpoint();
            try
            {
                RunFiles.WriteCheckpoint(checkpointPath, checkpoint);
            }
            catch (IOException e)
            {
                // The write went to a temporary that is now deleted: the previous checkpoint is as it was.
                log.Debug(e, "Checkpoint at step {Step} failed", sim.Step);
                throw new IOException(lastCheckpoint is long previous
                    ? $"{e.Message}; the previous checkpoint (step {previous}) is intact: free space, then continue with: nemd run --resume {outDir}"
                    : $"{e.Message}; no checkpoint had been written yet", e);
            }
            lastCheckpoint = sim.Step;
            if (inProduction && checkpoint.Samples.Times.Length > 0)
                SamplesFile.Write(Path.Combine(outDir, SamplesFile.FileName), checkpoint.Samples, units, bins, start, deck.Run.Timestep);
            log.Debug("Checkpoint at step {Step}: {Path}", sim.Step, checkpointPath);
            observer.CheckpointWritten(sim.Step, checkpointPath);
        }
        RunCheckpoint Checkpoint() => new()
        {
            RunId = folder.RunId, Deck = deck, Device = backend.Name, InProduction = inProduction, ProductionStartStep = start,
            HotBathAtStart = sampler.BathEnergiesAtStart.Hot, ColdBathAtStart = sampler.BathEnergiesAtStart.Cold, WallSeconds = wallBefore + wall.Elapsed.TotalSeconds,
            Simulation = sim.Capture(), Samples = sampler.ToSamples(), BinCountTotals = sampler.BinCountTotals(),
            AnswerBelowSince = answer.BelowSince, Spectral = spectral?.Capture(),
        };
        // The final state is written after the loop, so the last step needs no periodic checkpoint.
        void MaybeCheckpoint(long step)
        {
            if (checkpointEvery > 0 && step % checkpointEvery == 0 && step < steps) WriteCheckpoint();
        }

        double dt = deck.Run.Timestep;
        int interval = deck.Run.SampleInterval;
        var analysis = deck.Analysis.Options;
        // R_K with its error 50 times per run: the running ΔT on display and the time-to-answer clock.
        long checkEvery = Math.Max(interval, deck.Run.ProductionSteps / 50);
        (double? Flux, double? DeltaT) running = (null, null);
        bool runningAnalysisFailed = false;
        IReadOnlyList<string> trajectoryFiles = [];
        try
        {
            if (!inProduction)
            {
                RunPhase("equilibration", equilibration, sim.Step, sim, observer, step => { MaybeCheckpoint(step); return (null, null); }, cancel);
                sampler.BeginProduction();
                start = sim.Step;
                inProduction = true;
            }
            // A resumed run writes its frames to new files: those of the first attempt stay as they are.
            long? resumedAt = resume is { InProduction: true } ? resume.Simulation.Step : null;
            using var recorder = TrajectoryRecorder.Create(deck, outDir, system, layout, sampler, start, resumedAt, checkpointEvery, log);
            trajectory = recorder;
            RunPhase("production", deck.Run.ProductionSteps, sim.Step - start, sim, observer, step =>
            {
                trajectory?.AfterStep(step, sim);
                if (spectral is not null && (step - start) % spectral.Plan.SampleInterval == 0) spectral.Sample();
                if ((step - start) % interval == 0)
                {
                    sampler.Sample((step - start) * dt);
                    trajectory?.Sampled(step, sampler);
                    double elapsed = (step - start) * dt;
                    running.Flux = 0.5 * (sampler.LastHotEnergy - sampler.LastColdEnergy) / elapsed / layout.Area;
                    if ((step - start) % checkEvery == 0 && sampler.SampleCount >= (analysis.Blocks is int given ? 2 * given : DeckValidator.MinimumSamples) && !runningAnalysisFailed)
                    {
                        try
                        {
                            var sofar = KapitzaAnalysis.Analyze(sampler.ToSamples(), layout, analysis, units);
                            running.DeltaT = sofar.DeltaT.Value;
                            answer.Observe(AnswerClock.RelativeError(sofar.KapitzaResistance), wallBefore + wall.Elapsed.TotalSeconds, step);
                        }
                        catch (ArgumentException e)
                        {
                            // The run goes on: its samples are what matters, and `nemd analyze` can redo the analysis.
                            runningAnalysisFailed = true;
                            log.Warning("The running analysis failed at step {Step} ({Reason}); the run continues without a running R_K", step, e.Message);
                        }
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

        // The samples first: whatever happens to the analysis, `nemd analyze` can redo it from them.
        var samples = sampler.ToSamples();
        double wallSeconds = wallBefore + wall.Elapsed.TotalSeconds;
        var info = new RunInfo(system.Count, steps, wallSeconds, system.Count * (double)steps / wallSeconds,
            $"{backend.Name}: {backend.Description}", deck.Seed, deck.SourcePath, deck.SourceText) { RunId = folder.RunId, Deck = deck };
        try
        {
            RunFiles.WriteSamples(Path.Combine(outDir, RunFiles.Samples), new StoredSamples(deck, info, samples));
        }
        catch (IOException e)
        {
            log.Debug(e, "Writing the samples failed");
            throw new IOException($"{e.Message}; the final checkpoint (step {sim.Step}) holds every sample: free space, then nemd run --resume {outDir} writes them and the results", e);
        }
        log.Information("Neighbor lists built {Builds} times over {Steps} steps", sim.Neighbors.Builds, steps);

        KapitzaResult result;
        SpectralResult? spectralResult = null;
        try
        {
            result = KapitzaAnalysis.Analyze(samples, layout, analysis, units);
            if (spectral is not null)
            {
                spectralResult = SpectralAnalysis.Analyze(spectral.Spectra(), spectral.Plan, spectral.AtomsA, spectral.AtomsB, result);
                log.Information("Spectral heat current: ∫q df = {Integral} against J·A = {Bath} from the baths ({Difference} relative, {Sigmas:F1} combined standard errors); {Segments} segments, Δf = {Resolution:G4} 1/{Time}",
                    spectralResult.IntegratedPower, spectralResult.BathPower, Format.Percent(spectralResult.RelativeDifference), spectralResult.Sigmas,
                    spectralResult.Segments, spectral.Plan.Resolution, units.Time);
            }
            long stepsHere = steps - (resume?.Simulation.Step ?? 0);
            var timeToAnswer = answer.Finish(AnswerClock.RelativeError(result.KapitzaResistance), wallSeconds, deck.Run.ProductionSteps,
                wall.Elapsed.TotalSeconds / Math.Max(1, stepsHere), sim.Step);
            info = info with { TimeToAnswer = timeToAnswer };
            // The phonon models next to the NEMD value (seconds; never fails the run).
            info = info with { Theory = Theory.TheorySummary.ForRun(deck, result.MeanTemperature.Value, outDir, log) };
            RunOutputs.Write(outDir, result, info, spectralResult);
            log.Information("Time to answer: {Answer}", timeToAnswer.Describe(wallSeconds));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            log.Debug(e, "Analysis failed");
            throw new RunAnalysisFailedException(outDir, e);
        }
        return new RunOutcome(result, info, outDir, trajectoryFiles) { Spectral = spectralResult };
    }

    /// <summary>
    /// [spectral] needs atoms on both sides that interact across the interface; a deck whose sides do
    /// not (a gap wider than the cutoff) is bad input naming the section, found before the first step.
    /// </summary>
    private static void RequireInterfacePairs(Deck deck, SpectralSampler spectral, UnitSystem units, ILogger log)
    {
        long pairs = spectral.CrossPairs();
        if (spectral.AtomsA == 0 || spectral.AtomsB == 0 || pairs == 0)
            throw (deck.Origin ?? DeckOrigin.Keys(deck.SourcePath)).Error("spectral", "enabled",
                $"no atoms interact across the interface at z = {spectral.InterfaceZ:G6} {units.Length}: the slab within {spectral.Plan.Thickness:G6} {units.Length} of it holds {spectral.AtomsA} atoms of side A and {spectral.AtomsB} of side B, "
                + $"with {pairs / 2} pairs within the potentials' cutoff; there is no interfacial heat current to decompose (are the sides more than a cutoff apart?)");
        log.Information("Spectral heat current: {A} atoms of side A and {B} of side B within {Thickness:G4} {Unit} of the interface, {Pairs} interacting pairs across it; a sample every {Interval} steps, segments of {Segment} samples (Δf = {Resolution:G4} 1/{Time}, up to {Nyquist:G4} 1/{Time}), {Buffer:F1} MB held",
            spectral.AtomsA, spectral.AtomsB, spectral.Plan.Thickness, units.Length, pairs / 2, spectral.Plan.SampleInterval, spectral.Plan.SegmentSamples,
            spectral.Plan.Resolution, units.Time, spectral.Plan.Nyquist, units.Time, spectral.BufferBytes / 1e6);
    }

    /// <param name="done">Steps of this phase already done (a resumed run).</param>
    /// <param name="afterStep">Sees each completed step; returns the running J and ΔT to display.</param>
    internal static void RunPhase(string phase, long steps, long done, SimulationEngine sim, IRunObserver observer,
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
