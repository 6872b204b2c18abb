using System.Text.Json;
using NemdEngine.IO;
using NemdEngine.IO.H5md;
using NemdEngine.Workflow;
using PureHDF;
using Serilog;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// SIGKILL runs no cleanup: the trajectory file being written is lost. Files end at checkpoints
/// and are closed before the checkpoint is written, so after a kill every .h5md present opens in
/// h5py and the frames up to the last checkpoint are all there; the resumed run writes the rest.
/// </summary>
public sealed class TrajectoryKillTests : IDisposable
{
    private const long Equilibration = 40, Production = 600, Interval = 20;
    private readonly string dir = TestTemp.Path($"nemd-kill-{Guid.NewGuid():N}");
    private readonly string deck = ShippedDeck.WriteEdited(("cells_A = 16", "cells_A = 5"), ("cells_B = 16", "cells_B = 5"), ("reservoir_cells = 3", "reservoir_cells = 1"),
        ("equilibration_steps = 20000", $"equilibration_steps = {Equilibration}"), ("production_steps = 160000", $"production_steps = {Production}"),
        ("margin_reservoir = 2.0", "margin_reservoir = 0.5"), ("margin_interface = 2.0", "margin_interface = 0.5"), ("# blocks = 20 ", "blocks = 2 #"),
        ("checkpoint_interval = 18000", $"checkpoint_interval = {Interval}"), ("interval = 8000 ", $"interval = {Interval} "));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        File.Delete(deck);
    }

    [SkippableFact]
    public void AfterSigkillEveryH5mdFileOpensAndHoldsTheFramesUpToTheLastCheckpoint()
    {
        Peers.RequirePythonModule("h5py", "apt-get install python3-h5py");
        using (var run = NemdChild.Start("run", deck, "--out", dir, "--device", "cpu"))
        {
            run.WaitForCheckpointAfter(dir, Equilibration + 3 * Interval);
            run.Process.Kill(); // SIGKILL
            run.WaitForExit();
        }
        long checkpoint = RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Simulation.Step;
        Assert.True(checkpoint < Equilibration + Production, $"the run finished (checkpoint at step {checkpoint}) before it was killed");
        Assert.True(Directory.GetFiles(dir, "*.part").Length <= 1, string.Join(", ", Directory.GetFiles(dir)));

        var files = Directory.GetFiles(dir, "*.h5md").Order().ToArray();
        string script = """
            import sys, json, h5py
            out = {}
            for path in sys.argv[1:]:
                with h5py.File(path, "r") as f:
                    group = f["particles/trajectory/position"] if "particles" in f else f["observables/temperature_profile"]
                    out[path.split("/")[-1]] = [int(s) for s in group["step"][()]]
            print(json.dumps(out))
            """;
        var (code, output, err) = Peers.Run(Peers.Python, ["-c", script, .. files], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, err);
        var steps = JsonSerializer.Deserialize<Dictionary<string, long[]>>(output)!;

        var frames = steps.Where(kv => kv.Key.StartsWith("trajectory-", StringComparison.Ordinal)).SelectMany(kv => kv.Value).ToArray();
        Assert.Equal(frames.Distinct().Order(), frames);
        long[] expected = Every(Equilibration, checkpoint);
        Assert.Equal(expected, frames.Take(expected.Length));
        // Past the checkpoint at most the file closed just before a checkpoint the kill interrupted.
        Assert.True(frames.Length <= expected.Length + 1, $"frames {string.Join(' ', frames)}, checkpoint {checkpoint}");
        // samples.h5md is written after checkpoint.bin: it holds the samples up to this checkpoint or the previous one.
        Assert.Contains(steps[SamplesFile.FileName][^1], new[] { checkpoint, checkpoint - Interval });

        // The resumed run writes the frames after the checkpoint: together they hold every frame, a frame
        // found twice (a kill between closing a file and writing the checkpoint) holding the same positions.
        NemdRunner.Resume(dir, SilentObserver.Instance, new LoggerConfiguration().CreateLogger());
        var all = Directory.GetFiles(dir, "trajectory-*.h5md").SelectMany(ReadPositions).GroupBy(f => f.Step).OrderBy(g => g.Key).ToArray();
        Assert.Equal(Every(Equilibration, Equilibration + Production), all.Select(g => g.Key));
        foreach (var g in all.Where(g => g.Count() > 1))
            Assert.All(g, f => Assert.Equal(g.First().Positions, f.Positions));
    }

    /// <summary>Frame steps after production begins at <paramref name="start"/>, up to <paramref name="last"/>.</summary>
    private static long[] Every(long start, long last) =>
        Enumerable.Range(1, (int)((last - start) / Interval)).Select(k => start + k * Interval).ToArray();

    private static IEnumerable<(long Step, float[] Positions)> ReadPositions(string path)
    {
        using var file = H5File.OpenRead(path);
        var steps = file.Dataset("/particles/trajectory/position/step").Read<long[]>();
        var values = file.Dataset("/particles/trajectory/position/value").Read<float[]>();
        int size = values.Length / steps.Length;
        return steps.Select((s, k) => (s, values.AsSpan(k * size, size).ToArray())).ToArray();
    }
}
