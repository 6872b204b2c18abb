using NemdEngine.Analysis;
using NemdEngine.Model;
using ScottPlot;

namespace NemdEngine.IO;

/// <summary>profile.png: the temperature profile with error bars, both fitted lines extended to the interface, and ΔT.</summary>
public static class ProfilePlot
{
    public static void Write(string path, KapitzaResult r)
    {
        var plot = new Plot();
        var bins = r.Profile.Where(b => b.Region != Region.Frozen && double.IsFinite(b.Temperature)).ToArray();
        double[] z = bins.Select(b => b.Z).ToArray(), t = bins.Select(b => b.Temperature).ToArray();
        double[] err = bins.Select(b => double.IsFinite(b.StdErr) ? b.StdErr : 0).ToArray();
        var points = plot.Add.Scatter(z, t);
        points.LineWidth = 0;
        points.MarkerSize = 5;
        points.LegendText = "T per bin (± block stderr)";
        plot.Add.ErrorBar(z, t, err);

        void Fit(SideFit side, ScottPlot.Color color)
        {
            // Each line spans its fit window and is extended to the interface plane.
            double from = side.Side == "A" ? side.WindowLow : r.InterfaceZ;
            double to = side.Side == "A" ? r.InterfaceZ : side.WindowHigh;
            var line = plot.Add.Line(from, side.Line.Evaluate(from), to, side.Line.Evaluate(to));
            line.LineColor = color;
            line.LineWidth = 2;
            line.LegendText = $"fit {side.Side}: dT/dz = {side.Slope}";
        }
        Fit(r.FitA, Colors.OrangeRed);
        Fit(r.FitB, Colors.RoyalBlue);

        var interfaceLine = plot.Add.VerticalLine(r.InterfaceZ);
        interfaceLine.LinePattern = LinePattern.Dashed;
        interfaceLine.LineColor = Colors.Gray;
        interfaceLine.LegendText = "interface";
        double ta = r.FitA.InterfaceTemperature.Value, tb = r.FitB.InterfaceTemperature.Value;
        var gap = plot.Add.Line(r.InterfaceZ, ta, r.InterfaceZ, tb);
        gap.LineColor = Colors.Black;
        gap.LineWidth = 3;
        gap.LegendText = $"ΔT = {r.DeltaT}";

        plot.Title($"R_K = {r.KapitzaResistance}");
        plot.XLabel($"z ({r.Units.Length})");
        plot.YLabel($"T ({r.Units.Temperature})");
        plot.ShowLegend(Alignment.UpperRight);
        AtomicFile.Write(path, path + ".tmp.png", temporary => plot.SavePng(temporary, 900, 600));
    }
}
