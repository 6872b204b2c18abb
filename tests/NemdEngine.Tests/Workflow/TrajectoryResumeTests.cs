using NemdEngine.Input;
using NemdEngine.IO.Trajectory;
using NemdEngine.Workflow;
using PureHDF;
using Serilog;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// A run interrupted (as a signal does: cancellation, then a checkpoint) and resumed leaves
/// trajectory files that together hold every frame and every observable sample exactly once,
/// equal bit for bit to those of one uninterrupted run.
/// </summary>
public sealed class TrajectoryResumeTests : IDisposable
{
    private readonly string whole = TestTemp.Path($"nemd-trajectory-whole-{Guid.NewGuid():N}");
    private readonly string pieces = TestTemp.Path($"nemd-trajectory-pieces-{Guid.NewGuid():N}");
    private static readonly ILogger Log = new LoggerConfiguration().CreateLogger();

    public void Dispose()
    {
        foreach (var d in new[] { whole, pieces })
            if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
    }

    /// <summary>1,440 atoms; production steps 20..120; frames every 20, samples every 10, checkpoints every 30.</summary>
    private static Deck SmallDeck(string output) => TestSystems.Deck() with
    {
        Thermostat = new ThermostatSpec(0.4, 0.2, 0.5),
        Run = new RunSpec { EquilibrationSteps = 20, ProductionSteps = 100, SampleInterval = 10, InitialTemperature = 0.3 },
        Analysis = new AnalysisSpec { MarginReservoir = 0.5, MarginInterface = 0.5, Blocks = 2 },
        Output = new OutputSpec { Directory = output, CheckpointInterval = 30, Trajectory = new TrajectorySpec(20, ["position", "velocity"]) },
    };

    private sealed class StopInProduction(long stepsDone, CancellationTokenSource cancel) : IRunObserver
    {
        private string phase = "";
        public void PhaseStarted(string phase, long steps) => this.phase = phase;
        public void Progress(long done, double? heatFlux, double? deltaT) { if (phase == "production" && done >= stepsDone) cancel.Cancel(); }
        public void PhaseFinished(string phase) { }
    }

    [Fact]
    public void InterruptedAtACheckpointAndBetweenTwoThenResumedCoversEveryFrameAndSampleOnceAsOneRunDoes()
    {
        NemdRunner.Run(SmallDeck(whole), new RunOverrides(Device: "cpu"), SilentObserver.Instance, Log);
        // Files end at checkpoints 60 and 90: (20, 60] frames 40, 60 | (60, 90] 80 | (90, 120] 100, 120.
        Assert.Equal([[40, 60], [80], [100, 120]], Files(whole, "trajectory-0").Select(f => FrameSteps(f)));

        using (var c1 = new CancellationTokenSource())
            Assert.Throws<RunInterruptedException>(() => NemdRunner.Run(SmallDeck(pieces), new RunOverrides(Device: "cpu"), new StopAtCheckpoint(60, c1), Log, c1.Token));
        using (var c2 = new CancellationTokenSource())
        {
            var e = Assert.Throws<RunInterruptedException>(() => NemdRunner.Resume(pieces, new StopInProduction(85, c2), Log, c2.Token));
            Assert.Equal(105, e.Step);
        }
        NemdRunner.Resume(pieces, SilentObserver.Instance, Log);

        Assert.Equal(["trajectory-0000.h5md", "trajectory-from-105-0000.h5md", "trajectory-from-60-0000.h5md", "trajectory-from-60-0001.h5md"],
            Files(pieces, "trajectory-").Select(Path.GetFileName));
        var (a, b) = (Frames(whole), Frames(pieces));
        Assert.Equal(a.Select(f => f.Step), b.Select(f => f.Step));
        for (int k = 0; k < a.Length; k++)
        {
            Assert.Equal(a[k].Position, b[k].Position);
            Assert.Equal(a[k].Image, b[k].Image);
            Assert.Equal(a[k].Velocity, b[k].Velocity);
        }
        var (x, y) = (Samples(whole), Samples(pieces));
        Assert.Equal(x.Select(s => s.Hot), y.Select(s => s.Hot));
        Assert.Equal(x.SelectMany(s => s.Profile), y.SelectMany(s => s.Profile));
        Assert.Empty(Directory.GetFiles(pieces, "*.part*"));
    }

    private static string[] Files(string dir, string prefix) => Directory.GetFiles(dir, $"{prefix}*.h5md").Order(StringComparer.Ordinal).ToArray();

    private static long[] FrameSteps(string path)
    {
        using var file = H5File.OpenRead(path);
        return file.Dataset("/particles/trajectory/position/step").Read<long[]>();
    }

    /// <summary>Every frame of every file, by step (each step once, or the test fails): positions, images and velocities as stored.</summary>
    private static (long Step, float[] Position, int[] Image, float[] Velocity)[] Frames(string dir)
    {
        var frames = new List<(long, float[], int[], float[])>();
        foreach (var path in Files(dir, "trajectory-"))
        {
            using var file = H5File.OpenRead(path);
            var steps = file.Dataset($"{H5mdSegmentWriter.ParticlesGroup}/position/step").Read<long[]>();
            var position = file.Dataset($"{H5mdSegmentWriter.ParticlesGroup}/position/value").Read<float[]>();
            var image = file.Dataset($"{H5mdSegmentWriter.ParticlesGroup}/image/value").Read<int[]>();
            var velocity = file.Dataset($"{H5mdSegmentWriter.ParticlesGroup}/velocity/value").Read<float[]>();
            int n = position.Length / steps.Length;
            for (int k = 0; k < steps.Length; k++)
                frames.Add((steps[k], position[(k * n)..((k + 1) * n)], image[(k * n)..((k + 1) * n)], velocity[(k * n)..((k + 1) * n)]));
        }
        var sorted = frames.OrderBy(f => f.Item1).ToArray();
        Assert.Equal(sorted.Select(f => f.Item1).Distinct(), sorted.Select(f => f.Item1));
        return sorted;
    }

    private static (long Step, double[] Profile, double Hot)[] Samples(string dir)
    {
        var samples = new List<(long, double[], double)>();
        foreach (var path in Files(dir, "trajectory-"))
        {
            using var file = H5File.OpenRead(path);
            var steps = file.Dataset("/observables/temperature_profile/step").Read<long[]>();
            var profile = file.Dataset("/observables/temperature_profile/value").Read<double[]>();
            var hot = file.Dataset("/observables/hot_bath_energy/value").Read<double[]>();
            int bins = profile.Length / steps.Length;
            for (int k = 0; k < steps.Length; k++) samples.Add((steps[k], profile[(k * bins)..((k + 1) * bins)], hot[k]));
        }
        var sorted = samples.OrderBy(s => s.Item1).ToArray();
        Assert.Equal(Enumerable.Range(1, 10).Select(k => 20L + 10 * k), sorted.Select(s => s.Item1));
        return sorted;
    }
}
