using System.Diagnostics;
using NemdEngine.Analysis;
using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.IO.H5md;
using NemdEngine.Model;
using NemdEngine.Sampling;
using NemdEngine.Setup;
using NemdEngine.Simulation;
using Serilog;

namespace NemdEngine.Workflow;

/// <summary>What `nemd run --replicas N` produced: each replica's run and the pooled table.</summary>
public sealed record ReplicaOutcome(IReadOnlyList<RunOutcome?> Replicas, ReplicaSummary Summary, string OutputDirectory, RunInfo Batch);

/// <summary>
/// `nemd run --replicas N`: N seeds of one deck in one simulation (<see cref="ReplicaSetup"/>), so
/// that small interface systems fill a device. The batch folder holds one complete run folder per
/// replica (replica-000, ...: results.json, profile, samples, checkpoint.bin, each resumable and
/// analysable on its own as a run with its seed), replicas.json and replicas.csv with the pooled
/// R_K and the error between replicas beside each replica's own result, and the log.
/// </summary>
public static class ReplicaRunner
{
    public const int MinReplicas = 2, MaxReplicas = 1024;

    public static string FolderName(int replica) => $"replica-{replica:D3}";

    /// <summary>Is <paramref name="directory"/> the folder of a batch (its replicas' folders, no checkpoint of its own)?</summary>
    public static bool IsBatchFolder(string directory) =>
        !File.Exists(Path.Combine(directory, RunFiles.Checkpoint)) && CheckpointedReplicas(directory) > 0;

    /// <summary>Replicas of the batch in <paramref name="directory"/> with a checkpoint: replica-000, replica-001, ... up to the first without.</summary>
    public static int CheckpointedReplicas(string directory) =>
        Enumerable.Range(0, MaxReplicas + 1).TakeWhile(r => File.Exists(Path.Combine(directory, FolderName(r), RunFiles.Checkpoint))).Count();

    /// <summary>
    /// Checks what a batch needs beyond a valid deck: a replica count in range, seeds that stay in
    /// range, and no [spectral] (a batch does not sample it).
    /// </summary>
    public static void Validate(Deck deck, int replicas)
    {
        if (replicas < MinReplicas || replicas > MaxReplicas)
            throw new DeckException($"--replicas: expected a whole number from {MinReplicas} to {MaxReplicas}, got {replicas}");
        var origin = deck.Origin ?? DeckOrigin.Keys(deck.SourcePath);
        if (deck.Seed + (ulong)(replicas - 1) > (ulong)DeckValidator.MaxSeed)
            throw origin.Error("", "seed", $"replica seeds run from seed to seed + {replicas - 1}, which passes {DeckValidator.MaxSeed}");
        if (deck.Spectral is { Enabled: true })
            throw origin.Error("spectral", "enabled", "is not available with --replicas yet: run the replicas as separate runs (nemd sweep with a seed axis) to get their spectra");
    }

    /// <summary>A new batch in a folder the caller has claimed for it.</summary>
    public static ReplicaOutcome Run(Deck deck, int replicas, RunFolder folder, RunOverrides overrides, IRunObserver observer, ILogger log, CancellationToken cancel = default)
    {
        deck = overrides.DeckValues.ApplyTo(deck);
        deck = deck with { Output = deck.Output with { Directory = folder.Directory } };
        DeckValidator.Validate(deck);
        Validate(deck, replicas);
        if (deck.Output.Trajectory is not null)
        {
            log.Warning("[output.trajectory] is left out: a batch of replicas writes no trajectories; run the replica you want to see on its own (nemd run DECK --seed S) to get one");
            deck = deck with { Output = deck.Output with { Trajectory = null } };
        }
        var folders = new List<RunFolder>();
        try
        {
            for (int r = 0; r < replicas; r++)
                folders.Add(RunFolder.Claim(Path.Combine(folder.Directory, FolderName(r)), overrides.Overwrite, deck.SourcePath));
            if (overrides.Overwrite) ClearStaleReplicas(folder.Directory, replicas);
            var decks = ReplicaSetup.Decks(deck, replicas).Select((d, r) => d with { Output = d.Output with { Directory = folders[r].Directory } }).ToArray();
            return Execute(decks, folder.Directory, folders, overrides.Device, null, observer, log, cancel);
        }
        finally
        {
            foreach (var f in folders) f.Dispose();
        }
    }

