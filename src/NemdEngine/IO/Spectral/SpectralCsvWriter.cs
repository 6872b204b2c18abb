using System.Globalization;
using System.Text;
using NemdEngine.Analysis;

namespace NemdEngine.IO.Spectral;

/// <summary>
/// spectral.csv (one row per frequency: f, ω, q and its two sides' shares, g, T, T per area) and
/// vdos.csv (f, each side's density of states); '#' lines state the units. In metal units a column
/// frequency_THz repeats f (1/ps is a THz), so the files read the same as in papers.
/// </summary>
public static class SpectralCsvWriter
{
    public const string Spectral = "spectral.csv", Vdos = "vdos.csv";

    public static string SpectralCsv(SpectralResult r)
    {
        var u = r.Units;
        bool thz = u.Name == "metal";
        var csv = new StringBuilder();
        csv.Append(CultureInfo.InvariantCulture,
            $"# spectral heat current across the interface: f = ω/2π in 1/{u.Time}{(thz ? " (= THz)" : "")}, ω in rad/{u.Time}; q, q_A_side, q_B_side in {u.Energy} ({u.Energy}/{u.Time} per 1/{u.Time} of f; ∫ q df = the interfacial power);\n");
        csv.Append(CultureInfo.InvariantCulture,
            $"# g = q/(A ΔT) in {u.Conductance} per 1/{u.Time}; transmission = q/(k_B ΔT) (channels over the cross-section A = {r.Area:G6} {u.Length}²), transmission_per_area in 1/{u.Length}²; ΔT = {r.DeltaT:G6} {u.Temperature}; {r.Segments} segments of {r.Plan.SegmentSamples} samples, Δf = {r.Plan.Resolution:G6} 1/{u.Time}\n");
        csv.Append(thz ? "frequency,frequency_THz,omega,q,q_A_side,q_B_side,g,transmission,transmission_per_area\n"
                       : "frequency,omega,q,q_A_side,q_B_side,g,transmission,transmission_per_area\n");
        for (int m = 0; m < r.Frequency.Length; m++)
        {
            double f = r.Frequency[m];
            csv.Append(CultureInfo.InvariantCulture, $"{f:R},");
            if (thz) csv.Append(CultureInfo.InvariantCulture, $"{f:R},");
            csv.Append(CultureInfo.InvariantCulture,
                $"{2 * Math.PI * f:R},{F(r.Q[m])},{F(r.QA[m])},{F(r.QB[m])},{F(r.G[m])},{F(r.Transmission[m])},{F(r.Transmission[m] / r.Area)}\n");
        }
        return csv.ToString();
    }

    public static string VdosCsv(SpectralResult r)
    {
        var u = r.Units;
        bool thz = u.Name == "metal";
        var csv = new StringBuilder();
        csv.Append(CultureInfo.InvariantCulture,
            $"# vibrational density of states of the sampled atoms of each side (A: {r.AtomsA} atoms, B: {r.AtomsB}, within {r.Plan.Thickness:G6} {u.Length} of the interface), from the mass-weighted velocity spectrum Σ m |v(f)|²; f in 1/{u.Time}{(thz ? " (= THz)" : "")}; D in {u.Time}, ∫ D df = 1 per side\n");
        csv.Append(thz ? "frequency,frequency_THz,dos_A,dos_B\n" : "frequency,dos_A,dos_B\n");
        for (int m = 0; m < r.Frequency.Length; m++)
        {
            double f = r.Frequency[m];
            csv.Append(CultureInfo.InvariantCulture, $"{f:R},");
            if (thz) csv.Append(CultureInfo.InvariantCulture, $"{f:R},");
            csv.Append(CultureInfo.InvariantCulture, $"{F(r.DosA[m])},{F(r.DosB[m])}\n");
        }
        return csv.ToString();
    }

    public static void Write(string directory, SpectralResult r)
    {
        AtomicFile.WriteText(Path.Combine(directory, Spectral), SpectralCsv(r));
        AtomicFile.WriteText(Path.Combine(directory, Vdos), VdosCsv(r));
    }

    private static string F(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
