using NemdEngine.Analysis;

namespace NemdEngine.IO;

/// <summary>The files of a finished run folder.</summary>
public static class RunOutputs
{
    public const string Results = "results.json", Profile = "profile.csv", Plot = "profile.png", PlotSvg = "profile.svg";
    /// <summary>The NEMD spectral conductance over the AGF's (a run with [spectral] and the phonon models).</summary>
    public const string SpectralOverAgf = "spectral-vs-agf.png";
    /// <summary>The pooled table of a batch of replicas (nemd run --replicas), in the batch's folder.</summary>
    public const string ReplicasJson = "replicas.json", ReplicasCsv = "replicas.csv";

    /// <param name="spectral">The spectral heat current ([spectral]): its summary goes into results.json, its CSV files and plots beside.</param>
    public static void Write(string directory, KapitzaResult result, RunInfo info, SpectralResult? spectral = null)
    {
        ResultsJsonWriter.Write(Path.Combine(directory, Results), result, info, spectral);
        ProfileCsvWriter.Write(Path.Combine(directory, Profile), result);
        ProfilePlot.Write(Path.Combine(directory, Plot), result, info.Deck);
        if (spectral is null) return;
        Spectral.SpectralCsvWriter.Write(directory, spectral);
        Spectral.SpectralPlot.Write(directory, spectral);
        if (info.Theory?.Result.Agf is { } agf)
        {
            // The NEMD g is per unit f = ω/2π, the AGF's per unit ω (G = ∫ g dω): the same quantity per rad is g/2π.
            Theory.TheoryPlots.WriteOverlay(Path.Combine(directory, SpectralOverAgf), agf,
                spectral.Frequency.Select(f => 2 * Math.PI * f).ToArray(), spectral.G.Select(g => g / (2 * Math.PI)).ToArray(), spectral.Units);
        }
    }
}
