using NemdEngine.Kernels;
using NemdEngine.Model;

namespace NemdEngine.Sampling;

/// <summary>
/// Records, at each production sample, the kinetic temperature of every z bin
/// (T = Σ m v² / (3 N k_B), each atom with its own mass, nothing subtracted), the energy each
/// bath has exchanged and the measured temperature of each reservoir.
/// </summary>
public sealed class ProfileSampler
{
    private readonly ParticleSystem system;
    private readonly int[] hotAtoms;
    private readonly int[] coldAtoms;
    private readonly double zStart;
    private readonly double binWidth;
    private readonly double[] binCenters;
    private readonly double[] twiceKinetic;
    private readonly int[] counts;
    private readonly long[] totalCounts;
    private readonly List<double[]> temperatures = [];
    private readonly List<double> times = [];
    private readonly List<double> hotEnergy = [];
    private readonly List<double> coldEnergy = [];
    private readonly List<double> hotTemperature = [];
    private readonly List<double> coldTemperature = [];

    /// <param name="binWidth">Bin width along z (length); bins tile [layout.ZStart, layout.ZEnd].</param>
    public ProfileSampler(ParticleSystem system, BilayerLayout layout, double binWidth, int[] hotAtoms, int[] coldAtoms)
    {
        this.system = system;
        this.hotAtoms = hotAtoms;
        this.coldAtoms = coldAtoms;
        this.binWidth = binWidth;
        Layout = layout;
        zStart = layout.ZStart;
        int bins = (int)Math.Ceiling((layout.ZEnd - layout.ZStart) / binWidth - 1e-9);
        binCenters = Enumerable.Range(0, bins).Select(b => zStart + (b + 0.5) * binWidth).ToArray();
        twiceKinetic = new double[bins];
        counts = new int[bins];
        totalCounts = new long[bins];
    }

    public BilayerLayout Layout { get; }
    public int SampleCount => times.Count;
    /// <summary>Bath energies (energy) at the last sample; 0 before the first.</summary>
    public double LastHotEnergy => hotEnergy.Count > 0 ? hotEnergy[^1] : 0;
    public double LastColdEnergy => coldEnergy.Count > 0 ? coldEnergy[^1] : 0;
    /// <summary>Measured reservoir temperatures (temperature) and the profile of the last sample; NaN / null before the first.</summary>
    public double LastHotTemperature => hotTemperature.Count > 0 ? hotTemperature[^1] : double.NaN;
    public double LastColdTemperature => coldTemperature.Count > 0 ? coldTemperature[^1] : double.NaN;
    public double[]? LastProfile => temperatures.Count > 0 ? temperatures[^1] : null;
    /// <summary>z of each bin's centre (length).</summary>
    public IReadOnlyList<double> BinCenters => binCenters;

    /// <param name="time">Time since production began (time).</param>
    /// <param name="hotBathEnergy">Energy the hot bath added since production began (energy).</param>
    /// <param name="coldBathEnergy">Energy the cold bath added since production began (energy).</param>
    public void Sample(double time, Vec3[] positions, Vec3[] velocities, double hotBathEnergy, double coldBathEnergy)
    {
        Array.Clear(twiceKinetic);
        Array.Clear(counts);
        for (int i = 0; i < positions.Length; i++)
        {
            int b = (int)Math.Floor((positions[i].Z - zStart) / binWidth);
            if (b < 0 || b >= counts.Length) continue;
            twiceKinetic[b] += system.Masses[i] * SquaredSpeed(velocities[i]);
            counts[b]++;
        }
        var t = new double[counts.Length];
        for (int b = 0; b < t.Length; b++)
        {
            t[b] = counts[b] > 0 ? twiceKinetic[b] / (3.0 * counts[b]) : double.NaN;
            totalCounts[b] += counts[b];
        }
        temperatures.Add(t);
        times.Add(time);
        hotEnergy.Add(hotBathEnergy);
        coldEnergy.Add(coldBathEnergy);
        hotTemperature.Add(GroupTemperature(hotAtoms, velocities));
        coldTemperature.Add(GroupTemperature(coldAtoms, velocities));
    }

    /// <summary>Kinetic temperature Σ m v² / (3 N k_B) of a group (temperature).</summary>
    public double GroupTemperature(int[] atoms, Vec3[] velocities)
    {
        if (atoms.Length == 0) return double.NaN;
        double sum = 0;
        foreach (int i in atoms) sum += system.Masses[i] * SquaredSpeed(velocities[i]);
        return sum / (3.0 * atoms.Length);
    }

    public ProductionSamples ToSamples() => new()
    {
        BinCenters = (double[])binCenters.Clone(),
        BinWidth = binWidth,
        BinRegions = binCenters.Select(Layout.RegionOf).ToArray(),
        AtomsPerBin = totalCounts.Select(c => times.Count > 0 ? c / (double)times.Count : 0).ToArray(),
        Times = [.. times],
        Temperatures = [.. temperatures],
        HotBathEnergy = [.. hotEnergy],
        ColdBathEnergy = [.. coldEnergy],
        HotReservoirTemperature = [.. hotTemperature],
        ColdReservoirTemperature = [.. coldTemperature],
    };

    private static double SquaredSpeed(Vec3 v) => (double)v.X * v.X + (double)v.Y * v.Y + (double)v.Z * v.Z;
}
