using System.Text.Json.Nodes;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Workflow;
using Serilog;
using static NemdEngine.Tests.Simulation.SimulationEngineCheckpointTests;

namespace NemdEngine.Tests.Workflow;

/// <summary>
/// `nemd run --replicas N` through the runner: each replica's folder is the run of its seed alone,
/// bit for bit; the pooled table is the replicas' mean and scatter; an interrupted batch resumes
/// bit for bit, and each replica's checkpoint resumes alone as a plain run.
/// </summary>
public class ReplicaRunnerTests
{
    /// <summary>1,440 atoms per replica; 20 equilibration + 100 production steps, a checkpoint every 10 (as ResumeTests).</summary>
    private static Deck SmallDeck(string output) => TestSystems.Deck(seed: 8) with
    {
        Thermostat = new ThermostatSpec(0.4, 0.2, 0.5),
        Run = new RunSpec { EquilibrationSteps = 20, ProductionSteps = 100, SampleInterval = 10, InitialTemperature = 0.3 },
        Analysis = new AnalysisSpec { MarginReservoir = 0.5, MarginInterface = 0.5, Blocks = 2 },
        Output = new OutputSpec { Directory = output, CheckpointInterval = 10 },
    };

    private const int Replicas = 3;
    private static readonly ILogger Log = new LoggerConfiguration().CreateLogger();

    private static string TempDir(string tag) => TestTemp.Path($"nemd-replicas-{tag}-{Guid.NewGuid():N}");

    private static ReplicaOutcome RunBatch(string dir, IRunObserver? observer = null, CancellationToken cancel = default)
    {
        using var folder = RunFolder.Claim(dir, overwrite: false);
        return ReplicaRunner.Run(SmallDeck(dir), Replicas, folder, new RunOverrides(Device: "cpu"), observer ?? SilentObserver.Instance, Log, cancel);
    }

    private static RunCheckpoint Final(string runDir) => RunFiles.ReadCheckpoint(Path.Combine(runDir, RunFiles.Checkpoint));

    private static void AssertSameState(RunCheckpoint expected, RunCheckpoint actual)
    {
        Assert.Equal(expected.Simulation.Step, actual.Simulation.Step);
        Assert.Equal(Bits(expected.Simulation.Positions), Bits(actual.Simulation.Positions));
        Assert.Equal(Bits(expected.Simulation.Velocities), Bits(actual.Simulation.Velocities));
        Assert.Equal(expected.Simulation.BathEnergy, actual.Simulation.BathEnergy);
        Assert.Equal(expected.Samples.Temperatures, actual.Samples.Temperatures);
        Assert.Equal(expected.Samples.HotBathEnergy, actual.Samples.HotBathEnergy);
        Assert.Equal(expected.Deck.Seed, actual.Deck.Seed);
    }

    [Fact]
    public void EachReplicaIsTheRunOfItsSeedAndThePoolIsTheirMeanAndScatter()
    {
        string batch = TempDir("batch");
        var outcome = RunBatch(batch);

        var values = new double[Replicas];
        for (int r = 0; r < Replicas; r++)
        {
            string alone = TempDir($"alone{r}");
            var deck = SmallDeck(alone) with { Seed = 8 + (ulong)r };
            var separate = NemdRunner.Run(deck, new RunOverrides(Device: "cpu"), SilentObserver.Instance, Log);
            string folder = Path.Combine(batch, ReplicaRunner.FolderName(r));
            AssertSameState(Final(alone), Final(folder));
            var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, RunOutputs.Results)))!;
            values[r] = results["kapitza_resistance"]!["value"]!.GetValue<double>();
            Assert.Equal(separate.Result.KapitzaResistance.Value, values[r]);
            Assert.Equal(8 + r, results["seed"]!.GetValue<int>());
        }
        Assert.True(values.Distinct().Count() == Replicas, "replicas with different seeds should differ");

        double mean = values.Average();
        double stderr = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (Replicas - 1) / Replicas);
        var table = JsonNode.Parse(File.ReadAllText(Path.Combine(batch, RunOutputs.ReplicasJson)))!;
        var pooled = table["pooled"]!["R_K"]!;
        Assert.Equal(mean, pooled["value"]!.GetValue<double>(), 12);
        Assert.Equal(stderr, pooled["stderr_replicas"]!.GetValue<double>(), 12);
        Assert.Equal(Replicas, table["runs"]!.AsArray().Count);
        Assert.Equal(outcome.Summary.Pooled["R_K"].Mean, mean, 12);
        var csv = File.ReadAllLines(Path.Combine(batch, RunOutputs.ReplicasCsv));
        Assert.Equal(Replicas + 2, csv.Length);
        Assert.StartsWith("pooled,", csv[^1]);
    }

    [Fact]
    public void InterruptedBatchResumesBitForBitAndEachReplicaResumesAlone()
    {
        string whole = TempDir("whole"), pieces = TempDir("pieces"), single = TempDir("single");
        RunBatch(whole);

        using (var cancel = new CancellationTokenSource())
        {
            var e = Assert.Throws<RunInterruptedException>(() => RunBatch(pieces, new StopAtCheckpoint(60, cancel), cancel.Token));
            Assert.Equal(60, e.Step);
        }
        Assert.True(ReplicaRunner.IsBatchFolder(pieces));
        Assert.False(File.Exists(Path.Combine(pieces, RunOutputs.ReplicasJson)));
        // Replica 1's folder, copied as it was at the interruption, is a plain run folder.
        CopyFolder(Path.Combine(pieces, ReplicaRunner.FolderName(1)), single);

        ReplicaRunner.Resume(pieces, SilentObserver.Instance, Log);
        for (int r = 0; r < Replicas; r++)
            AssertSameState(Final(Path.Combine(whole, ReplicaRunner.FolderName(r))), Final(Path.Combine(pieces, ReplicaRunner.FolderName(r))));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, RunOutputs.ReplicasCsv)), File.ReadAllText(Path.Combine(pieces, RunOutputs.ReplicasCsv)));

        NemdRunner.Resume(single, SilentObserver.Instance, Log);
        AssertSameState(Final(Path.Combine(whole, ReplicaRunner.FolderName(1))), Final(single));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
