using NemdEngine.Analysis;

namespace NemdEngine.IO;

/// <summary>The files of a finished run folder.</summary>
public static class RunOutputs
{
    public const string Results = "results.json", Profile = "profile.csv", Plot = "profile.png", PlotSvg = "profile.svg";

    /// <param name="spectral">The spectral heat current ([spectral]): its summary goes into results.json, its CSV files and plots beside.</param>
    public static void Write(string directory, KapitzaResult result, RunInfo info, SpectralResult? spectral = null)
    {
        ResultsJsonWriter.Write(Path.Combine(directory, Results), result, info, spectral);
        ProfileCsvWriter.Write(Path.Combine(directory, Profile), result);
        ProfilePlot.Write(Path.Combine(directory, Plot), result, info.Deck);
        if (spectral is null) return;
        Spectral.SpectralCsvWriter.Write(directory, spectral);
        Spectral.SpectralPlot.Write(directory, spectral);
    }
}
