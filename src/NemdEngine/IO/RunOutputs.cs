using NemdEngine.Analysis;

namespace NemdEngine.IO;

/// <summary>The files of a finished run folder.</summary>
public static class RunOutputs
{
    public const string Results = "results.json", Profile = "profile.csv", Plot = "profile.png", PlotSvg = "profile.svg";

    public static void Write(string directory, KapitzaResult result, RunInfo info)
    {
        ResultsJsonWriter.Write(Path.Combine(directory, Results), result, info);
        ProfileCsvWriter.Write(Path.Combine(directory, Profile), result);
        ProfilePlot.Write(Path.Combine(directory, Plot), result, info.Deck);
    }
}
