using NemdEngine.Analysis;
using ScottPlot;

namespace NemdEngine.IO.Spectral;

/// <summary>
/// spectral.png/.svg: q(f) with the shares of the two sides' atoms, the sum rule in the title and
/// the transmission-like function's scale in the axis label (T = q / (k_B ΔT), the same curve);
/// vdos.png/.svg: each side's density of states. Written like <see cref="ProfilePlot"/>.
/// </summary>
public static class SpectralPlot
{
    public const string Spectral = "spectral.png", SpectralSvg = "spectral.svg", Vdos = "vdos.png", VdosSvg = "vdos.svg";

    /// <summary>The frequency range worth showing: up to 1.15 × the highest frequency where either side's density of states exceeds 1 % of its peak (the Nyquist frequency is usually far above the phonons).</summary>
    public static double ShownUpTo(SpectralResult r)
    {
        double peak = r.DosA.Concat(r.DosB).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        int last = 0;
        for (int m = 0; m < r.Frequency.Length; m++)
            if (Math.Max(r.DosA[m], r.DosB[m]) > 0.01 * peak) last = m;
        return last > 0 ? Math.Min(r.Frequency[^1], 1.15 * r.Frequency[last]) : r.Frequency[^1];
    }

    public static Plot BuildSpectral(SpectralResult r)
    {
        var u = r.Units;
        var plot = new Plot();
        double[] f = r.Frequency;
        void Line(double[] y, ScottPlot.Color color, string legend, bool dashed)
        {
            var line = plot.Add.ScatterLine(f, y, color);
            line.LineWidth = dashed ? 1.5f : 2.5f;
            if (dashed) line.LinePattern = LinePattern.Dashed;
            line.LegendText = legend;
        }
        Line(r.Q, Colors.Black, "q(f): both sides", false);
        Line(r.QA, Colors.OrangeRed, "share of side A's atoms", true);
        Line(r.QB, Colors.RoyalBlue, "share of side B's atoms", true);
        var zero = plot.Add.HorizontalLine(0);
        zero.LineColor = Colors.Gray;
        zero.LineWidth = 1;
        double kT = u.EnergyOf(r.DeltaT);
        plot.Title($"∫q df = {r.IntegratedPower}   J·A = {r.BathPower}   ({100 * r.RelativeDifference:+0.0;-0.0} %)");
        plot.XLabel(u.Name == "metal" ? "f (THz)" : $"f = ω/2π (1/{u.Time})");
        plot.YLabel($"q(f) ({u.Energy});  T(f) = q / {kT:G4} {u.Energy}");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(0, ShownUpTo(r));
        return plot;
    }

    public static Plot BuildVdos(SpectralResult r)
    {
        var u = r.Units;
        var plot = new Plot();
        var a = plot.Add.ScatterLine(r.Frequency, r.DosA, Colors.OrangeRed);
        a.LineWidth = 2;
        a.LegendText = $"side A ({r.AtomsA} atoms)";
        var b = plot.Add.ScatterLine(r.Frequency, r.DosB, Colors.RoyalBlue);
        b.LineWidth = 2;
        b.LegendText = $"side B ({r.AtomsB} atoms)";
        plot.Title($"Vibrational density of states within {r.Plan.Thickness:G4} {u.Length} of the interface");
        plot.XLabel(u.Name == "metal" ? "f (THz)" : $"f = ω/2π (1/{u.Time})");
        plot.YLabel($"D(f) ({u.Time}), ∫ D df = 1");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(0, ShownUpTo(r));
        return plot;
    }

    public static void Write(string directory, SpectralResult r)
    {
        Save(BuildSpectral(r), Path.Combine(directory, Spectral));
        Save(BuildVdos(r), Path.Combine(directory, Vdos));
    }

    private static void Save(Plot plot, string pngPath)
    {
        string svgPath = Path.ChangeExtension(pngPath, ".svg");
        AtomicFile.Write(pngPath, pngPath + ".tmp.png", temporary => plot.SavePng(temporary, ProfilePlot.Width, ProfilePlot.Height));
        AtomicFile.Write(svgPath, svgPath + ".tmp.svg", temporary => plot.SaveSvg(temporary, ProfilePlot.Width, ProfilePlot.Height));
    }
}
