using System.Diagnostics;
using NemdEngine.Model;
using NemdEngine.Workflow;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Spectre.Console;

namespace NemdEngine.Cli;

/// <summary>
/// Progress of a run: a live Spectre.Console bar with ETA and the running J when the console is
/// interactive, otherwise a log line every 10 % (CI logs stay readable).
/// </summary>
public sealed class ProgressObserver(ILogger log, LoggingLevelSwitch consoleLevel, UnitSystem units) : IRunObserver
{
    private ProgressContext? context;
    private ProgressTask? task;
    private string phase = "";
    private long total;
    private int lastDecile;
    private readonly Stopwatch clock = new();

    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> with a live progress display when the console allows it.</summary>
    public T Run<T>(Func<T> work)
    {
        if (!Interactive) return work();
        // Log lines would tear the live bar: keep the console to warnings while it is shown.
        consoleLevel.MinimumLevel = LogEventLevel.Warning;
        try
        {
            return AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx => { context = ctx; return work(); });
        }
        finally
        {
            consoleLevel.MinimumLevel = LogEventLevel.Information;
        }
    }

    /// <summary>True once the first phase began: from then on a failure is a failed run, not bad input.</summary>
    public bool Started { get; private set; }

    public void PhaseStarted(string name, long steps)
    {
        Started = true;
        phase = name;
        total = Math.Max(1, steps);
        lastDecile = 0;
        clock.Restart();
        task = context?.AddTask(name, maxValue: total);
        log.Information("{Phase}: {Steps} steps", name, steps);
    }

    public void Progress(long stepsDone, double? heatFlux, double? deltaT)
    {
        string flux = (heatFlux is double j ? $"J = {j:G4} {units.HeatFlux}" : "")
            + (deltaT is double d ? $", ΔT = {d:G4} {units.Temperature}" : "");
        if (task is not null)
        {
            task.Value = stepsDone;
            task.Description = $"{phase} {flux}";
            return;
        }
        int decile = (int)(10 * stepsDone / total);
        if (decile <= lastDecile) return;
        lastDecile = decile;
        double rate = stepsDone / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        log.Information("{Phase} {Percent}% ({Done}/{Total} steps, {Rate:F0} steps/s, ETA {Eta:F0} s) {Flux}",
            phase, decile * 10, stepsDone, total, rate, (total - stepsDone) / rate, flux);
    }

    public void PhaseFinished(string name)
    {
        if (task is not null) task.Value = total;
        log.Information("{Phase} done in {Seconds:F1} s", name, clock.Elapsed.TotalSeconds);
    }
}
