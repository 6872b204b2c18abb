using System.Diagnostics;
using System.Globalization;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Sampling;
using NemdEngine.Simulation;

/// <summary>
/// Write and read time and peak memory of checkpoint.bin for a large system:
///   dotnet run -c Release --project benchmarks/NemdEngine.Benchmarks -- --checkpoint
///       [--atoms 10000000] [--neighbors 90] [--out DIR] [--keep]
/// A synthetic state of the sizes a run of that many atoms checkpoints (positions, velocities,
/// forces, reference positions, bath tallies, the neighbor list with --neighbors per atom, about
/// what the fcc solid at a = 1.5672 σ has within r_c + skin = 2.8 σ; a few samples). Reports the
/// payload, the times, and the peak resident set (VmHWM, reset before each phase) above the
/// resident set before it: what writing and reading cost beyond the state itself.
/// </summary>
internal static class CheckpointBenchmark
{
    public static void Run(string[] args)
    {
        string Arg(string name, string fallback) { int i = Array.IndexOf(args, "--" + name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
        int atoms = int.Parse(Arg("atoms", "10000000"), CultureInfo.InvariantCulture);
        int neighbors = int.Parse(Arg("neighbors", "90"), CultureInfo.InvariantCulture);
        string dir = Path.GetFullPath(Arg("out", Path.GetTempPath()));
        string path = Path.Combine(dir, $"nemd-checkpoint-bench-{Environment.ProcessId}.bin");

        double runtime = Status("VmRSS:");
        var clock = Stopwatch.StartNew();
        var checkpoint = Synthetic(atoms, neighbors);
        long entries = checkpoint.Simulation.Neighbors.Entries.LongLength;
        double payloadGB = (4.0 * 12 * atoms + 8.0 * atoms + 4.0 * atoms + 4.0 * entries) / 1e9;
        Console.WriteLine($"atoms              {atoms} ({neighbors} neighbors each: {entries} entries, {4.0 * entries / 1e9:F2} GB in one array)");
        Console.WriteLine($"state              {payloadGB:F2} GB (built in {clock.Elapsed.TotalSeconds:F1} s); the process held {runtime:F0} MB before building it");

        double before = ResetPeak();
        clock.Restart();
        RunFiles.WriteCheckpoint(path, checkpoint);
        double write = clock.Elapsed.TotalSeconds;
        long fileBytes = new FileInfo(path).Length;
        Console.WriteLine($"write              {write:F2} s, {fileBytes / 1e9:F2} GB on disk ({fileBytes / 1e6 / write:F0} MB/s, SHA-256 and fsync included)");
        Console.WriteLine($"  peak RSS         {PeakMB():F0} MB, {PeakMB() - before:F0} MB above the {before:F0} MB before writing");

        long checksum = Checksum(checkpoint);
        checkpoint = null;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        before = ResetPeak();
        clock.Restart();
        var read = RunFiles.ReadCheckpoint(path);
        double readSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"read               {readSeconds:F2} s ({fileBytes / 1e6 / readSeconds:F0} MB/s, hash pass included; page cache warm from the write)");
        Console.WriteLine($"  peak RSS         {PeakMB():F0} MB = the state read ({payloadGB * 1e3:F0} MB) + {PeakMB() - payloadGB * 1e3:F0} MB (runtime and buffers; {before:F0} MB resident before reading, freed state included)");
        if (Checksum(read) != checksum) throw new InvalidOperationException("the checkpoint read back differs from the one written");
        Console.WriteLine("round trip         identical (checksum of every array)");
        if (!args.Contains("--keep")) File.Delete(path);
        else Console.WriteLine($"kept               {path}");
    }

    private static RunCheckpoint Synthetic(int atoms, int neighbors)
    {
        Vec3[] Vectors(float scale)
        {
            var v = new Vec3[atoms];
            Parallel.For(0, atoms, i => v[i] = new Vec3(scale * (i % 1000), scale * (i / 1000 % 1000), scale * (i / 1_000_000)));
            return v;
        }
        var counts = new int[atoms];
        Array.Fill(counts, neighbors);
        var list = new int[(long)atoms * neighbors];
        Parallel.For(0, atoms, i =>
        {
            long k = (long)i * neighbors;
            for (int j = 0; j < neighbors; j++) list[k + j] = (int)((i + 1L + j) % atoms);
        });
        var bath = new double[atoms];
        Parallel.For(0, atoms, i => bath[i] = 1e-3 * i);
        const int bins = 100, samples = 10;
        var profile = new ProductionSamples
        {
            BinCenters = Enumerable.Range(0, bins).Select(b => b + 0.5).ToArray(), BinWidth = 1,
            BinRegions = Enumerable.Repeat(Region.MaterialA, bins).ToArray(), AtomsPerBin = new double[bins],
            Times = Enumerable.Range(1, samples).Select(s => 0.05 * s).ToArray(),
            Temperatures = Enumerable.Range(0, samples).Select(_ => new double[bins]).ToArray(),
            HotBathEnergy = new double[samples], ColdBathEnergy = new double[samples],
            HotReservoirTemperature = new double[samples], ColdReservoirTemperature = new double[samples],
        };
        return new RunCheckpoint
        {
            Deck = NemdEngine.Conformance.ConformanceSystems.Deck(), Device = "cpu", InProduction = true, ProductionStartStep = 0, HotBathAtStart = 0, ColdBathAtStart = 0, WallSeconds = 1,
            Simulation = new SimulationSnapshot(100, Vectors(1), Vectors(0.01f), Vectors(0.1f), Vectors(1), bath,
                new NeighborSnapshot(64, neighbors + 16, 3, counts, list)),
            Samples = profile, BinCountTotals = new long[bins],
        };
    }

    private static long Checksum(RunCheckpoint c)
    {
        var s = c.Simulation;
        long sum = 0;
        void Add(long x) => sum = unchecked(sum * 1_000_003 + x);
        foreach (var v in new[] { s.Positions, s.Velocities, s.Forces, s.ReferencePositions })
            foreach (var p in v) Add(BitConverter.SingleToInt32Bits(p.X) ^ BitConverter.SingleToInt32Bits(p.Y) ^ BitConverter.SingleToInt32Bits(p.Z));
        foreach (double b in s.BathEnergy) Add(BitConverter.DoubleToInt64Bits(b));
        foreach (int n in s.Neighbors.Counts) Add(n);
        foreach (int e in s.Neighbors.Entries) Add(e);
        return sum;
    }

    /// <summary>Resets the kernel's peak RSS to the current RSS (clear_refs 5); returns the current RSS in MB (10^6 bytes, as every size here).</summary>
    private static double ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { Console.WriteLine("(could not reset VmHWM: peaks below are since the start)"); }
        catch (UnauthorizedAccessException) { Console.WriteLine("(could not reset VmHWM: peaks below are since the start)"); }
        return Status("VmRSS:");
    }

    private static double PeakMB() => Status("VmHWM:");

    private static double Status(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024 / 1e6;
        return double.NaN;
    }
}