    /// <summary>
    /// --overwrite of a larger batch: the earlier replicas past the new count are cleared (their
    /// NemdEngine files only) and their folders removed when nothing else is left, so that a later
    /// --resume does not take them for this batch's.
    /// </summary>
    private static void ClearStaleReplicas(string directory, int replicas)
    {
        for (int r = replicas; Directory.Exists(Path.Combine(directory, FolderName(r))); r++)
        {
            string stale = Path.Combine(directory, FolderName(r));
            RunFolder.Claim(stale, overwrite: true).Dispose();
            File.Delete(Path.Combine(stale, RunFolder.Manifest));
            if (!Directory.EnumerateFileSystemEntries(stale).Any()) Directory.Delete(stale);
        }
    }

    /// <summary>Continues the batch in <paramref name="directory"/> from its replicas' checkpoints (all at one step).</summary>
    public static ReplicaOutcome Resume(string directory, IRunObserver observer, ILogger log, CancellationToken cancel = default)
    {
        string dir = Path.GetFullPath(directory);
        var checkpoints = Enumerable.Range(0, CheckpointedReplicas(dir))
            .Select(r => RunFiles.ReadCheckpoint(Path.Combine(dir, FolderName(r), RunFiles.Checkpoint))).ToList();
        if (checkpoints.Count < MinReplicas) throw new CorruptFileException($"{dir}: holds {checkpoints.Count} replica checkpoints; a batch has at least {MinReplicas}");
        if (checkpoints.Select(c => c.Simulation.Step).Distinct().Count() > 1 || checkpoints.Select(c => c.Device).Distinct().Count() > 1)
            throw new CorruptFileException($"{dir}: its replicas' checkpoints are at different steps or from different devices; resume each alone with nemd run --resume {Path.Combine(dir, FolderName(0))} (and so on)");
        var folders = new List<RunFolder>();
        try
        {
            for (int r = 0; r < checkpoints.Count; r++)
                folders.Add(RunFolder.Open(Path.Combine(dir, FolderName(r)), checkpoints[r].RunId));
            var decks = checkpoints.Select((c, r) => c.Deck with { Output = c.Deck.Output with { Directory = folders[r].Directory } }).ToArray();
            return Execute(decks, dir, folders, checkpoints[0].Device, checkpoints, observer, log, cancel);
        }
        finally
        {
            foreach (var f in folders) f.Dispose();
        }
    }

