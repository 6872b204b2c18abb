using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NemdEngine.Campaigns;
using NemdEngine.Campaigns.Execution;
using NemdEngine.Input;
using NemdEngine.IO;

namespace NemdEngine.Tests.Campaigns;

/// <summary>
/// The Slurm executor: sbatch missing or refusing is bad input passing its message on; the task
/// script runs a run folder and records how nemd ended; and on a real (single-node) Slurm cluster a
/// sweep runs as one job array, a task cancelled mid-run (scancel: SIGTERM) checkpoints and is
/// recorded as stopped, `nemd sweep resume` resubmits it with --resume, and the resumed point's
/// results equal those of an uninterrupted run of the same deck.
/// </summary>
[Collection("Console")]
public partial class SlurmExecutorTests
{
    [Fact]
    public void SbatchMissingOrRefusingIsBadInputPassingItsMessageOn()
    {
        var f = new SweepFixtures();
        Assert.Equal(0, SweepFixtures.Nemd("sweep", f.Sweep("replicas = 1\n"), "--out", f.Out(), "--executor", "none").Code);
        var sweep = SweepFolder.Open(f.Out());
        var missing = Assert.Throws<DeckException>(() => new SlurmExecutor(NemdCommand.Current(), new SlurmOptions(), "/nonexistent/sbatch").Submit(sweep, sweep.Runs.ToList(), null));
        Assert.StartsWith("--executor slurm: cannot run /nonexistent/sbatch:", missing.Message);

        string refusing = Path.Combine(f.Folder, "sbatch");
        File.WriteAllText(refusing, "#!/bin/sh\necho 'sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(refusing, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var refused = Assert.Throws<DeckException>(() => new SlurmExecutor(NemdCommand.Current(), new SlurmOptions(Account: "nobody"), refusing).Submit(sweep, sweep.Runs.ToList(), null));
        Assert.Equal("--executor slurm: sbatch refused the job array (exit 1): sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified", refused.Message);
    }

    [Fact]
    public void StatusMatchesSqueueTasksToTheirRunFolders()
    {
        var queue = SlurmQueue.Parse([("41", ["/s/p0000-r0", "/s/p0001-r0"]), ("57", ["/s/p0001-r0"])],
            "41_0 RUNNING\n57_0 PENDING\n41_7 PENDING\n99_0 PENDING\nnonsense\n");
        Assert.Equal(2, queue.Count);
        Assert.Equal("41_0 RUNNING", queue["/s/p0000-r0"]);
        Assert.Equal("57_0 PENDING", queue["/s/p0001-r0"]);   // the later job's task for the folder
    }

    [Fact]
    public void TheTaskScriptRunsItsFolderAndRecordsHowNemdEnded()
    {
        var f = new SweepFixtures();
        Assert.Equal(0, SweepFixtures.Nemd("sweep", f.Sweep("replicas = 1\n"), "--out", f.Out(), "--executor", "none").Code);
        var sweep = SweepFolder.Open(f.Out());
        var run = sweep.Runs.Single();
        string script = Path.Combine(f.Folder, "task.sh"), list = Path.Combine(f.Folder, "tasks.txt");
        File.WriteAllText(script, new SlurmExecutor(NemdCommand.Current(), new SlurmOptions()).TaskScript("cpu"));
        File.WriteAllText(list, sweep.PathOf(run) + "\n");
        var start = new ProcessStartInfo("/bin/bash") { ArgumentList = { script, list }, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SLURM_ARRAY_TASK_ID"] = "0";
        start.Environment["SLURM_ARRAY_JOB_ID"] = "77";
        using var process = Process.Start(start)!;
        string err = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)));
        Assert.True(process.ExitCode == 0, err);
        var record = TaskRecord.Read(sweep.PathOf(run))!;
        Assert.Equal((0, null, "slurm", "77_0"), (record.ExitCode, record.Error, record.Executor, record.Job));
        Assert.Equal(RunState.Done, RunStatusReader.Read(sweep, run).State);
        Assert.StartsWith("cpu:", JsonNode.Parse(File.ReadAllText(Path.Combine(sweep.PathOf(run), RunOutputs.Results)))!["device"]!.GetValue<string>());

        // Run again (a resubmitted task whose run finished meanwhile): nothing is rerun or rewritten.
        string results = Path.Combine(sweep.PathOf(run), RunOutputs.Results);
        var before = (File.ReadAllText(results), File.GetLastWriteTimeUtc(results), File.ReadAllText(Path.Combine(sweep.PathOf(run), TaskRecord.FileName)));
        using var again = Process.Start(start)!;
        string againOut = again.StandardOutput.ReadToEnd();
        Assert.True(again.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already done", againOut);
        Assert.Equal(before, (File.ReadAllText(results), File.GetLastWriteTimeUtc(results), File.ReadAllText(Path.Combine(sweep.PathOf(run), TaskRecord.FileName))));
    }

