using System.CommandLine;
using System.Runtime.InteropServices;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Simulation;
using NemdEngine.Workflow;
using Serilog;
using Serilog.Core;

namespace NemdEngine.Cli;

/// <summary>`nemd run DECK` or `nemd run --resume DIR`: a full NEMD job, printing R_K with its standard error.</summary>
public static class RunCommand
{
    public const int ExitBadInput = 2;
    public const int ExitRunFailed = 3;
    /// <summary>Stopped by SIGINT (Ctrl-C), 128 + 2.</summary>
    public const int ExitInterrupted = 130;
    /// <summary>Stopped by SIGTERM, 128 + 15.</summary>
    public const int ExitTerminated = 143;
    /// <summary>The Serilog file in the run folder.</summary>
    public const string LogFile = RunFolder.Log;

    public static Command Create()
    {
        var deckArg = new Argument<FileInfo?>("DECK") { Description = "Input deck (TOML), e.g. inputs/lj-mass-mismatch.toml", Arity = ArgumentArity.ZeroOrOne };
        var resumeOpt = new Option<string?>("--resume") { HelpName = "DIR", Description = "Continue the interrupted run in this folder from its checkpoint (no DECK; deck, seed, steps and device are those stored)" };
        var outOpt = new Option<string?>("--out") { Description = "Run folder (overrides [output] directory)" };
        var deviceOpt = new Option<string?>("--device") { Description = NemdEngine.Backends.BackendFactory.Help };
        var seedOpt = new Option<ulong?>("--seed")
        {
            Description = $"Random seed, 0 to {DeckValidator.MaxSeed} like the deck's (overrides the deck's seed)",
            CustomParser = NemdCli.Parser<ulong?>("--seed", $"a whole number from 0 to {DeckValidator.MaxSeed}",
                text => NemdCli.WholeNumber(text) is (true, long v) && v >= 0 ? (true, (ulong)v) : (false, null)),
        };
        var stepsOpt = new Option<long?>("--steps")
        {
            Description = "Production steps (overrides [run] production_steps, for a quick look)",
            CustomParser = NemdCli.Parser<long?>("--steps", "a whole number of steps", NemdCli.WholeNumber),
        };
        var replicasOpt = new Option<int?>("--replicas")
        {
            HelpName = "N",
            Description = $"Run N seeds of the deck (seed, seed + 1, ...) together, batched in every kernel launch, and pool their R_K ({ReplicaRunner.MinReplicas} to {ReplicaRunner.MaxReplicas}; each replica gets a run folder of its own inside the output folder)",
            CustomParser = NemdCli.Parser<int?>("--replicas", $"a whole number from {ReplicaRunner.MinReplicas} to {ReplicaRunner.MaxReplicas}",
                text => NemdCli.WholeNumber(text) is (true, long v) && v >= ReplicaRunner.MinReplicas && v <= ReplicaRunner.MaxReplicas ? (true, (int)v) : (false, null)),
        };
        var overwriteOpt = new Option<bool>("--overwrite") { Description = "The run folder holds an earlier run: delete that run's files first (NemdEngine's files only; others are kept)" };
        var command = new Command("run", "Run a NEMD simulation of a deck and compute the Kapitza resistance")
        {
            deckArg, resumeOpt, outOpt, deviceOpt, seedOpt, stepsOpt, replicasOpt, overwriteOpt,
        };
        command.SetAction(parse => Execute(
            parse.GetValue(deckArg),
            parse.GetValue(resumeOpt),
            parse.GetValue(replicasOpt),
            new RunOverrides(parse.GetValue(outOpt), parse.GetValue(deviceOpt), parse.GetValue(seedOpt), parse.GetValue(stepsOpt), parse.GetValue(overwriteOpt))));
        return command;
    }