    private static ReplicaOutcome Execute(Deck[] decks, string batchDir, IReadOnlyList<RunFolder> folders, string? device, IReadOnlyList<RunCheckpoint>? resume,
        IRunObserver observer, ILogger log, CancellationToken cancel)
    {
        var deck = decks[0];
        int replicas = decks.Length;
        var units = UnitSystem.FromName(deck.Units);
        using var backend = BackendFactory.Create(device, note => log.Information("{Note}", note));
        log.Information("Device {Device}: {Description}", backend.Name, backend.Description);
        var memory = MemoryEstimate.For(deck).Times(replicas);
        if ((memory.CountProblem() ?? memory.DeviceProblem(backend)) is var (largest, tooLarge))
            throw (deck.Origin ?? DeckOrigin.Keys(deck.SourcePath)).Error(largest.Table, largest.Key, $"{tooLarge}, for {replicas} replicas: fewer may fit");

        var setup = ReplicaSetup.FromDecks(decks);
        var layout = setup.First.Layout;
        log.Information("Built {Replicas} replicas of {Atoms} atoms ({Total} in all), seeds {First} to {Last}; each kernel launch covers every replica",
            replicas, setup.AtomsPerReplica, setup.System.Count, decks[0].Seed, decks[^1].Seed);
        using var sim = setup.CreateEngine(backend);
        var samplers = setup.CreateSamplers(backend, sim);
        try
        {
            bool inProduction = false;
            long start = 0;
            double wallBefore = 0;
            if (resume is not null)
            {
                for (int r = 0; r < replicas; r++)
                {
                    var c = resume[r];
                    if (c.Simulation.Positions.Length != setup.AtomsPerReplica)
                        throw new CorruptFileException($"{folders[r].PathOf(RunFiles.Checkpoint)}: holds {c.Simulation.Positions.Length} atoms, its deck builds {setup.AtomsPerReplica}");
                    sim.Restore(c.Simulation, r);
                    samplers[r].Restore(c.Samples, c.BinCountTotals, c.HotBathAtStart, c.ColdBathAtStart);
                }
                (inProduction, start, wallBefore) = (resume[0].InProduction, resume[0].ProductionStartStep, resume[0].WallSeconds);
                log.Information("Resumed {Replicas} replicas at step {Step} ({Phase})", replicas, sim.Step, inProduction ? "production" : "equilibration");
            }
            else if (setup.Minimize(backend, sim, cancel) is { } minimized)
                for (int r = 0; r < replicas; r++)
                    log.Information("Replica {Replica} minimized: {Summary}", r, minimized[r].Summary);

            var wall = Stopwatch.StartNew();
            long equilibration = deck.Run.EquilibrationSteps;
            long steps = equilibration + deck.Run.ProductionSteps;
            long checkpointEvery = deck.Output.CheckpointInterval ?? Math.Max(1, (steps + 9) / 10);
            var bins = ProfileBins.Of(samplers[0].BinCenters, layout);
            double WallSeconds() => wallBefore + wall.Elapsed.TotalSeconds;

            // Every replica's checkpoint is that of a run of its own: `nemd run --resume replica-k` continues it alone.
            void WriteCheckpoints()
            {
                for (int r = 0; r < replicas; r++)
                {
                    var checkpoint = new RunCheckpoint
                    {
                        RunId = folders[r].RunId, Deck = decks[r], Device = backend.Name, InProduction = inProduction, ProductionStartStep = start,
                        HotBathAtStart = samplers[r].BathEnergiesAtStart.Hot, ColdBathAtStart = samplers[r].BathEnergiesAtStart.Cold, WallSeconds = WallSeconds(),
                        Simulation = sim.Capture(r), Samples = samplers[r].ToSamples(), BinCountTotals = samplers[r].BinCountTotals(),
                    };
                    string path = folders[r].PathOf(RunFiles.Checkpoint);
                    RunFiles.WriteCheckpoint(path, checkpoint);
                    if (inProduction && checkpoint.Samples.Times.Length > 0)
                        SamplesFile.Write(folders[r].PathOf(SamplesFile.FileName), checkpoint.Samples, units, bins, start, deck.Run.Timestep);
                }
                observer.CheckpointWritten(sim.Step, Path.Combine(batchDir, FolderName(0), RunFiles.Checkpoint));
            }
            void MaybeCheckpoint(long step)
            {
                if (checkpointEvery > 0 && step % checkpointEvery == 0 && step < steps) WriteCheckpoints();
            }

            double dt = deck.Run.Timestep;
            int interval = deck.Run.SampleInterval;
            try
            {
                if (!inProduction)
                {
                    NemdRunner.RunPhase("equilibration", equilibration, sim.Step, sim, observer, step => { MaybeCheckpoint(step); return (null, null); }, cancel);
                    ProfileSampler.BeginProductionAll(samplers);
                    start = sim.Step;
                    inProduction = true;
                }
                double? flux = null;
                NemdRunner.RunPhase("production", deck.Run.ProductionSteps, sim.Step - start, sim, observer, step =>
                {
                    if ((step - start) % interval == 0)
                    {
                        ProfileSampler.SampleAll(samplers, (step - start) * dt);
                        double elapsed = (step - start) * dt;
                        flux = samplers.Average(s => 0.5 * (s.LastHotEnergy - s.LastColdEnergy)) / elapsed / layout.Area;
                    }
                    MaybeCheckpoint(step);
                    return (flux, null);
                }, cancel);
            }
            catch (OperationCanceledException e) when (cancel.IsCancellationRequested)
            {
                wall.Stop();
                WriteCheckpoints();
                string first = Path.Combine(batchDir, FolderName(0), RunFiles.Checkpoint);
                log.Warning("Interrupted after step {Step} of {Steps}; each replica's checkpoint written ({Path} and the others)", sim.Step, steps, first);
                throw new RunInterruptedException(sim.Step, first, e);
            }
            wall.Stop();
            WriteCheckpoints();
            log.Information("Neighbor lists built {Builds} times over {Steps} steps (per replica: {PerReplica})",
                Enumerable.Range(0, replicas).Sum(r => sim.Neighbors.BuildsOf(r)), steps, string.Join(", ", Enumerable.Range(0, replicas).Select(sim.Neighbors.BuildsOf)));

            double wallSeconds = WallSeconds();
            string deviceText = $"{backend.Name}: {backend.Description}";
            var batch = new RunInfo(setup.System.Count, steps, wallSeconds, setup.System.Count * (double)steps / wallSeconds, deviceText, deck.Seed, deck.SourcePath, deck.SourceText);
            return Finish(decks, batchDir, folders, samplers, batch, log);
        }
        finally
        {
            foreach (var s in samplers) s.Dispose();
        }
    }

