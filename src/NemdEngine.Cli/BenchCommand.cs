using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NemdEngine.Backends;
using NemdEngine.Benchmarking;
using NemdEngine.Conformance;
using NemdEngine.IO;
using NemdEngine.Simulation;

namespace NemdEngine.Cli;

/// <summary>`nemd bench`: atom-steps per second of the LJ fcc bilayer, the LJ liquid or a Si crystal (SW, Tersoff) at several sizes on one device.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var deviceOpt = new Option<string?>("--device") { Description = BackendFactory.Help };
        var atomsOpt = new Option<string>("--atoms") { Description = "Comma-separated system sizes (atoms, rounded up to a cube of fcc or, for sw and tersoff, diamond cells)", DefaultValueFactory = _ => "32000" };
        var secondsOpt = new Option<double>("--seconds")
        {
            Description = "Measure each size for at least this many wall seconds", DefaultValueFactory = _ => 5.0,
            CustomParser = NemdCli.Parser("--seconds", "a number of seconds", NemdCli.Number),
        };
        var jsonOpt = new Option<FileInfo?>("--json") { Description = "Also write the results to this JSON file" };
        var systemOpt = new Option<string>("--system")
        {
            Description = "bilayer: the NEMD LJ fcc bilayer with reservoirs and sampling; liquid: LAMMPS bench/in.lj (periodic LJ liquid, rho* = 0.8442, NVE); " +
                "sw, tersoff: a periodic diamond Si crystal near 1000 K (a = 5.431 A, 8 n^3 atoms, dt = 1 fs, skin 1 A, NVE) with Si.sw or the Si entry of SiGe.tersoff",
            DefaultValueFactory = _ => Bilayer,
        };
        systemOpt.AcceptOnlyFromAmong(Bilayer, Liquid, SiliconCrystal.StillingerWeber, SiliconCrystal.Tersoff);
        var spectralOpt = new Option<int>("--spectral")
        {
            Description = "bilayer only: also sample the spectral heat current every N steps (segments of 512 samples); 0 (default): not",
            DefaultValueFactory = _ => 0,
        };
        var replicasOpt = new Option<int>("--replicas")
        {
            Description = "bilayer only: also run N seeds of each size batched in one engine (nemd run --replicas N), alternating with one run three times, and print the median ratio of their throughputs (N separate runs one after the other go at one run's rate); 0 (default): not",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("bench", "Measure step-loop throughput (atom-steps/s) of the LJ fcc bilayer, the LJ liquid or a Si crystal (SW, Tersoff)")
        {
            deviceOpt, atomsOpt, secondsOpt, jsonOpt, systemOpt, spectralOpt, replicasOpt,
        };
        command.SetAction(parse => Execute(parse.GetValue(deviceOpt), parse.GetValue(atomsOpt)!, parse.GetValue(secondsOpt), parse.GetValue(jsonOpt), parse.GetValue(systemOpt)!,
            parse.GetValue(spectralOpt), parse.GetValue(replicasOpt)));
        return command;
    }

    private const string Bilayer = "bilayer", Liquid = "liquid";

    /// <summary>The memory a size of the benchmark needs (the same estimate as a run's).</summary>
    private static MemoryEstimate Estimate(string system, int atoms)
    {
        if (system is SiliconCrystal.StillingerWeber or SiliconCrystal.Tersoff)
        {
            double cells = SiliconCrystal.CellsPerSide(atoms), side = cells * ManyBodySystems.SiliconLattice;
            return MemoryEstimate.Estimate(8 * cells * cells * cells, side, side, side, SiliconCrystal.Potential(system).MaxCutoff + ManyBodySystems.Skin, bins: 0, samples: 0);
        }
        if (system != Liquid) return MemoryEstimate.For(ThroughputBenchmark.BilayerDeck(atoms));
        double n = LennardJonesLiquid.CellsPerSide(atoms), length = n * LennardJonesLiquid.LatticeConstant;
        return MemoryEstimate.Estimate(4 * n * n * n, length, length, length, LennardJonesLiquid.Cutoff + LennardJonesLiquid.Skin, bins: 0, samples: 0);
    }

    private static int Execute(string? device, string atomList, double seconds, FileInfo? json, string system, int spectral = 0, int replicas = 0)
    {
        int[] sizes;
        string? jsonPath = null;
        try
        {
            sizes = atomList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
                    ? n : throw new ArgumentException($"--atoms: '{Input.DeckText.Clip(s)}' is not a positive whole number of atoms (at most {int.MaxValue})"))
                .ToArray();
            if (sizes.Length == 0) throw new ArgumentException("--atoms: expected one or more sizes, e.g. 32000,256000");
            if (spectral < 0) throw new ArgumentException($"--spectral: must be 0 (off) or a positive number of steps, got {spectral}");
            if (spectral > 0 && system != Bilayer) throw new ArgumentException($"--spectral: only the bilayer has an interface; --system is {system}");
            if (replicas != 0 && (replicas < Workflow.ReplicaRunner.MinReplicas || replicas > Workflow.ReplicaRunner.MaxReplicas))
                throw new ArgumentException($"--replicas: must be 0 (off) or from {Workflow.ReplicaRunner.MinReplicas} to {Workflow.ReplicaRunner.MaxReplicas}, got {replicas}");
            if (replicas > 0 && (system != Bilayer || spectral > 0)) throw new ArgumentException("--replicas: batches the bilayer only, without --spectral");
            if (!(seconds > 0 && double.IsFinite(seconds))) throw new ArgumentException($"--seconds: must be a positive, finite number of seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}");
            if (json is not null)
            {
                try { jsonPath = OutputPath.PrepareFile(json.ToString()); }
                catch (UnwritablePathException e) { throw new ArgumentException($"--json: {e.Message}", e); }
            }
            using var probe = BackendFactory.Create(device);
            foreach (int atoms in sizes)
            {
                var estimate = Estimate(system, atoms);
                if ((estimate.CountProblem()?.Problem ?? estimate.DeviceProblem(probe)?.Problem) is string tooLarge)
                    throw new ArgumentException($"--atoms {atoms}: {tooLarge}");
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {NemdCli.OneLine(e.Message)}");
            return RunCommand.ExitBadInput;
        }

        var results = new List<ThroughputResult>();
        Console.WriteLine($"{"atoms",10} {"steps",8} {"atom-steps/s",14} {"steps/s",10} {"bytes/atom",11} {"cpu/wall",9} {"cpu ms/step",12}  breakdown (% of step time; sampling includes the spectral heat current)");
        foreach (int atoms in sizes)
        {
            using var backend = BackendFactory.Create(device);
            var r = system switch
            {
                Liquid => ThroughputBenchmark.RunLiquid(backend, atoms, seconds),
                SiliconCrystal.StillingerWeber or SiliconCrystal.Tersoff => ThroughputBenchmark.RunSilicon(backend, system, atoms, seconds),
                _ => ThroughputBenchmark.Run(backend, atoms, seconds, spectral),
            };
            results.Add(r);
            Print(r);
            if (replicas > 0) CompareReplicas(device, atoms, replicas, seconds, r, results);
        }
        Console.WriteLine($"system: {system}{(spectral > 0 ? $", spectral heat current every {spectral} steps" : "")}; device: {results[0].Device}");
        if (jsonPath is not null)
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return 0;
    }

    /// <summary>Paired rounds on a shared machine: one run, then the batch, three times; the median of the three ratios.</summary>
    private static void CompareReplicas(string? device, int atoms, int replicas, double seconds, ThroughputResult first, List<ThroughputResult> results)
    {
        const int rounds = 3;
        var ratios = new List<double>();
        var single = first;
        for (int round = 0; round < rounds; round++)
        {
            if (round > 0)
            {
                using var singleBackend = BackendFactory.Create(device);
                single = ThroughputBenchmark.Run(singleBackend, atoms, seconds);
                results.Add(single);
                Print(single);
            }
            using var batchBackend = BackendFactory.Create(device);
            var batch = ThroughputBenchmark.RunReplicas(batchBackend, ThroughputBenchmark.BilayerDeck(atoms), replicas, seconds);
            results.Add(batch);
            Print(batch);
            ratios.Add(batch.AtomStepsPerSecond / single.AtomStepsPerSecond);
        }
        ratios.Sort();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,10} {1} replicas of {2} atoms batched: {3:F2} x the throughput of one run (median of {4} paired rounds: {5})",
            "", replicas, first.Atoms, ratios[rounds / 2], rounds, string.Join(", ", ratios.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))));
    }

    private static void Print(ThroughputResult r)
    {
        string breakdown = string.Join(", ", r.StageFractions.Select(kv => $"{kv.Key} {100 * kv.Value:F1}"));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,10} {1,8} {2,14:E3} {3,10:F1} {4,11:F0} {5,9:F2} {6,12:F3}  {7}",
            r.Atoms, r.Steps, r.AtomStepsPerSecond, r.StepsPerSecond, r.BytesPerAtom, r.CpuSeconds / r.Seconds, 1000 * r.CpuSeconds / r.Steps, breakdown));
    }
}