    private static int Execute(FileInfo? deckFile, string? resumeDir, int? replicas, RunOverrides overrides)
    {
        // Everything checkable is checked here, before the log or any work starts: on the effective
        // deck (command-line overrides applied), including that the run folder can be written.
        Deck deck;
        RunCheckpoint? checkpoint = null;
        // A batch of replicas (--replicas, or --resume of a batch folder): its replicas' count.
        int? batch = replicas;
        string outDir;
        try
        {
            if (resumeDir is not null)
            {
                if (deckFile is not null) throw new DeckException("give either a DECK or --resume DIR, not both");
                string? fixedOption = overrides switch
                {
                    { OutputDirectory: not null } => "--out",
                    { Device: not null } => "--device",
                    { Seed: not null } => "--seed",
                    { ProductionSteps: not null } => "--steps",
                    _ => replicas is not null ? "--replicas" : null,
                };
                if (overrides.Overwrite) throw new DeckException("--overwrite: --resume continues the run in its own folder; there is nothing to clear");
                if (fixedOption is not null) throw new DeckException($"{fixedOption}: --resume continues the stored run with its own settings; {fixedOption} cannot be changed");
                if (string.IsNullOrWhiteSpace(resumeDir)) throw new DeckException("--resume: is empty; expected the folder of an interrupted run");
                try { outDir = OutputPath.PrepareFolder(resumeDir); }
                catch (UnwritablePathException e) { throw new DeckException($"--resume: {e.Message}", e); }
                if (ReplicaRunner.IsBatchFolder(outDir))
                {
                    var first = RunFiles.ReadCheckpoint(Path.Combine(outDir, ReplicaRunner.FolderName(0), RunFiles.Checkpoint));
                    deck = first.Deck;
                    batch = ReplicaRunner.CheckpointedReplicas(outDir);
                }
                else
                {
                    checkpoint = RunFiles.ReadCheckpoint(Path.Combine(outDir, RunFiles.Checkpoint));
                    deck = checkpoint.Deck;
                }
            }
            else
            {
                if (deckFile is null) throw new DeckException("a DECK (or --resume DIR) is required");
                deck = DeckReader.ReadFile(deckFile.FullName == deckFile.ToString() ? deckFile.FullName : deckFile.ToString(), overrides.DeckValues);
                NemdEngine.Backends.BackendFactory.Validate(overrides.Device);
                if (replicas is int n) ReplicaRunner.Validate(deck, n);
                outDir = NemdRunner.PrepareOutput(deck);
            }
        }
        catch (Exception e) when (e is DeckException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return ExitBadInput;
        }

        // The folder is claimed (or, to resume, opened) before anything is written to it, the log included.
        RunFolder folder;
        try
        {
            folder = resumeDir is not null ? RunFolder.Open(outDir, checkpoint?.RunId) : RunFolder.Claim(outDir, overrides.Overwrite, deck.SourcePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another run's folder, or one this user cannot write to, is bad input; a full disk is not.
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return AtomicFile.IsDiskFull(e) ? ExitRunFailed : ExitBadInput;
        }
        using (folder)
        {
            RunLog runLog;
            try { runLog = RunLog.Create(folder.PathOf(LogFile)); }
            catch (Exception logError) when (logError is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {AtomicFile.WriteFailed(folder.PathOf(LogFile), logError).Message}");
                return ExitRunFailed;
            }
            int code;
            try { code = Execute(deckFile, resumeDir is not null, checkpoint, batch, deck, overrides, folder, runLog.Logger, runLog.ConsoleLevel); }
            finally { runLog.Dispose(); }
            // The results are complete; only the log's last lines are missing (disk full at the very end).
            if (runLog.DisposeError is { } e && code == 0) Console.Error.WriteLine($"warning: {e.Message}");
            return code;
        }
    }

    private static int Execute(FileInfo? deckFile, bool resume, RunCheckpoint? checkpoint, int? batch, Deck deck, RunOverrides overrides, RunFolder folder, ILogger log, LoggingLevelSwitch consoleLevel)
    {
        string outDir = folder.Directory;
        // SIGINT (Ctrl-C) and SIGTERM: finish the current step, write a checkpoint, exit 130 / 143.
        // A second signal while stopping takes the default action (immediate exit).
        using var cancel = new CancellationTokenSource();
        var stoppedBy = PosixSignal.SIGINT;
        void OnSignal(PosixSignalContext context)
        {
            if (cancel.IsCancellationRequested) return;
            context.Cancel = true;
            stoppedBy = context.Signal;
            cancel.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        string SignalName() => stoppedBy == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        int SignalExit() => stoppedBy == PosixSignal.SIGTERM ? ExitTerminated : ExitInterrupted;

        if (checkpoint is not null)
            log.Information("Resuming {Out} (run {RunId}) from its checkpoint at step {Step}", outDir, folder.RunId, checkpoint.Simulation.Step);
        else if (resume)
            log.Information("Resuming the batch of {Replicas} replicas in {Out} from their checkpoints", batch, outDir);
        else
            log.Information("Deck {Deck}, output {Out}, run {RunId}", deckFile!.FullName, outDir, folder.RunId);
        if (folder.Adopted) log.Information("{Out} had no {Manifest} (a run from before run ids): wrote one for run {RunId}", outDir, RunFolder.Manifest, folder.RunId);
        if (folder.Cleared.Count > 0)
        {
            log.Information("--overwrite: deleted the earlier run's {Files}", string.Join(", ", folder.Cleared));
            if (folder.Kept.Count > 0)
                log.Information("Kept what is not NemdEngine's: {Files}", string.Join(", ", folder.Kept.Take(10)) + (folder.Kept.Count > 10 ? $" and {folder.Kept.Count - 10} more" : ""));
        }
        var observer = new ProgressObserver(log, consoleLevel, NemdEngine.Model.UnitSystem.FromName(deck.Units));
        try
        {
            if (batch is int replicas)
            {
                var batchOutcome = observer.Run(() => resume
                    ? ReplicaRunner.Resume(outDir, observer, log, cancel.Token)
                    : ReplicaRunner.Run(deck, replicas, folder, overrides, observer, log, cancel.Token));
                ResultPrinter.Print(batchOutcome);
                return batchOutcome.Summary.Rows.All(r => r.Result is not null) ? 0 : ExitRunFailed;
            }
            var outcome = observer.Run(() => checkpoint is not null
                ? NemdRunner.Resume(checkpoint, folder, observer, log, cancel.Token)
                : NemdRunner.Run(deck, folder, overrides, observer, log, cancel.Token));
            ResultPrinter.Print(outcome);
            log.Information("Wrote {Files} in {Out}", string.Join(", ", new[] { RunOutputs.Results, RunOutputs.Profile, RunOutputs.Plot, RunOutputs.PlotSvg, RunFiles.Samples, NemdEngine.IO.H5md.SamplesFile.FileName, RunFiles.Checkpoint, RunFolder.Manifest, LogFile }.Concat((outcome.TrajectoryFiles ?? []).Select(Path.GetFileName))), outDir);
            return 0;
        }
        catch (RunAnalysisFailedException e)
        {
            // The samples are on disk: the run is not lost, its analysis can be redone.
            log.Debug(e, "Analysis failed");
            log.Error("Analysis failed; samples kept: {Reason}", e.Message);
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitRunFailed;
        }
        catch (SimulationBlewUpException e)
        {
            log.Error("Run stopped: {Reason}", e.Message);
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitRunFailed;
        }
        catch (RunInterruptedException e)
        {
            log.Warning("Stopped by {Signal} after step {Step}; resume with: nemd run --resume {Out}", SignalName(), e.Step, outDir);
            Console.Error.WriteLine($"error: stopped by {SignalName()} after step {e.Step}; checkpoint written to {e.CheckpointPath}; continue with: nemd run --resume {outDir}");
            return SignalExit();
        }
        catch (OperationCanceledException)
        {
            log.Warning("Stopped by {Signal} before the first step; files written so far are in {Out}", SignalName(), outDir);
            Console.Error.WriteLine($"error: stopped by {SignalName()} before the first step");
            return SignalExit();
        }
        catch (Exception e) when (!observer.Started && e is DeckException or ArgumentException or CorruptFileException)
        {
            // Refused before the first step (a device that is unknown or cannot hold the run, a
            // checkpoint that does not match its deck): bad input, said in one line.
            log.Debug(e, "Run refused");
            log.Error("Run refused: {Reason}", e.Message);
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return ExitBadInput;
        }
        catch (Exception e)
        {
            // Anything after the run began (a disk that fills, results that cannot be written) is a
            // failed run, not bad input: one line here, the details in the log.
            log.Debug(e, "Run failed");
            log.Error("Run failed: {Reason}", e.Message);
            Console.Error.WriteLine($"error: run failed{(observer.Started ? "" : " before the first step")}: {NemdCli.OneLine(e.Message)}");
            return ExitRunFailed;
        }
    }
}
