namespace NemdEngine.Tests.Campaigns;

/// <summary>
/// The single-node Slurm cluster of tests/slurm/start-local-cluster.sh, as a peer: the Slurm
/// programs must be installed (else the test skips, or fails under NEMD_REQUIRE_PEERS=1), and a
/// cluster that is not running is started by the script (which needs root).
/// </summary>
public static class SlurmCluster
{
    private static readonly object Gate = new();
    private static bool up;

    public static void Require()
    {
        lock (Gate)
        {
            if (up) return;
            foreach (var program in new[] { "sbatch", "squeue", "scancel", "sinfo", "slurmctld", "slurmd", "munged" })
                Peers.RequireExecutable(program, "apt-get install slurm-wlm munge");
            if (!Answers())
            {
                Peers.Require(Environment.UserName == "root", "Slurm is installed but not running, and starting it (tests/slurm/start-local-cluster.sh) needs root");
                string script = Input.DeckReaderTests.RepoFile("tests/slurm/start-local-cluster.sh");
                var (code, stdout, stderr) = Peers.Run("/bin/bash", [script], TimeSpan.FromMinutes(2));
                Peers.Require(code == 0, $"tests/slurm/start-local-cluster.sh failed (exit {code}): {stdout} {stderr}".Trim());
                Peers.Require(Answers(), "the local Slurm cluster started but its node is not idle");
            }
            up = true;
        }
    }

    private static bool Answers()
    {
        try
        {
            var (code, stdout, _) = Peers.Run("sinfo", ["-h", "-N", "-n", "localhost", "-o", "%T"], TimeSpan.FromSeconds(20));
            return code == 0 && stdout.Trim().TrimEnd('*') is "idle" or "mixed" or "allocated" or "completing";
        }
        catch (Exception e) when (e is TimeoutException or System.ComponentModel.Win32Exception) { return false; }
    }

    /// <summary>True while Slurm still lists job <paramref name="job"/> (any of its array tasks).</summary>
    public static bool Queued(string job)
    {
        var (_, stdout, _) = Peers.Run("squeue", ["-h", "-j", job, "-o", "%i"], TimeSpan.FromSeconds(20));
        return stdout.Trim().Length > 0;
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until Slurm no longer lists the job.</summary>
    public static void WaitFor(string job, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Queued(job))
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"Slurm job {job} still queued after {limit.TotalSeconds} s");
            Thread.Sleep(500);
        }
    }
}
