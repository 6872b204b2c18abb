namespace NemdEngine.IO.Trajectory;

/// <summary>
/// The NEMD observables at one profile sample: energy each bath has exchanged since production
/// began (energy; hot > 0, cold &lt; 0), measured kinetic temperature of each reservoir
/// (temperature) and the temperature of every z bin (temperature; NaN for an empty bin).
/// </summary>
public readonly record struct ObservableSample(
    long Step,
    double Time,
    double HotBathEnergy,
    double ColdBathEnergy,
    double HotReservoirTemperature,
    double ColdReservoirTemperature,
    double[] Profile);
