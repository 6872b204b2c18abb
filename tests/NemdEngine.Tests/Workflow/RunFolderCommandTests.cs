using System.Text.Json.Nodes;
using NemdEngine.Cli;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Workflow;
using Serilog;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// Runs never mixed, never lost, through the real `nemd` parser: a folder holds one run (a second
/// run is refused, --overwrite clears it), `nemd analyze` reads only the folder's own run, a failed
/// analysis keeps the samples (exit 3) for `nemd analyze` to redo, and a full disk gives exit 3 in
/// one line with the previous checkpoint whole and no temporaries.
/// </summary>
[Collection("Console")]
public class RunFolderCommandTests
{
    private static (int Code, string Output, string Error) Nemd(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (savedOut, savedError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var root = new System.CommandLine.RootCommand { RunCommand.Create(), AnalyzeCommand.Create() };
            return (root.Parse(args).Invoke(), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }

    /// <summary>The one `error: ` line of stderr (Serilog's console lines aside), and no stack trace.</summary>
    private static string ErrorLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal));
        return Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
    }

    private static string TempDir(string tag) => TestTemp.Path($"nemd-{tag}-{Guid.NewGuid():N}");

    /// <summary>The shipped deck at 2,304 atoms, 20 + 100 steps, a checkpoint every 10 steps, a trajectory frame every 50.</summary>
    private static string SmallDeck(params (string Old, string New)[] more) => ShippedDeck.WriteEdited(
        new[]
        {
            ("cells_A = 16", "cells_A = 8"), ("cells_B = 16", "cells_B = 8"),
            ("equilibration_steps = 20000", "equilibration_steps = 20"), ("production_steps = 160000", "production_steps = 100"),
            ("margin_reservoir = 2.0", "margin_reservoir = 1.0"), ("margin_interface = 2.0", "margin_interface = 1.0"),
            ("# blocks = 20 ", "blocks = 2 #"), ("checkpoint_interval = 18000", "checkpoint_interval = 10"), ("interval = 8000", "interval = 50"),
        }.Concat(more).ToArray());

    private static string RunId(string dir) => RunFolder.ReadRunId(dir) ?? throw new InvalidOperationException($"{dir} has no run.json");

    [Fact]
    public void ASecondRunIntoAFolderHoldingARunIsRefusedAndOverwriteClearsOnlyThatRun()
    {
        string dir = TempDir("twice");
        var (code, _, error) = Nemd("run", SmallDeck(), "--out", dir, "--device", "cpu");
        Assert.True(code == 0, error);
        string first = RunId(dir);
        Assert.True(File.Exists(Path.Combine(dir, "trajectory-0000.h5md")));
        byte[] results = File.ReadAllBytes(Path.Combine(dir, RunOutputs.Results));
        Assert.Equal(first, JsonNode.Parse(results)!["run_id"]!.GetValue<string>());
        File.WriteAllText(Path.Combine(dir, "my-notes.txt"), "mine");
        string oldSamples = TestTemp.Path($"nemd-old-samples-{Guid.NewGuid():N}.bin");
        File.Copy(Path.Combine(dir, RunFiles.Samples), oldSamples);

        // The same folder again: refused in one line naming the folder and --overwrite; nothing touched.
        (code, _, error) = Nemd("run", SmallDeck(), "--out", dir, "--device", "cpu");
        Assert.Equal(RunCommand.ExitBadInput, code);
        string line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith($"error: {dir} holds another run ({first}: ", line);
        Assert.Contains("--overwrite clears it", line);
        Assert.Equal(results, File.ReadAllBytes(Path.Combine(dir, RunOutputs.Results)));
        Assert.Equal(first, RunId(dir));

        // --overwrite with a deck that blows up at once: the earlier run's files are gone, not mixed in.
        (code, _, error) = Nemd("run", SmallDeck(("timestep = 0.005", "timestep = 0.5")), "--out", dir, "--device", "cpu", "--overwrite");
        Assert.Equal(RunCommand.ExitRunFailed, code);
        Assert.Contains("blew up", ErrorLine(error));
        string second = RunId(dir);
        Assert.NotEqual(first, second);
        Assert.Equal(["my-notes.txt", RunFolder.Log, RunFolder.Manifest], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("--overwrite: deleted the earlier run's", File.ReadAllText(Path.Combine(dir, RunFolder.Log)));

        // `nemd analyze` does not fall back on anything: the folder's run stored no samples.
        (code, _, error) = Nemd("analyze", dir);
        Assert.Equal(RunCommand.ExitBadInput, code);
        line = Assert.Single(error.Trim().Split('\n'));
        Assert.Contains($"run {second} stored no samples", line);

        // Samples of the earlier run put back by hand are refused: they carry the other run's id.
        File.Copy(oldSamples, Path.Combine(dir, RunFiles.Samples));
        (code, _, error) = Nemd("analyze", dir);
        Assert.Equal(RunCommand.ExitBadInput, code);
        Assert.Contains($"{Path.Combine(dir, RunFiles.Samples)} is from run {first}, not from run {second}", error);
    }

    /// <summary>1,440 atoms, 20 + 100 steps, a checkpoint every 10; fit margins given (length).</summary>
    private static Deck CodeDeck(string dir, double marginReservoir, double marginInterface) => TestSystems.Deck() with
    {
        Thermostat = new ThermostatSpec(0.4, 0.2, 0.5),
        Run = new RunSpec { EquilibrationSteps = 20, ProductionSteps = 100, SampleInterval = 10, InitialTemperature = 0.3 },
        Analysis = new AnalysisSpec { MarginReservoir = marginReservoir, MarginInterface = marginInterface, Blocks = 2 },
        Output = new OutputSpec { Directory = dir, CheckpointInterval = 10 },
    };

    /// <summary>Starts a run of <paramref name="deck"/> in this process and stops it after step 60 as a signal would; `nemd run --resume` finishes it.</summary>
    private static void RunUntilStep60(Deck deck)
    {
        using var cancel = new CancellationTokenSource();
        Assert.Throws<RunInterruptedException>(() => NemdRunner.Run(deck, new RunOverrides(Device: "cpu"), new StopAtCheckpoint(60, cancel), new LoggerConfiguration().CreateLogger(), cancel.Token));
    }

    /// <summary>
    /// A deck built in code is not validated, and its stored deck is what --resume runs: an
    /// interface margin of 2.5 leaves two bins in side A's fit window (3 are needed), so the run
    /// goes through but its analysis throws.
    /// </summary>
    [Fact]
    public void AFailedAnalysisKeepsTheSamplesExitsThreeAndNemdAnalyzeRedoesIt()
    {
        string dir = TempDir("analysis-fails");
        RunUntilStep60(CodeDeck(dir, 0.5, 0.5));
        string id = RunId(dir);
        // A folder where results.json should go: the run finishes, its results cannot be written.
        Directory.CreateDirectory(Path.Combine(dir, RunOutputs.Results));

        var (code, _, error) = Nemd("run", "--resume", dir);
        Assert.Equal(RunCommand.ExitRunFailed, code);
        string line = ErrorLine(error);
        Assert.Contains("the run finished but its analysis could not be completed: ", line);
        Assert.Contains(RunOutputs.Results, line);
        Assert.Contains($"samples.bin) and final checkpoint.bin are kept in {dir}", line);
        Assert.Contains($"nemd analyze {dir}", line);
        Assert.False(File.Exists(Path.Combine(dir, RunOutputs.Results)));
        var samples = RunFiles.ReadSamples(Path.Combine(dir, RunFiles.Samples));
        Assert.Equal(id, samples.Info.RunId);
        Assert.Equal(10, samples.Samples.Times.Length);
        var final = RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint));
        Assert.Equal((120L, id), (final.Simulation.Step, final.RunId));
        string log = File.ReadAllText(Path.Combine(dir, RunFolder.Log));
        Assert.Contains("IOException", log); // the details, at Debug, in the log only

        (code, var output, error) = Nemd("analyze", dir, "--margins", "0.5,0.5");
        Assert.True(code == 0, error);
        string redone = Path.Combine(dir, "analysis-mr0.5-mi0.5-b2");
        Assert.Contains(redone, output);
        Assert.Equal(id, JsonNode.Parse(File.ReadAllText(Path.Combine(redone, RunOutputs.Results)))!["run_id"]!.GetValue<string>());
    }

    /// <summary>
    /// The log on a full device (nemd.log a link to /dev/full, root-free): Serilog's file sink
    /// fails on every event and again when it is disposed; the run must finish anyway, exit 0, and
    /// say in one line that its log is incomplete. It used to die in the sink's Dispose (exit 1, a stack trace).
    /// </summary>
    [SkippableFact]
    public void ALogOnAFullDiskDoesNotCrashTheRun()
    {
        Skip.IfNot(File.Exists("/dev/full"), "no /dev/full on this system");
        string dir = TempDir("log-full");
        RunUntilStep60(CodeDeck(dir, 0.5, 0.5));
        string log = Path.Combine(dir, RunFolder.Log);
        File.CreateSymbolicLink(log, "/dev/full");

        var (code, output, error) = Nemd("run", "--resume", dir);
        Assert.True(code == 0, error);
        Assert.Contains("R_K", output);
        Assert.True(File.Exists(Path.Combine(dir, RunOutputs.Results)));
        var lines = error.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal($"warning: cannot write {log}: no space left on device", Assert.Single(lines, l => l.StartsWith("warning: ", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A real full disk: the built nemd in a private mount namespace on a tmpfs with room for one
    /// checkpoint and a half, so the checkpoint at step 10 fits and the one at step 20 does not.
    /// Needs mount rights (root, or unprivileged user namespaces); required under NEMD_REQUIRE_PEERS=1 (CI, root).
    /// </summary>
    [SkippableFact]
    public void DiskFullAtACheckpointExitsThreeInOneLineKeepsThePreviousCheckpointAndLeavesNoTemporary()
    {
        string unshare = Peers.RequireExecutable("unshare", "apt-get install util-linux");
        string[] ns = Environment.IsPrivilegedProcess ? ["--mount"] : ["--mount", "--map-root-user"];
        string probe = TempDir("mount-probe");
        Directory.CreateDirectory(probe);
        var (probed, _, probeError) = Peers.Run(unshare, [.. ns, "sh", "-c", $"mount -t tmpfs -o size=64k tmpfs '{probe}'"], TimeSpan.FromMinutes(1));
        Peers.Require(probed == 0, $"cannot mount a tmpfs in a private mount namespace (needs root or unprivileged user namespaces): {probeError.Trim()}");

        string deck = SmallDeck();
        // How large this deck's checkpoints get (the final one, with every sample, is the largest).
        string reference = TempDir("disk-reference");
        NemdRunner.Run(DeckReader.ReadFile(deck), new RunOverrides(OutputDirectory: reference, Device: "cpu", ProductionSteps: 40), SilentObserver.Instance, new LoggerConfiguration().CreateLogger());
        long checkpointBytes = new FileInfo(Path.Combine(reference, RunFiles.Checkpoint)).Length;

        string mount = TempDir("tmpfs"), keep = TempDir("kept");
        Directory.CreateDirectory(mount);
        Directory.CreateDirectory(keep);
        string run = Path.Combine(mount, "run");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        string script = string.Join('\n',
            $"mount -t tmpfs -o size={checkpointBytes * 3 / 2 / 1024}k tmpfs '{mount}' || exit 90",
            $"'{dotnet}' '{Path.Combine(AppContext.BaseDirectory, "nemd.dll")}' run '{deck}' --out '{run}' --device cpu >'{keep}/stdout' 2>'{keep}/stderr'",
            $"echo $? >'{keep}/rc'",
            $"ls -A '{run}' >'{keep}/ls'",
            $"cp '{run}/checkpoint.bin' '{run}/nemd.log' '{run}/run.json' '{keep}/'");
        var (shell, shellOut, shellError) = Peers.Run(unshare, [.. ns, "sh", "-c", script], TimeSpan.FromMinutes(3));
        Assert.True(shell == 0, $"exit {shell}: {shellOut}{shellError}");

        string stderr = File.ReadAllText(Path.Combine(keep, "stderr"));
        Assert.True(File.ReadAllText(Path.Combine(keep, "rc")).Trim() == "3", stderr);
        string line = ErrorLine(stderr);
        Assert.StartsWith($"error: run failed: cannot write {run}/checkpoint.bin: no space left on device; the previous checkpoint (step 10) is intact", line);
        Assert.Contains($"nemd run --resume {run}", line);
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(keep, "ls")), name => name.EndsWith(".tmp", StringComparison.Ordinal));
        var kept = RunFiles.ReadCheckpoint(Path.Combine(keep, RunFiles.Checkpoint));
        Assert.Equal(10, kept.Simulation.Step);
        Assert.Equal(RunFolder.ReadRunId(keep), kept.RunId);
        Assert.Contains("no space left on device", File.ReadAllText(Path.Combine(keep, RunFolder.Log)));
    }
}
