using NemdEngine.Model;
using NemdEngine.Sampling.Spectral;

namespace NemdEngine.Analysis;

/// <summary>
/// The spectral heat current of a run next to its Kapitza result: q(f) (energy: power per unit
/// frequency f = ω/2π, one-sided, summed over the interface), the spectral conductance
/// g(f) = q/(A ΔT), the transmission-like function T(f) = q/(k_B ΔT) (the classical Landauer form
/// q = k_B ΔT T(ω), Sääskilahti et al. 2014: a number of channels over the whole cross-section; T/A per
/// area), each side's vibrational density of states (normalised to ∫ D df = 1) and the sum rule:
/// ∫ q df against the power the baths drive through the interface, J·A.
/// </summary>
public sealed record SpectralResult
{
    public required UnitSystem Units { get; init; }
    public required SpectralPlan Plan { get; init; }
    /// <summary>f = ω/2π (1/time; THz in metal units).</summary>
    public required double[] Frequency { get; init; }
    public required double[] Q { get; init; }
    /// <summary>The shares of side A's and side B's atoms (the two halves of the symmetric form; each integrates to about Q/2).</summary>
    public required double[] QA { get; init; }
    public required double[] QB { get; init; }
    /// <summary>g = q / (A ΔT) (conductance per unit frequency).</summary>
    public required double[] G { get; init; }
    /// <summary>T = q / (k_B ΔT) (dimensionless, the whole cross-section).</summary>
    public required double[] Transmission { get; init; }
    public required double[] DosA { get; init; }
    public required double[] DosB { get; init; }
    public required int Segments { get; init; }
    public required int AtomsA { get; init; }
    public required int AtomsB { get; init; }
    /// <summary>Cross-section (length²) and the ΔT used (temperature).</summary>
    public required double Area { get; init; }
    public required double DeltaT { get; init; }
    /// <summary>∫ q df (energy/time): the mean interfacial power over the segments, its error from the segments that do not overlap.</summary>
    public required Measured IntegratedPower { get; init; }
    /// <summary>J·A from the baths (energy/time).</summary>
    public required Measured BathPower { get; init; }
    /// <summary>(∫ q df − J·A) / (J·A).</summary>
    public required double RelativeDifference { get; init; }
    /// <summary>√(σ_q² + σ_JA²) (energy/time) and the difference in units of it.</summary>
    public required double CombinedStdErr { get; init; }
    public double Sigmas => (IntegratedPower.Value - BathPower.Value) / CombinedStdErr;
    /// <summary>∫ g df = ∫ q df / (A ΔT) (conductance), next to the NEMD G = J/ΔT.</summary>
    public double IntegratedConductance => IntegratedPower.Value / (Area * DeltaT);
}

public static class SpectralAnalysis
{
    /// <summary>The spectral result of <paramref name="spectra"/> with the run's J and ΔT (<paramref name="kapitza"/>).</summary>
    public static SpectralResult Analyze(WelchSpectra spectra, SpectralPlan plan, int atomsA, int atomsB, KapitzaResult kapitza)
    {
        var u = kapitza.Units;
        double area = kapitza.Layout.Area, deltaT = kapitza.DeltaT.Value;
        double kT = u.EnergyOf(deltaT);
        var q = spectra.Q;
        string power = $"{u.Energy}/{u.Time}";
        var integrated = new Measured(q.Sum() * spectra.Resolution, IndependentSegmentsError(spectra.SegmentPower), power);
        var bath = new Measured(kapitza.HeatFlux.Value * area, kapitza.HeatFlux.StdErr * area, power);
        return new SpectralResult
        {
            Units = u,
            Plan = plan,
            Frequency = spectra.Frequencies,
            Q = q,
            QA = spectra.QA,
            QB = spectra.QB,
            G = q.Select(x => x / (area * deltaT)).ToArray(),
            Transmission = q.Select(x => x / kT).ToArray(),
            DosA = spectra.DosA,
            DosB = spectra.DosB,
            Segments = spectra.Segments,
            AtomsA = atomsA,
            AtomsB = atomsB,
            Area = area,
            DeltaT = deltaT,
            IntegratedPower = integrated,
            BathPower = bath,
            RelativeDifference = (integrated.Value - bath.Value) / bath.Value,
            CombinedStdErr = Math.Sqrt(integrated.StdErr * integrated.StdErr + bath.StdErr * bath.StdErr),
        };
    }

    /// <summary>
    /// Standard error of the mean segment power from every other segment: those do not overlap (segments
    /// overlap by half), so they are close to independent when a segment outlasts the power's
    /// correlation time. NaN with fewer than 2.
    /// </summary>
    public static double IndependentSegmentsError(IReadOnlyList<double> segmentPower)
    {
        var even = segmentPower.Where((_, s) => s % 2 == 0).ToArray();
        if (even.Length < 2) return double.NaN;
        double mean = even.Average();
        double variance = even.Sum(p => (p - mean) * (p - mean)) / (even.Length - 1);
        return Math.Sqrt(variance / even.Length);
    }
}
