using System.Diagnostics;
using System.Globalization;
using NemdEngine.Backends;
using NemdEngine.Benchmarking;
using NemdEngine.Conformance;
using NemdEngine.Kernels.Forces;
using NemdEngine.Simulation;

namespace NemdEngine.Benchmarks;

/// <summary>
/// CPU time per atom of the many-body force terms on one thread, measured by the process's CPU clock
/// (not the wall clock), so that it means something on a shared machine:
///   dotnet run -c Release --project benchmarks/NemdEngine.Benchmarks -- --manybody [--atoms 8000] [--calls 5]
/// The Si crystal of `nemd bench --system sw|tersoff`, 100 NVE steps in, then force calls back to back;
/// both styles, the cpu backend with and without its host vector kernels.
/// </summary>
public static class ManyBodyBenchmark
{
    public static void Run(string[] args)
    {
        int atoms = Option(args, "--atoms", 8000), calls = Option(args, "--calls", 5);
        foreach (string style in new[] { SiliconCrystal.StillingerWeber, SiliconCrystal.Tersoff })
            foreach (bool vector in new[] { true, false })
            {
                using var backend = new ParallelCpuBackend(threads: 1, vectorKernels: vector);
                var system = SiliconCrystal.Build(atoms);
                using var sim = new SimulationEngine(backend, system, [SiliconCrystal.Potential(style)], [new NveSpec("all", system.MobileIndices())],
                    new SimulationOptions(ManyBodySystems.Timestep, ManyBodySystems.Skin, 1));
                sim.Run(100);
                var positions = (Kernels.Vec3[])sim.ReadPositions().Clone();
                sim.WritePositions(positions);
                var term = sim.ForceTerms[0];
                term.Accumulate<WithoutEnergy>();
                // The fastest of 20 batches: on a shared machine the others lost time to other processes.
                double best = double.MaxValue, bestWall = double.MaxValue;
                var cpu = Process.GetCurrentProcess();
                for (int batch = 0; batch < 20; batch++)
                {
                    cpu.Refresh();
                    TimeSpan start = cpu.TotalProcessorTime;
                    long wall = Stopwatch.GetTimestamp();
                    for (int c = 0; c < calls; c++) term.Accumulate<WithoutEnergy>();
                    cpu.Refresh();
                    best = Math.Min(best, (cpu.TotalProcessorTime - start).TotalSeconds);
                    bestWall = Math.Min(bestWall, Stopwatch.GetElapsedTime(wall).TotalSeconds);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{style,-8} {(term.Vectorized ? "vector" : "portable"),-9} {system.Count} atoms: {1e9 * best / (calls * (double)system.Count),7:F0} ns CPU per atom per force call " +
                    $"({1e9 * bestWall / (calls * (double)system.Count):F0} ns wall), fastest of 20 batches of {calls}"));
            }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
