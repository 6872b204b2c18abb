using NemdEngine.Analysis;
using NemdEngine.Input;
using NemdEngine.Model;
using ScottPlot;

namespace NemdEngine.IO;

/// <summary>
/// profile.png and profile.svg (for talks and papers): the temperature profile with error bars
/// (markers and bars in one colour), both fitted lines extended to the interface, and ΔT; the
/// reservoirs shaded with their set-points drawn, the fit margins shaded lighter, each material
/// labelled with its species and mass, and R_K and J in the title.
/// </summary>
public static class ProfilePlot
{
    public const int Width = 1000, Height = 620;

    /// <param name="deck">The deck as run, for the set-points and the materials; null draws neither.</param>
    public static Plot Build(KapitzaResult r, Deck? deck)
    {
        var plot = new Plot();
        var u = r.Units;
        var layout = r.Layout;
        var reservoirColor = Colors.Gray.WithAlpha(0.18);
        var marginColor = Colors.Gray.WithAlpha(0.07);
        void Shade(double from, double to, ScottPlot.Color color, string? legend = null)
        {
            if (!(to > from)) return;
            var span = plot.Add.HorizontalSpan(from, to, color);
            span.LineWidth = 0;
            if (legend is not null) span.LegendText = legend;
        }
        Shade(layout.FrozenLowTop, layout.HotReservoirTop, reservoirColor, "reservoirs");
        Shade(layout.ColdReservoirBottom, layout.FrozenHighBottom, reservoirColor);
        Shade(layout.HotReservoirTop, r.FitA.WindowLow, marginColor, "fit margins (not fitted)");
        Shade(r.FitA.WindowHigh, r.FitB.WindowLow, marginColor);
        Shade(r.FitB.WindowHigh, layout.ColdReservoirBottom, marginColor);

        var bins = r.Profile.Where(b => b.Region != Region.Frozen && double.IsFinite(b.Temperature)).ToArray();
        double[] z = bins.Select(b => b.Z).ToArray(), t = bins.Select(b => b.Temperature).ToArray();
        double[] err = bins.Select(b => double.IsFinite(b.StdErr) ? b.StdErr : 0).ToArray();
        var pointColor = Colors.DarkSlateGray;
        var bars = plot.Add.ErrorBar(z, t, err);
        bars.Color = pointColor;
        var points = plot.Add.Scatter(z, t, pointColor);
        points.LineWidth = 0;
        points.MarkerSize = 6;
        points.LegendText = "T per bin (± standard error)";

        if (deck is not null)
        {
            void SetPoint(double from, double to, double temperature, string name)
            {
                var line = plot.Add.Line(from, temperature, to, temperature);
                line.LineColor = Colors.Black;
                line.LinePattern = LinePattern.Dotted;
                line.LineWidth = 2;
                if (name.Length > 0) line.LegendText = name;
            }
            SetPoint(layout.FrozenLowTop, layout.HotReservoirTop, deck.Thermostat.THot, "reservoir set-points");
            SetPoint(layout.ColdReservoirBottom, layout.FrozenHighBottom, deck.Thermostat.TCold, "");
        }

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

        if (deck?.Geometry is { } geometry)
        {
            // Material labels at the bottom of each side, below the data.
            double low = t.Length > 0 ? t.Min() - 0.08 * Math.Max(t.Max() - t.Min(), 1e-12) : 0;
            void Material(double from, double to, string side, string species)
            {
                double mass = deck.Species.FirstOrDefault(s => s.Name == species)?.Mass ?? double.NaN;
                var label = plot.Add.Text($"{side}: {species} (mass {mass:G4} {u.Mass})", 0.5 * (from + to), low);
                label.LabelFontSize = 14;
                label.LabelBold = true;
                label.LabelAlignment = Alignment.UpperCenter;
            }
            Material(layout.HotReservoirTop, r.InterfaceZ, "A", geometry.SpeciesA);
            Material(r.InterfaceZ, layout.ColdReservoirBottom, "B", geometry.SpeciesB);
        }

        plot.Title($"R_K = {r.KapitzaResistance}    J = {r.HeatFlux}");
        plot.XLabel($"z ({u.Length})");
        plot.YLabel($"T ({u.Temperature})");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Writes the plot as PNG to <paramref name="pngPath"/> and as SVG beside it (same name, .svg), each through a temporary.</summary>
    public static void Write(string pngPath, KapitzaResult r, Deck? deck)
    {
        var plot = Build(r, deck);
        string svgPath = Path.ChangeExtension(pngPath, ".svg");
        AtomicFile.Write(pngPath, pngPath + ".tmp.png", temporary => plot.SavePng(temporary, Width, Height));
        AtomicFile.Write(svgPath, svgPath + ".tmp.svg", temporary => plot.SaveSvg(temporary, Width, Height));
    }
}
