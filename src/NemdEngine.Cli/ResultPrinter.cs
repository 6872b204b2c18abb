using NemdEngine.Workflow;

namespace NemdEngine.Cli;

/// <summary>The summary printed at the end of `nemd run`, every number with its unit.</summary>
public static class ResultPrinter
{
    public static void Print(RunOutcome outcome)
    {
        var r = outcome.Result;
        var info = outcome.Info;
        Console.WriteLine();
        Console.WriteLine($"R_K   = {r.KapitzaResistance}");
        Console.WriteLine($"G     = {r.Conductance}");
        Console.WriteLine($"ΔT    = {r.DeltaT}   (T_A(z_i) = {r.FitA.InterfaceTemperature}, T_B(z_i) = {r.FitB.InterfaceTemperature})");
        Console.WriteLine($"J     = {r.HeatFlux}   (hot bath {r.HeatFluxHot}, cold bath {r.HeatFluxCold}, mismatch {100 * r.FluxMismatch:F1} %)");
        Console.WriteLine($"k_A   = {r.ConductivityA}");
        Console.WriteLine($"k_B   = {r.ConductivityB}");
        Console.WriteLine($"T_mean= {r.MeanTemperature}   (reservoirs measured: hot {r.HotReservoirTemperature}, cold {r.ColdReservoirTemperature})");
        Console.WriteLine($"steady state: J first half {r.SteadyState.FirstHalf}, second half {r.SteadyState.SecondHalf} → {(r.SteadyState.Steady ? "steady" : "NOT steady: run longer")}");
        Console.WriteLine($"errors: {r.Blocks} blocks of {r.SamplesPerBlock} samples; fit margins {r.MarginReservoir} (reservoir), {r.MarginInterface} (interface) {r.Units.Length}");
        Console.WriteLine($"{info.Atoms} atoms, {info.Steps} steps in {info.WallSeconds:F1} s ({info.AtomStepsPerSecond:E3} atom-steps/s) on {info.Device}");
        if (info.TimeToAnswer is { } t)
            Console.WriteLine(t.Reached
                ? $"time to answer: R_K within {100 * t.Target:G3} % (standard error) after {t.ReachedAtSeconds:F1} s wall, at step {t.ReachedAtStep}; {100 * t.FinalRelativeError:F1} % at the end"
                : $"time to answer: not reached; R_K is within {100 * t.FinalRelativeError:F1} % after {info.WallSeconds:F1} s, target {100 * t.Target:G3} %"
                  + (t.ProjectedSeconds is double p ? $"; about {p:F0} s wall projected (error ∝ 1/√production)" : ""));
        Console.WriteLine($"output: {outcome.OutputDirectory}");
        if (outcome.TrajectoryFiles is { Count: > 0 } trajectory)
            Console.WriteLine($"trajectory (H5MD): {string.Join(", ", trajectory.Select(Path.GetFileName))}");
    }
}
