using NemdEngine.Analysis;
using NemdEngine.Campaigns.Collect;
using NemdEngine.IO;
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
        // Metal units: each headline also in the unit papers use.
        string Published(Measured m, Func<NemdEngine.Model.PublishedUnits, NemdEngine.Model.PublishedUnit> unit) =>
            r.Units.Published is { } p ? $" = {m.In(unit(p))}" : "";
        Console.WriteLine($"R_K   = {r.KapitzaResistance}{Published(r.KapitzaResistance, p => p.Resistance)}");
        Console.WriteLine($"G     = {r.Conductance}{Published(r.Conductance, p => p.Conductance)}");
        Console.WriteLine($"ΔT    = {r.DeltaT}   (T_A(z_i) = {r.FitA.InterfaceTemperature}, T_B(z_i) = {r.FitB.InterfaceTemperature})");
        Console.WriteLine($"J     = {r.HeatFlux}{Published(r.HeatFlux, p => p.HeatFlux)}   (hot bath {r.HeatFluxHot}, cold bath {r.HeatFluxCold}, mismatch {Format.Percent(r.FluxMismatch)})");
        Console.WriteLine($"k_A   = {r.ConductivityA}{Published(r.ConductivityA, p => p.Conductivity)}");
        Console.WriteLine($"k_B   = {r.ConductivityB}{Published(r.ConductivityB, p => p.Conductivity)}");
        Console.WriteLine($"T_mean= {r.MeanTemperature}   (reservoirs measured: hot {r.HotReservoirTemperature}, cold {r.ColdReservoirTemperature})");
        Console.WriteLine(r.SteadyState.Steady
            ? $"steady state: yes ({string.Join("; ", r.SteadyState.Tests.Select(t => t.Detail))})"
            : $"steady state: NO: {string.Join("; ", r.SteadyState.Reasons)}");
        var e = r.Errors;
        Console.WriteLine($"errors: blocks {(e.ChosenFromData ? "chosen from the data" : "from analysis.blocks")}: "
            + string.Join(", ", new[] { "R_K", "ΔT", "J", "k_A", "k_B" }.Select(q => $"{q} {e.Blocks[q]}"))
            + $" of {e.Samples} samples; statistical inefficiency " + string.Join(", ", e.Decorrelations.Select(d => $"{d.Quantity} {d.StatisticalInefficiency:G2}")) + " samples");
        if (info.Theory is { } theory)
            foreach (var line in theory.Lines(r.Units)) Console.WriteLine(line);
        Console.WriteLine($"fit margins {r.MarginReservoir:G4} (reservoir), {r.MarginInterface:G4} (interface) {r.Units.Length}");
        foreach (var warning in e.Warnings) Console.WriteLine($"warning: {warning}");
        Console.WriteLine($"{info.Atoms} atoms, {info.Steps} steps in {info.WallSeconds:F1} s ({info.AtomStepsPerSecond:E3} atom-steps/s) on {info.Device}");
        if (info.TimeToAnswer is { } t) Console.WriteLine($"time to answer: {t.Describe(info.WallSeconds)}");
        Console.WriteLine($"output: {outcome.OutputDirectory}");
        if (outcome.TrajectoryFiles is { Count: > 0 } trajectory)
            Console.WriteLine($"trajectory (H5MD): {string.Join(", ", trajectory.Select(Path.GetFileName))}");
    }

    /// <summary>A batch of replicas: one line per replica, then the pooled values with the error between replicas.</summary>
    public static void Print(ReplicaOutcome outcome)
    {
        var summary = outcome.Summary;
        Console.WriteLine();
        foreach (var row in summary.Rows)
            Console.WriteLine(row.Result is { } r
                ? $"replica {row.Replica} (seed {row.Seed}): R_K = {ReplicaQuantity.Named("R_K").Shown(r)}, ΔT = {r.DeltaT}, J = {ReplicaQuantity.Named("J").Shown(r)}{(r.SteadyState.Steady ? "" : "  (NOT steady)")}"
                : $"replica {row.Replica} (seed {row.Seed}): analysis failed: {row.Failure}");
        Console.WriteLine();
        Console.WriteLine($"pooled over {summary.Pooled["R_K"].Runs} replicas (mean ± standard error between replicas; mean of the replicas' block errors beside):");
        foreach (var q in ReplicaQuantity.All)
        {
            var p = summary.Pooled[q.Name];
            string flag = p.ErrorsDisagree ? $"   (replica scatter and block errors disagree by more than {PooledQuantity.DisagreementFactor}x)" : "";
            Console.WriteLine($"{q.Name,-5} = {new Measured(p.Mean, p.StdErr, p.Unit)}   (with the block errors: {Format.Value(p.Mean, p.BlockStdErr)}){flag}");
        }
        var info = outcome.Batch;
        if (info.Theory is { } theory && summary.Rows.FirstOrDefault(r => r.Result is not null)?.Result is { } any)
            foreach (var line in theory.Lines(any.Units)) Console.WriteLine(line);
        Console.WriteLine($"{summary.Rows.Count} replicas of {info.Atoms / summary.Rows.Count} atoms ({info.Atoms} in all), {info.Steps} steps in {info.WallSeconds:F1} s ({info.AtomStepsPerSecond:E3} atom-steps/s) on {info.Device}");
        Console.WriteLine($"output: {outcome.OutputDirectory} ({RunOutputs.ReplicasCsv}, {RunOutputs.ReplicasJson}; each replica's run in {ReplicaRunner.FolderName(0)} ...)");
    }
}
