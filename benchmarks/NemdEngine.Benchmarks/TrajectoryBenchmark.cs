using System.Diagnostics;
using System.Globalization;
using NemdEngine.IO.H5md;
using NemdEngine.IO.Trajectory;
using NemdEngine.Kernels;
using NemdEngine.Model;

/// <summary>
/// Write throughput and peak memory of the H5MD trajectory writer:
///   dotnet run -c Release --project benchmarks/NemdEngine.Benchmarks -- --trajectory
///       [--atoms 1000000] [--frames 200] [--compression] [--out DIR] [--keep]
/// Positions only (an fcc lattice with thermal noise that changes every frame) with their image
/// flags, one observable sample per frame. Reports MB/s of frame data (positions + images), file size, per-frame write time and the peak
/// resident set (VmHWM); deletes the files unless --keep. Run once per setting: VmHWM is per process.
/// </summary>
internal static class TrajectoryBenchmark
{
    public static void Run(string[] args)
    {
        string Arg(string name, string fallback) { int i = Array.IndexOf(args, "--" + name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
        int atoms = int.Parse(Arg("atoms", "1000000"), CultureInfo.InvariantCulture);
        int frames = int.Parse(Arg("frames", "200"), CultureInfo.InvariantCulture);
        bool compression = args.Contains("--compression");
        string dir = Path.GetFullPath(Arg("out", Path.Combine(Path.GetTempPath(), $"nemd-trajectory-bench-{Environment.ProcessId}")));

        // fcc lattice, a = 1.5672 σ, noise ±0.05 σ redrawn every frame (like a solid at T ≈ 0.3).
        int cells = (int)Math.Ceiling(Math.Cbrt(atoms / 4.0));
        const float a = 1.5672f;
        var lattice = new Vec3[atoms];
        Vec3[] basis = [new(0, 0, 0), new(0.5f, 0.5f, 0), new(0.5f, 0, 0.5f), new(0, 0.5f, 0.5f)];
        for (int i = 0; i < atoms; i++)
        {
            int c = i / 4, x = c % cells, y = c / cells % cells, z = c / (cells * cells);
            var b = basis[i % 4];
            lattice[i] = new Vec3((x + b.X) * a, (y + b.Y) * a, (z + b.Z) * a);
        }
        var positions = new Vec3[atoms];
        var random = new Random(1);
        var atomData = new TrajectoryAtoms(new int[atoms], Enumerable.Repeat(1f, atoms).ToArray(), Enumerable.Range(0, atoms).ToArray(), ["A"], new int[atoms], new int[atoms]);
        var options = new TrajectoryOptions(TrajectoryFields.Position, compression, UnitSystem.LennardJones);
        var schedule = new TrajectorySchedule(0, (long)frames * 100, 100, 100);
        var box = new Vec3(cells * a, cells * a, cells * a);

        var write = new Stopwatch();
        var frameTimes = new List<double>(frames);
        var writer = new H5mdTrajectoryWriter(dir, options, atomData, new ProfileBins([0.0], [2], [0]), schedule);
        try
        {
            for (int f = 0; f < frames; f++)
            {
                for (int i = 0; i < atoms; i++)
                {
                    var l = lattice[i];
                    positions[i] = new Vec3(l.X + Noise(random), l.Y + Noise(random), l.Z + Noise(random));
                }
                long step = (f + 1) * 100L;
                long t0 = Stopwatch.GetTimestamp();
                write.Start();
                writer.WriteObservables(new ObservableSample(step, step * 0.005, 0, 0, 0.3, 0.3, [0.3]));
                writer.WriteFrame(new TrajectoryFrame(step, step * 0.005, box, positions));
                write.Stop();
                frameTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            write.Start();
            writer.Close();
            write.Stop();
        }
        finally { writer.Dispose(); }

        double dataMB = 24.0 * atoms * frames / 1e6; // float32 positions and int32 images
        long fileBytes = writer.Files.Sum(f => new FileInfo(f).Length);
        frameTimes.Sort();
        Console.WriteLine($"atoms              {atoms}");
        Console.WriteLine($"frames             {frames} (positions float32 + images int32), compression {(compression ? "deflate-1 + shuffle" : "off")}");
        Console.WriteLine($"files              {writer.Files.Count} ({writer.FramesPerSegment} frames per file)");
        Console.WriteLine($"frame data         {dataMB:F0} MB; on disk {fileBytes / 1e6:F0} MB (ratio {fileBytes / 1e6 / dataMB:F2})");
        Console.WriteLine($"write time         {write.Elapsed.TotalSeconds:F2} s (incl. closing files)");
        Console.WriteLine($"throughput         {dataMB / write.Elapsed.TotalSeconds:F0} MB/s of frame data");
        Console.WriteLine($"per frame          median {frameTimes[frames / 2]:F2} ms, max {frameTimes[^1]:F1} ms (the first includes JIT)");
        Console.WriteLine($"peak RSS (VmHWM)   {PeakRssMB():F0} MB   (one frame of positions is {12.0 * atoms / 1e6:F2} MB)");
        Console.WriteLine($"GC heap now        {GC.GetTotalMemory(true) / 1e6:F0} MB");
        if (!args.Contains("--keep")) Directory.Delete(dir, recursive: true);
        else Console.WriteLine($"kept               {dir}");
    }

    private static float Noise(Random random) => (float)(random.NextDouble() - 0.5) * 0.1f;

    private static double PeakRssMB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1e6 / 1.048576;
    }
}
