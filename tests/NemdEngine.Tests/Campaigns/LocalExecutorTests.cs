using System.Diagnostics;
using System.Text.Json.Nodes;
using NemdEngine.Campaigns;
using NemdEngine.Campaigns.Execution;
using NemdEngine.IO;

namespace NemdEngine.Tests.Campaigns;

/// <summary>
/// The local executor: a sweep run to the end by child `nemd run` processes, every run done with
/// its results; a second `nemd sweep` reruns and rewrites nothing; a run stopped by SIGTERM mid-way
/// is shown as failed and resumable, and `nemd sweep resume` finishes it with exactly the results
/// of an uninterrupted run of the same deck.
/// </summary>
[Collection("Console")]
public class LocalExecutorTests
{
    [Fact]
    public void ASweepRunsToTheEndAndASecondCallRerunsNothing()
    {
        var f = new SweepFixtures();
        string sweep = f.Sweep("[[axis]]\nkey = \"species.heavy.mass\"\nvalues = [2.0, 3.0]\n");
        var (code, stdout, err) = SweepFixtures.Nemd("sweep", sweep, "--out", f.Out(), "--jobs", "2", "--device", "cpu");
        Assert.True(code == 0, stdout + err);
        Assert.Contains("all 2 runs done", stdout);
        var folder = SweepFolder.Open(f.Out());
        var statuses = RunStatusReader.ReadAll(folder);
        Assert.All(statuses, s => Assert.Equal(RunState.Done, s.State));
        Assert.All(statuses, s => Assert.Matches(@"^R_K = \S+ ± \S+ σ²τ/k_B|^R_K = ", s.Reason));
        foreach (var run in folder.Runs)
        {
            var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.PathOf(run), RunOutputs.Results)))!;
            Assert.Equal(run.Seed, results["seed"]!.GetValue<long>());
            Assert.Equal(0, TaskRecord.Read(folder.PathOf(run))!.ExitCode);
        }
        var before = folder.Runs.Select(r => File.GetLastWriteTimeUtc(Path.Combine(folder.PathOf(r), RunOutputs.Results))).ToList();

        (code, stdout, err) = SweepFixtures.Nemd("sweep", sweep, "--out", f.Out(), "--jobs", "2");
        Assert.True(code == 0, stdout + err);
        Assert.Contains("2 done, 0 running, 0 failed for good, 0 to run", stdout);
        Assert.Equal(before, folder.Runs.Select(r => File.GetLastWriteTimeUtc(Path.Combine(folder.PathOf(r), RunOutputs.Results))));

        (code, stdout, _) = SweepFixtures.Nemd("sweep", "status", f.Out());
        Assert.Equal(0, code);
        Assert.Contains("0 pending, 0 running, 2 done, 0 failed", stdout);
    }

    [Fact]
    public void ARunStoppedBySigtermIsResumableAndResumeEndsItAsAnUninterruptedRun()
    {
        var f = new SweepFixtures(productionSteps: 1000, checkpointInterval: 200);
        string sweep = f.Sweep("[[axis]]\nkey = \"species.heavy.mass\"\nvalues = [2.5]\n");
        Assert.Equal(0, SweepFixtures.Nemd("sweep", sweep, "--out", f.Out(), "--executor", "none").Code);
        var folder = SweepFolder.Open(f.Out());
        var run = folder.Runs.Single();
        string dir = folder.PathOf(run);

        var executor = new LocalExecutor(NemdCommand.Current(), 1, "cpu");
        IReadOnlyList<RunOutcome>? outcomes = null;
        var running = new Thread(() => outcomes = executor.Run(folder, [(run, RunAction.Start)]));
        running.Start();
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(dir, RunFiles.Checkpoint)) && clock.Elapsed < TimeSpan.FromSeconds(60) && running.IsAlive) Thread.Sleep(10);
        Assert.Equal(RunState.Running, RunStatusReader.Read(folder, run).State);
        executor.Stop();
        Assert.True(running.Join(TimeSpan.FromSeconds(90)));
        var outcome = Assert.Single(outcomes!);
        Assert.Equal(143, outcome.ExitCode);
        Assert.Contains("stopped by SIGTERM after step", outcome.Error);

        var stopped = RunStatusReader.Read(folder, run);
        Assert.Equal(RunState.Failed, stopped.State);
        Assert.True(stopped.Resumable);
        Assert.Equal(RunAction.Resume, stopped.Retry);
        Assert.Contains("stopped by SIGTERM", stopped.Reason);
        Assert.Contains("resumable from its checkpoint", stopped.Reason);
        Assert.False(File.Exists(Path.Combine(dir, RunOutputs.Results)));

        var (code, stdout, err) = SweepFixtures.Nemd("sweep", "resume", f.Out());
        Assert.True(code == 0, stdout + err);
        Assert.Contains("resuming (run --resume .)", stdout);
        Assert.Equal(RunState.Done, RunStatusReader.Read(folder, run).State);

        // The same sweep in another folder, uninterrupted.
        Assert.Equal(0, SweepFixtures.Nemd("sweep", sweep, "--out", f.Out("whole"), "--device", "cpu").Code);
        Assert.Equal(Comparable(Path.Combine(f.Out("whole"), run.Folder)), Comparable(dir));
    }

    /// <summary>results.json without what differs between two runs of one deck in two folders (wall clock, run id, paths).</summary>
    public static string Comparable(string runDirectory)
    {
        var json = JsonNode.Parse(Workflow.ResultsJson.WithoutWallClock(runDirectory))!.AsObject();
        (json["provenance"] as JsonObject)?.Remove("deck_path");
        return json.ToJsonString();
    }
}
