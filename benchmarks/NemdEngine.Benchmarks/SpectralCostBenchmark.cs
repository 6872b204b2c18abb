using System.Diagnostics;
using NemdEngine.Backends;
using NemdEngine.Benchmarking;
using NemdEngine.Input;
using NemdEngine.Sampling.Spectral;
using NemdEngine.Setup;

namespace NemdEngine.Benchmarks;

/// <summary>
/// The cost of the spectral heat current against the step loop, in process CPU time on one worker
/// thread (a shared machine makes wall time meaningless): CPU seconds per step of the engine with its
/// profile sampling, and per spectral sample including the segment FFTs amortised (whole segments are
/// sampled). Overhead at interval n = per sample / (n × per step).
///   dotnet run -c Release --project benchmarks/NemdEngine.Benchmarks -- --spectral [--deck inputs/lj-mass-mismatch.toml]
/// Systems: the shipped deck and the 32,000-atom `nemd bench` bilayer; numbers in benchmarks/RESULTS.md,
/// "Spectral heat current cost".
/// </summary>
public static class SpectralCostBenchmark
{
    public static void Run(string[] args)
    {
        int at = Array.IndexOf(args, "--deck");
        string shippedDeck = at >= 0 && at + 1 < args.Length ? args[at + 1] : Path.Combine("inputs", "lj-mass-mismatch.toml");
        foreach (string name in new[] { "shipped", "cube32000" })
        {
            var deck = name == "shipped" ? DeckReader.ReadFile(shippedDeck) : ThroughputBenchmark.BilayerDeck(32000);
            using var backend = new ParallelCpuBackend(threads: 1);
            var setup = SimulationSetup.FromDeck(deck);
            using var sim = setup.CreateEngine(backend);
            using var sampler = setup.CreateSampler(backend, sim);
            sampler.BeginProduction();
            var plan = new SpectralPlan(DeckPotentials.MaxCutoff(setup.Potentials), 1, SpectralPlan.DefaultSegmentSamples, deck.Run.Timestep);
            using var spectral = new SpectralSampler(backend, sim, setup.System, setup.Layout, plan);
            void Step(long s) { if (s % 10 == 0) sampler.Sample(s * deck.Run.Timestep); }
            sim.Run(100, Step);
            for (int k = 0; k < 20; k++) spectral.Sample();

            int steps = name == "shipped" ? 2000 : 300;
            double cpu0 = Cpu();
            sim.Run(steps, Step);
            double perStep = (Cpu() - cpu0) / steps;

            int samples = 4 * SpectralPlan.DefaultSegmentSamples;
            double cpu1 = Cpu();
            for (int k = 0; k < samples; k++) spectral.Sample();
            double perSample = (Cpu() - cpu1) / samples;
            double cpu2 = Cpu();
            for (int k = 0; k < samples; k++) spectral.Measure();
            double perMeasure = (Cpu() - cpu2) / samples;

            Console.WriteLine($"{name}: {setup.System.Count} atoms, {spectral.Selected.Length} sampled ({100.0 * spectral.Selected.Length / setup.System.Count:F1} %); " +
                $"CPU per step {1e3 * perStep:F3} ms; per spectral sample {1e3 * perSample:F3} ms (kernels and read-back {1e3 * perMeasure:F3} ms, Welch and FFT {1e3 * (perSample - perMeasure):F3} ms); " +
                $"overhead every 1 / 5 / 10 steps: {100 * perSample / perStep:F1} / {100 * perSample / (5 * perStep):F1} / {100 * perSample / (10 * perStep):F1} %; segment {spectral.BufferBytes / 1e6:F1} MB");
        }
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
