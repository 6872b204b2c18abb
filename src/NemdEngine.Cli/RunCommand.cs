using System.CommandLine;
using NemdEngine.Input;
using NemdEngine.Simulation;
using NemdEngine.Workflow;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace NemdEngine.Cli;

/// <summary>`nemd run DECK`: a full NEMD job, printing R_K with its standard error.</summary>
public static class RunCommand
{
    public const int ExitBadInput = 2;
    public const int ExitRunFailed = 3;
    public const int ExitInterrupted = 130;

    public static Command Create()
    {
        var deckArg = new Argument<FileInfo>("DECK") { Description = "Input deck (TOML), e.g. inputs/lj-mass-mismatch.toml" };
        var outOpt = new Option<string?>("--out") { Description = "Run folder (overrides [output] directory)" };
        var deviceOpt = new Option<string?>("--device") { Description = "auto | cpu | ilgpu-cpu (default: $NEMD_DEVICE, else auto)" };
        var seedOpt = new Option<ulong?>("--seed") { Description = "Random seed (overrides the deck's seed)" };
        var stepsOpt = new Option<long?>("--steps") { Description = "Production steps (overrides [run] production_steps, for a quick look)" };
        var command = new Command("run", "Run a NEMD simulation of a deck and compute the Kapitza resistance")
        {
            deckArg, outOpt, deviceOpt, seedOpt, stepsOpt,
        };
        command.SetAction(parse => Execute(
            parse.GetValue(deckArg)!,
            new RunOverrides(parse.GetValue(outOpt), parse.GetValue(deviceOpt), parse.GetValue(seedOpt), parse.GetValue(stepsOpt))));
        return command;
    }

    private static int Execute(FileInfo deckFile, RunOverrides overrides)
    {
        Deck deck;
        try
        {
            deck = DeckReader.ReadFile(deckFile.FullName == deckFile.ToString() ? deckFile.FullName : deckFile.ToString());
            if (overrides.ProductionSteps is long s && s <= 0)
                throw new DeckException($"--steps: must be a positive number of production steps, got {s}");
        }
        catch (Exception e) when (e is DeckException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitBadInput;
        }

        string outDir = Path.GetFullPath(overrides.OutputDirectory ?? deck.Output.Directory);
        Directory.CreateDirectory(outDir);
        var consoleLevel = new LoggingLevelSwitch(LogEventLevel.Information);
        using var log = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Console(levelSwitch: consoleLevel, standardErrorFromLevel: LogEventLevel.Verbose)
            .WriteTo.File(Path.Combine(outDir, "nemd.log"), outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        log.Information("Deck {Deck}, output {Out}", deckFile.FullName, outDir);
        try
        {
            var observer = new ProgressObserver(log, consoleLevel, NemdEngine.Model.UnitSystem.FromName(deck.Units));
            var outcome = observer.Run(() => NemdRunner.Run(deck, overrides with { OutputDirectory = outDir }, observer, log, cancel.Token));
            ResultPrinter.Print(outcome);
            log.Information("Wrote {Files} in {Out}", string.Join(", ", new[] { "results.json", "profile.csv", "profile.png", "nemd.log" }.Concat((outcome.TrajectoryFiles ?? []).Select(Path.GetFileName))), outDir);
            return 0;
        }
        catch (SimulationBlewUpException e)
        {
            log.Error("Run stopped: {Reason}", e.Message);
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitRunFailed;
        }
        catch (OperationCanceledException)
        {
            log.Warning("Interrupted by the user (Ctrl-C); files written so far are in {Out}", outDir);
            Console.Error.WriteLine("error: interrupted");
            return ExitInterrupted;
        }
        catch (Exception e) when (e is ArgumentException or DeckException or IOException)
        {
            log.Error(e, "Run failed");
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitRunFailed;
        }
    }
}
