using NemdEngine.IO;
using NemdEngine.Model;
using NemdEngine.Theory.Agf;
using ScottPlot;

namespace NemdEngine.Theory;

/// <summary>
/// The figures of `nemd theory`: dispersion.png (both sides along [001]), dos.png, conductance.png
/// (log-log G(T) of each model, quantum, with the classical values dashed), and the overlay of the AGF
/// transmission with a spectral conductance from NEMD (<see cref="WriteOverlay"/>).
/// </summary>
public static class TheoryPlots
{
    public const int Width = 1000, Height = 620;
    public const string Overlay = "spectral-overlay.png";

    private static readonly Color[] Palette = [Colors.OrangeRed, Colors.RoyalBlue, Colors.ForestGreen, Colors.Black, Colors.Purple];

    public static IReadOnlyList<string> Write(string directory, TheoryResult r, IReadOnlyList<double> temperatures)
    {
        var u = r.Units;
        var written = new List<string>();
        void Save(Plot plot, string name)
        {
            string path = Path.Combine(directory, name);
            AtomicFile.Write(path, path + ".tmp.png", temporary => plot.SavePng(temporary, Width, Height));
            written.Add(path);
        }

        var dispersion = new Plot();
        foreach (var (side, color) in new[] { (r.A, Colors.OrangeRed), (r.B, Colors.RoyalBlue) })
            for (int j = 0; j < side.Dispersion[0].Frequencies.Length; j++)
            {
                var line = dispersion.Add.Scatter(side.Dispersion.Select(p => p.Fraction).ToArray(), side.Dispersion.Select(p => p.Frequencies[j]).ToArray(), color);
                line.MarkerSize = 0;
                if (j == 0) line.LegendText = $"{side.Side}: {side.Species} (mass {side.Mass:G4} {u.Mass})";
            }
        dispersion.Title("Phonon dispersion along [001]");
        dispersion.XLabel("q / (2π/a_z): Γ (0) to X (1)");
        dispersion.YLabel($"ω ({TheoryFiles.FrequencyUnit(u)})");
        dispersion.ShowLegend(Alignment.UpperLeft);
        Save(dispersion, "dispersion.png");

        var dos = new Plot();
        foreach (var (side, color) in new[] { (r.A, Colors.OrangeRed), (r.B, Colors.RoyalBlue) })
        {
            var s = side.Model.Spectrum;
            var line = dos.Add.Scatter(s.Grid.Values, s.DensityOfStates, color);
            line.MarkerSize = 0;
            line.LegendText = $"{side.Side}: {side.Species}";
        }
        dos.Title("Density of states per atom");
        dos.XLabel($"ω ({TheoryFiles.FrequencyUnit(u)})");
        dos.YLabel($"g(ω) (1/({TheoryFiles.FrequencyUnit(u)}))");
        dos.ShowLegend(Alignment.UpperLeft);
        Save(dos, "dos.png");

        var g = new Plot();
        var curves = r.Curves(temperatures);
        var logT = curves.Select(c => Math.Log10(c.T)).ToArray();
        for (int m = 0; m < r.Models.Count; m++)
        {
            var color = Palette[m % Palette.Length];
            var line = g.Add.Scatter(logT, curves.Select(c => Math.Log10(Math.Max(c.G[m], 1e-300))).ToArray(), color);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = $"{r.Models[m].Name} (quantum)";
            var classical = g.Add.HorizontalLine(Math.Log10(r.Models[m].Classical));
            classical.LineColor = color;
            classical.LinePattern = LinePattern.Dashed;
        }
        var at = g.Add.VerticalLine(Math.Log10(r.Temperature));
        at.LineColor = Colors.Gray;
        at.LinePattern = LinePattern.Dotted;
        at.LegendText = $"deck T = {r.Temperature:G4} {u.Temperature}";
        g.Title("Landauer conductance per area (dashed: classical)");
        g.XLabel($"log₁₀ T ({u.Temperature})");
        g.YLabel($"log₁₀ G ({u.Conductance})");
        g.ShowLegend(Alignment.LowerRight);
        Save(g, "conductance.png");
        return written;
    }

    /// <summary>
    /// The overlay figure: a spectral conductance g(ω) (e.g. the NEMD q(ω)/(A ΔT), in the deck's
    /// conductance unit per rad/time) next to the AGF transmission as the classical spectral conductance
    /// k_B T(ω)/2π, the harmonic elastic part of the same quantity.
    /// </summary>
    public static void WriteOverlay(string path, AgfSpectrum agf, IReadOnlyList<double> omega, IReadOnlyList<double> spectralConductance, UnitSystem units,
        string label = "NEMD g(ω) = q(ω)/(A ΔT)")
    {
        var plot = new Plot();
        var nemd = plot.Add.Scatter(omega.ToArray(), spectralConductance.ToArray(), Colors.DarkSlateGray);
        nemd.MarkerSize = 0;
        nemd.LineWidth = 2;
        nemd.LegendText = label;
        var t = plot.Add.Scatter(agf.Grid.Values, agf.Transmission.Select(x => units.Boltzmann * x / (2 * Math.PI)).ToArray(), Colors.OrangeRed);
        t.MarkerSize = 0;
        t.LineWidth = 2;
        t.LegendText = "AGF k_B T(ω)/2π (harmonic, classical)";
        plot.Title("Spectral conductance across the interface");
        plot.XLabel($"ω ({TheoryFiles.FrequencyUnit(units)})");
        plot.YLabel($"g(ω) ({units.Conductance} per {TheoryFiles.FrequencyUnit(units)})");
        plot.ShowLegend(Alignment.UpperRight);
        AtomicFile.Write(path, path + ".tmp.png", temporary => plot.SavePng(temporary, Width, Height));
    }
}