    [GeneratedRegex(@"submitted job array (\d+) ")]
    private static partial Regex Submitted();

    [SkippableFact]
    public void ASweepRunsAsAJobArrayAndACancelledTaskResumesToTheUninterruptedResult()
    {
        SlurmCluster.Require();
        var f = new SweepFixtures(checkpointInterval: 200);
        // p0000 short, p0001 long enough to be cancelled after its first checkpoint: with 1,000 steps it
        // could finish (about a second after that checkpoint) before scancel reached it; 20,000 leave
        // tens of seconds.
        string sweepFile = f.Sweep("[[axis]]\nkey = \"run.production_steps\"\nvalues = [260, 20000]\n");
        var (code, stdout, err) = SweepFixtures.Nemd("sweep", sweepFile, "--out", f.Out(), "--executor", "slurm", "--device", "cpu");
        Assert.True(code == 0, stdout + err);
        string job = Submitted().Match(stdout).Groups[1].Value;
        var sweep = SweepFolder.Open(f.Out());
        var (shortRun, longRun) = (sweep.Runs.First(), sweep.Runs.Last());

        // Cancel the long run's task once it has checkpointed: Slurm sends SIGTERM, nemd checkpoints and exits 143.
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(sweep.PathOf(longRun), RunFiles.Checkpoint)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"no checkpoint in {sweep.PathOf(longRun)} after 3 minutes; Slurm queue: {Peers.Run("squeue", [], TimeSpan.FromSeconds(20)).Out}");
            Thread.Sleep(100);
        }
        var cancel = Peers.Run("scancel", [$"{job}_1"], TimeSpan.FromSeconds(30));
        Assert.True(cancel.Code == 0, cancel.Err);
        SlurmCluster.WaitFor(job, TimeSpan.FromMinutes(3));

        // Every finished point's results.json is there; the cancelled one is stopped and resumable.
        var done = RunStatusReader.Read(sweep, shortRun);
        Assert.True(done.State == RunState.Done, done.Reason);
        Assert.Equal(shortRun.Seed, JsonNode.Parse(File.ReadAllText(Path.Combine(sweep.PathOf(shortRun), RunOutputs.Results)))!["seed"]!.GetValue<long>());
        var stopped = RunStatusReader.Read(sweep, longRun);
        Assert.Equal(RunState.Failed, stopped.State);
        Assert.Equal(143, stopped.Record!.ExitCode);
        Assert.Equal($"{job}_1", stopped.Record.Job);
        Assert.Contains("stopped by SIGTERM after step", stopped.Record.Error);
        Assert.True(stopped.Resumable, stopped.Reason);
        Assert.False(File.Exists(Path.Combine(sweep.PathOf(longRun), RunOutputs.Results)));

        // sbatch refusing (no such partition): exit 2 with its message.
        (code, _, err) = SweepFixtures.Nemd("sweep", "resume", f.Out(), "--executor", "slurm", "--partition", "nosuch");
        Assert.Equal(2, code);
        Assert.Matches(@"^error: --executor slurm: sbatch refused the job array \(exit 1\): sbatch: error: .*[Pp]artition", err.Trim());

        (code, stdout, err) = SweepFixtures.Nemd("sweep", "resume", f.Out(), "--executor", "slurm");
        Assert.True(code == 0, stdout + err);
        Assert.Contains("1 done, 0 running, 0 failed for good, 1 to run", stdout);
        string resumeJob = Submitted().Match(stdout).Groups[1].Value;
        SlurmCluster.WaitFor(resumeJob, TimeSpan.FromMinutes(3));
        var resumed = RunStatusReader.Read(sweep, longRun);
        Assert.True(resumed.State == RunState.Done, resumed.Reason);
        Assert.Contains("Resuming", File.ReadAllText(Path.Combine(sweep.PathOf(longRun), "nemd.log")));

        // The same deck uninterrupted, in another folder of the same sweep.
        Assert.Equal(0, SweepFixtures.Nemd("sweep", sweepFile, "--out", f.Out("whole"), "--executor", "none").Code);
        var whole = SweepFolder.Open(f.Out("whole"));
        // Through Slurm too, so that it runs with the same cores (the device's description names its thread count).
        string wholeJob = new SlurmExecutor(NemdCommand.Current(), new SlurmOptions()).Submit(whole, [whole.Runs.Last()], "cpu");
        SlurmCluster.WaitFor(wholeJob, TimeSpan.FromMinutes(3));
        Assert.Equal(0, TaskRecord.Read(whole.PathOf(whole.Runs.Last()))!.ExitCode);
        Assert.Equal(LocalExecutorTests.Comparable(whole.PathOf(whole.Runs.Last())), LocalExecutorTests.Comparable(sweep.PathOf(longRun)));
    }
}
