using NemdEngine.IO;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace NemdEngine.Cli;

/// <summary>
/// The Serilog logger of a run: the console (stderr; Information and up, or warnings only while the
/// live progress bar is shown) and nemd.log in the run folder (everything from Debug). A full disk
/// must not crash the process: Serilog already turns a sink's failure to write an event into a
/// SelfLog message, but Serilog.Sinks.File's Dispose flushes its buffer again and throws;
/// <see cref="Dispose"/> catches that and keeps it in <see cref="DisposeError"/>.
/// </summary>
public sealed class RunLog : IDisposable
{
    private bool disposed;

    private readonly string logFile;

    private RunLog(Logger logger, LoggingLevelSwitch consoleLevel, string logFile) => (Logger, ConsoleLevel, this.logFile) = (logger, consoleLevel, logFile);

    public Logger Logger { get; }
    public LoggingLevelSwitch ConsoleLevel { get; }

    /// <summary>Why the log file could not be finished (written to the end and closed), if so.</summary>
    public Exception? DisposeError { get; private set; }

    /// <param name="logFile">nemd.log of the run folder; appended to (a resumed run continues it).</param>
    public static RunLog Create(string logFile)
    {
        var consoleLevel = new LoggingLevelSwitch(LogEventLevel.Information);
        var logger = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Console(levelSwitch: consoleLevel, standardErrorFromLevel: LogEventLevel.Verbose)
            .WriteTo.File(logFile, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        return new RunLog(logger, consoleLevel, logFile);
    }

    /// <summary>Flushes and closes the sinks; never throws for a failed write (see <see cref="DisposeError"/>).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        try { Logger.Dispose(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            DisposeError = AtomicFile.WriteFailed(logFile, e);
        }
    }
}
