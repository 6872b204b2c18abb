using NemdEngine.Model;

namespace NemdEngine.Analysis;

/// <summary>The bins and line fitted on one side of the interface.</summary>
public sealed record SideFit(string Side, double WindowLow, double WindowHigh, LineFit Line, Measured Slope, Measured InterfaceTemperature);

/// <summary>
/// How the standard errors were made: the decorrelation of each per-sample series, and for each
/// reported quantity (R_K, ΔT, k_B, ...) the number of contiguous blocks production was split into,
/// chosen from the decorrelation of its inputs unless the deck gave a count; warnings when an error
/// is not to be trusted.
/// </summary>
/// <param name="Samples">Production samples analysed.</param>
public sealed record ErrorEstimate(int Samples, bool ChosenFromData, IReadOnlyList<Decorrelation> Decorrelations, IReadOnlyDictionary<string, int> Blocks, IReadOnlyList<string> Warnings);

/// <summary>Mean temperature of one bin over production, with its block standard error.</summary>
public sealed record ProfileBin(double Z, double Temperature, double StdErr, double Atoms, Region Region);

/// <summary>Everything the analysis of a NEMD run reports; values in the run's units.</summary>
public sealed record KapitzaResult
{
    public required Measured KapitzaResistance { get; init; }
    public required Measured Conductance { get; init; }
    public required Measured DeltaT { get; init; }
    /// <summary>J = (P_hot − P_cold) / (2 A).</summary>
    public required Measured HeatFlux { get; init; }
    /// <summary>P_hot / A: heat the hot bath puts in per area and time.</summary>
    public required Measured HeatFluxHot { get; init; }
    /// <summary>−P_cold / A: heat the cold bath takes out per area and time.</summary>
    public required Measured HeatFluxCold { get; init; }
    /// <summary>|J_hot − J_cold| / J: near 0 in steady state.</summary>
    public required double FluxMismatch { get; init; }
    public required Measured ConductivityA { get; init; }
    public required Measured ConductivityB { get; init; }
    /// <summary>Mean of the two extrapolated interface temperatures.</summary>
    public required Measured MeanTemperature { get; init; }
    public required Measured HotReservoirTemperature { get; init; }
    public required Measured ColdReservoirTemperature { get; init; }
    public required SideFit FitA { get; init; }
    public required SideFit FitB { get; init; }
    public required double InterfaceZ { get; init; }
    public required double MarginReservoir { get; init; }
    public required double MarginInterface { get; init; }
    public required ErrorEstimate Errors { get; init; }
    public required double ProductionTime { get; init; }
    public required SteadyStateCheck SteadyState { get; init; }
    public required IReadOnlyList<ProfileBin> Profile { get; init; }
    public required UnitSystem Units { get; init; }
    /// <summary>Where the regions lie along z (length).</summary>
    public required BilayerLayout Layout { get; init; }
}
