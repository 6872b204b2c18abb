using NemdEngine.IO.Trajectory;
using NemdEngine.Model;
using NemdEngine.Sampling;
using PureHDF;

namespace NemdEngine.IO.H5md;

/// <summary>
/// samples.h5md: every production sample (the analysis input that samples.bin holds for
/// `nemd analyze`) in the H5MD observables layout, for Python and other HDF5 readers, whether or
/// not a trajectory is written. Same names, units and per-bin datasets as the trajectory files'
/// /observables, plus bin_width and atoms_per_bin; step counts from the start of the run and
/// time = step × timestep, so time since production began = (step − production_start_step) × timestep.
/// Written whole through a temporary name and a rename: a reader never sees half a file.
/// </summary>
public static class SamplesFile
{
    public const string FileName = "samples.h5md";

    /// <param name="productionStartStep">Step production began at.</param>
    /// <param name="timestep">Integration timestep (time).</param>
    public static void Write(string path, ProductionSamples samples, UnitSystem unitSystem, ProfileBins bins, long productionStartStep, double timestep)
    {
        if (samples.Times.Length == 0) throw new ArgumentException("no production samples to write", nameof(samples));
        var units = H5mdUnits.For(unitSystem);
        var file = H5mdHeader.NewFile(unitSystem, out var parameters);
        parameters.Attributes["production_start_step"] = productionStartStep;
        var dt = new H5Dataset(timestep * units.Time.Scale);
        units.Time.ApplyTo(dt);
        parameters["timestep"] = dt;

        var rows = Enumerable.Range(0, samples.Times.Length).Select(k =>
        {
            long step = productionStartStep + (long)Math.Round(samples.Times[k] / timestep);
            return new ObservableSample(step, step * timestep, samples.HotBathEnergy[k], samples.ColdBathEnergy[k],
                samples.HotReservoirTemperature[k], samples.ColdReservoirTemperature[k], samples.Temperatures[k]);
        }).ToArray();
        var steps = rows.Select(r => r.Step).ToArray();
        var times = rows.Select(r => r.Time * units.Time.Scale).ToArray();

        var observables = new H5Group();
        foreach (var (name, unit, width) in H5mdObservables.Names(units, bins.Count))
        {
            var values = H5mdObservables.Values(name, rows, unit);
            var value = width == 0 ? new H5Dataset(values) : new H5Dataset(values, fileDims: [(ulong)rows.Length, (ulong)width]);
            unit.ApplyTo(value);
            var time = new H5Dataset(times);
            units.Time.ApplyTo(time);
            var group = new H5Group { ["step"] = steps, ["time"] = time, ["value"] = value };
            if (name == H5mdObservables.Profile)
            {
                H5mdObservables.AddBins(group, bins, units);
                var width1 = new H5Dataset(samples.BinWidth * units.Length.Scale);
                units.Length.ApplyTo(width1);
                group["bin_width"] = width1;
                group["atoms_per_bin"] = (double[])samples.AtomsPerBin.Clone();
            }
            observables[name] = group;
        }
        file["observables"] = observables;
        AtomicFile.Write(path, stream => file.Write(stream));
    }
}