    /// <summary>Each replica's samples, analysis and results in its folder; then the pooled table.</summary>
    private static ReplicaOutcome Finish(Deck[] decks, string batchDir, IReadOnlyList<RunFolder> folders, ProfileSampler[] samplers, RunInfo batch, ILogger log)
    {
        var deck = decks[0];
        var units = UnitSystem.FromName(deck.Units);
        var layout = samplers[0].Layout;
        var outcomes = new RunOutcome?[decks.Length];
        var rows = new List<ReplicaRow>();
        var results = new (KapitzaResult? Result, RunInfo Info, string? Failure)[decks.Length];
        for (int r = 0; r < decks.Length; r++)
        {
            var samples = samplers[r].ToSamples();
            // Each replica's share of the batch: its atoms, the batch's wall time and rate per replica.
            var info = new RunInfo(batch.Atoms / decks.Length, batch.Steps, batch.WallSeconds, batch.AtomStepsPerSecond / decks.Length, batch.Device, decks[r].Seed, deck.SourcePath, deck.SourceText)
            { RunId = folders[r].RunId, Deck = decks[r] };
            RunFiles.WriteSamples(folders[r].PathOf(RunFiles.Samples), new StoredSamples(decks[r], info, samples));
            try
            {
                results[r] = (KapitzaAnalysis.Analyze(samples, layout, deck.Analysis.Options, units), info, null);
            }
            catch (ArgumentException e)
            {
                log.Warning("Replica {Replica}: analysis failed ({Reason}); its samples are kept: nemd analyze {Dir}", r, e.Message, folders[r].Directory);
                results[r] = (null, info, e.Message);
            }
        }
        // The phonon models once for the batch, at the replicas' mean interface temperature.
        var analysed = results.Where(x => x.Result is not null).Select(x => x.Result!).ToList();
        double meanT = analysed.Count > 0 ? analysed.Average(x => x.MeanTemperature.Value) : 0;
        var theory = Theory.TheorySummary.ForRun(deck, meanT, batchDir, log);
        for (int r = 0; r < decks.Length; r++)
        {
            var (result, info, failure) = results[r];
            if (result is not null)
            {
                info = info with { Theory = theory };
                RunOutputs.Write(folders[r].Directory, result, info);
                outcomes[r] = new RunOutcome(result, info, folders[r].Directory);
            }
            rows.Add(new ReplicaRow(r, FolderName(r), decks[r].Seed, result, failure));
        }
        var summary = ReplicaSummary.Of(rows);
        summary.Write(batchDir);
        var rk = summary.Pooled["R_K"];
        log.Information("Pooled over {Replicas} replicas: R_K = {Value:G4} ± {Error:G2} {Unit} (between replicas; mean block error {Block:G2})",
            rk.Runs, rk.Mean, rk.StdErr, rk.Unit, rk.BlockStdErr);
        return new ReplicaOutcome(outcomes, summary, batchDir, batch with { Theory = theory });
    }
}
