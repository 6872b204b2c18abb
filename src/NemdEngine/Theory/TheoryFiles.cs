using System.Globalization;
using System.Text;
using NemdEngine.IO;
using NemdEngine.Model;
using NemdEngine.Phonons;
using NemdEngine.Theory.Agf;

namespace NemdEngine.Theory;

/// <summary>
/// The CSV files of `nemd theory` (each with a '#' line stating the units):
/// dispersion-A.csv / -B.csv (Γ→X along [001]), dos-A.csv / -B.csv (g(ω) per atom and the transmitting
/// channels per area), models-transmission.csv (each model's T(ω)), agf-transmission.csv (T(ω) with both
/// leads' channels: what the overlay with the NEMD spectral conductance reads), conductance-vs-temperature.csv.
/// </summary>
public static class TheoryFiles
{
    public const string AgfTransmission = "agf-transmission.csv", ModelsTransmission = "models-transmission.csv", Conductance = "conductance-vs-temperature.csv";

    public static string FrequencyUnit(UnitSystem u) => $"rad/{u.Time}";
    public static string AreaDensityUnit(UnitSystem u) => $"1/{u.Length}²";

    public static IReadOnlyList<string> Write(string directory, TheoryResult r, IReadOnlyList<double> temperatures)
    {
        var u = r.Units;
        var written = new List<string>();
        void Save(string name, string text)
        {
            string path = Path.Combine(directory, name);
            AtomicFile.WriteText(path, text);
            written.Add(path);
        }
        foreach (var side in new[] { r.A, r.B })
        {
            Save($"dispersion-{side.Side}.csv", Dispersion(side, u));
            Save($"dos-{side.Side}.csv", Dos(side, u));
        }
        Save(ModelsTransmission, Models(r));
        if (r.Agf is not null) Save(AgfTransmission, Agf(r.Agf, u));
        Save(Conductance, Curves(r, temperatures));
        return written;
    }

    private static string Dispersion(SidePhonons side, UnitSystem u)
    {
        var csv = Header($"side {side.Side} ({side.Species}, mass {side.Mass:G6} {u.Mass}): dispersion along [001], Γ (0) to X (1); q in 1/{u.Length}, ω in {FrequencyUnit(u)}");
        int branches = side.Dispersion[0].Frequencies.Length;
        csv.Append("fraction,q,").Append(string.Join(',', Enumerable.Range(1, branches).Select(j => $"omega_{j}"))).Append('\n');
        foreach (var p in side.Dispersion)
            csv.Append(F(p.Fraction)).Append(',').Append(F(p.Q)).Append(',').Append(string.Join(',', p.Frequencies.Select(F))).Append('\n');
        return csv.ToString();
    }

    private static string Dos(SidePhonons side, UnitSystem u)
    {
        var s = side.Model.Spectrum;
        var csv = Header($"side {side.Side}: g per atom in 1/({FrequencyUnit(u)}) (∫ g dω = 3); channels N_j per area in {AreaDensityUnit(u)} (modes per area crossing a (001) plane, Landauer's T(ω) if all crossed)");
        csv.Append("omega,g,").Append(string.Join(',', Enumerable.Range(1, s.BranchChannels.Length).Select(j => $"channels_{j}"))).Append(",channels\n");
        var total = s.Channels;
        for (int k = 0; k < s.Grid.Count; k++)
            csv.Append(F(s.Grid[k])).Append(',').Append(F(s.DensityOfStates[k])).Append(',')
               .Append(string.Join(',', s.BranchChannels.Select(b => F(b[k])))).Append(',').Append(F(total[k])).Append('\n');
        return csv.ToString();
    }

    private static string Models(TheoryResult r)
    {
        var models = r.Models.Where(m => m.Key != "agf").ToArray();
        var grid = models[0].Grid;
        var csv = Header($"transmission T(ω) A → B per area in {AreaDensityUnit(r.Units)} (G = ∫ dω/2π ħω ∂n/∂T T(ω)); ω in {FrequencyUnit(r.Units)}");
        csv.Append("omega,").Append(string.Join(',', models.Select(m => m.Key))).Append(",channels_A,channels_B\n");
        var (na, nb) = (r.A.Model.Spectrum.Channels, r.B.Model.Spectrum.Channels);
        for (int k = 0; k < grid.Count; k++)
            csv.Append(F(grid[k])).Append(',').Append(string.Join(',', models.Select(m => F(m.Transmission[k])))).Append(',').Append(F(na[k])).Append(',').Append(F(nb[k])).Append('\n');
        return csv.ToString();
    }

    /// <summary>agf-transmission.csv: ω, T(ω), the leads' channels, and T as the classical spectral conductance k_B T(ω)/2π (the NEMD g(ω)'s unit).</summary>
    public static string Agf(AgfSpectrum agf, UnitSystem u)
    {
        var csv = Header($"AGF transmission A → B per area in {AreaDensityUnit(u)}; ω in {FrequencyUnit(u)}; g_classical = k_B T(ω)/2π in {u.Conductance} per {FrequencyUnit(u)}; {agf.KPointsComputed} transverse k-points");
        csv.Append("omega,transmission,channels_A,channels_B,g_classical\n");
        for (int k = 0; k < agf.Grid.Count; k++)
            csv.Append(F(agf.Grid[k])).Append(',').Append(F(agf.Transmission[k])).Append(',').Append(F(agf.ChannelsA?[k] ?? double.NaN)).Append(',')
               .Append(F(agf.ChannelsB?[k] ?? double.NaN)).Append(',').Append(F(u.Boltzmann * agf.Transmission[k] / (2 * Math.PI))).Append('\n');
        return csv.ToString();
    }

    private static string Curves(TheoryResult r, IReadOnlyList<double> temperatures)
    {
        var csv = Header($"quantum Landauer G(T) per area in {r.Units.Conductance}; T in {r.Units.Temperature}; classical values (T-independent) in the last row's comment");
        csv.Append("T,").Append(string.Join(',', r.Models.Select(m => m.Key))).Append('\n');
        foreach (var (t, g) in r.Curves(temperatures))
            csv.Append(F(t)).Append(',').Append(string.Join(',', g.Select(F))).Append('\n');
        csv.Append("# classical: ").Append(string.Join(", ", r.Models.Select(m => $"{m.Key} {F(m.Classical)}"))).Append('\n');
        return csv.ToString();
    }

    private static StringBuilder Header(string text) => new StringBuilder().Append("# ").Append(text).Append('\n');

    private static string F(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
