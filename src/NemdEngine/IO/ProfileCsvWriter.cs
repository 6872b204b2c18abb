using System.Globalization;
using System.Text;
using NemdEngine.Analysis;

namespace NemdEngine.IO;

/// <summary>profile.csv: one row per bin, columns z, T, stderr, atoms, region; a '#' line states the units.</summary>
public static class ProfileCsvWriter
{
    public static string ToCsv(KapitzaResult r)
    {
        var csv = new StringBuilder();
        csv.Append(CultureInfo.InvariantCulture, $"# z in {r.Units.Length}; T and stderr in {r.Units.Temperature}; atoms = mean atoms in the bin\n");
        csv.Append("z,T,stderr,atoms,region\n");
        foreach (var b in r.Profile)
            csv.Append(CultureInfo.InvariantCulture, $"{b.Z:R},{Format(b.Temperature)},{Format(b.StdErr)},{b.Atoms:R},{b.Region}\n");
        return csv.ToString();
    }

    public static void Write(string path, KapitzaResult r) => AtomicFile.WriteText(path, ToCsv(r));

    private static string Format(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
