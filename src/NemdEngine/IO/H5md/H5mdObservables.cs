using NemdEngine.IO.Trajectory;
using PureHDF;

namespace NemdEngine.IO.H5md;

/// <summary>
/// The NEMD observables as H5MD writes them, under /observables/NAME/{step, time, value}, in the
/// trajectory files and in samples.h5md alike: the same names, units and per-bin datasets.
/// </summary>
internal static class H5mdObservables
{
    public const string Profile = "temperature_profile";

    /// <summary>Observables per sample: name, unit, and width (0 for a scalar, else one value per bin).</summary>
    public static IEnumerable<(string Name, H5mdUnit Unit, int Width)> Names(H5mdUnits units, int bins) =>
    [
        ("hot_bath_energy", units.Energy, 0),
        ("cold_bath_energy", units.Energy, 0),
        ("hot_reservoir_temperature", units.Temperature, 0),
        ("cold_reservoir_temperature", units.Temperature, 0),
        (Profile, units.Temperature, bins),
    ];

    /// <summary>Adds bin_center (length), bin_region and bin_side (codes) to the temperature_profile group.</summary>
    public static void AddBins(H5Group profile, ProfileBins bins, H5mdUnits units)
    {
        var centers = new H5Dataset(bins.Centers.Select(z => z * units.Length.Scale).ToArray());
        units.Length.ApplyTo(centers);
        profile["bin_center"] = centers;
        profile["bin_region"] = (int[])bins.Regions.Clone();
        profile["bin_side"] = (int[])bins.Sides.Clone();
    }

    /// <summary>The values of observable <paramref name="name"/> over <paramref name="samples"/>, flat [samples][width], in the file's unit.</summary>
    public static double[] Values(string name, IReadOnlyList<ObservableSample> samples, H5mdUnit unit)
    {
        Func<ObservableSample, double> scalar = name switch
        {
            "hot_bath_energy" => x => x.HotBathEnergy,
            "cold_bath_energy" => x => x.ColdBathEnergy,
            "hot_reservoir_temperature" => x => x.HotReservoirTemperature,
            "cold_reservoir_temperature" => x => x.ColdReservoirTemperature,
            Profile => _ => 0,
            _ => throw new ArgumentException($"unknown observable '{name}'", nameof(name)),
        };
        var values = name == Profile ? samples.SelectMany(x => x.Profile).ToArray() : samples.Select(scalar).ToArray();
        if (unit.Scale != 1)
            for (int k = 0; k < values.Length; k++) values[k] *= unit.Scale;
        return values;
    }
}
