using NemdEngine.Model;

namespace NemdEngine.Sampling;

/// <summary>
/// Everything sampled during production, the input of the analysis. Sample s was taken at
/// Times[s] (time unit, measured from the start of production).
/// </summary>
public sealed record ProductionSamples
{
    /// <summary>Centres of the temperature bins along z (length).</summary>
    public required double[] BinCenters { get; init; }
    public required double BinWidth { get; init; }
    /// <summary>Region of each bin (by its centre).</summary>
    public required Region[] BinRegions { get; init; }
    /// <summary>Mean number of atoms in each bin over production.</summary>
    public required double[] AtomsPerBin { get; init; }
    /// <summary>Time of each sample since production began (time).</summary>
    public required double[] Times { get; init; }
    /// <summary>[sample][bin] kinetic temperature Σ m v² / (3 N k_B) (temperature); NaN for an empty bin.</summary>
    public required double[][] Temperatures { get; init; }
    /// <summary>Energy the hot bath has added since production began, at each sample (energy; > 0 in steady state).</summary>
    public required double[] HotBathEnergy { get; init; }
    /// <summary>Energy the cold bath has added since production began, at each sample (energy; &lt; 0 in steady state).</summary>
    public required double[] ColdBathEnergy { get; init; }
    /// <summary>Measured kinetic temperature of the hot and cold reservoir atoms at each sample (temperature).</summary>
    public required double[] HotReservoirTemperature { get; init; }
    public required double[] ColdReservoirTemperature { get; init; }
}
