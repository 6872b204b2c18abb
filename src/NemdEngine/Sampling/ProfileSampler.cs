using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels.Sampling;
using NemdEngine.Model;
using NemdEngine.Simulation;

namespace NemdEngine.Sampling;

/// <summary>
/// Records, at each production sample, the kinetic temperature of every z bin
/// (T = Σ m v² / (3 N k_B), each atom with its own mass, nothing subtracted), the energy each
/// bath has exchanged since sampling began and the measured temperature of each reservoir.
/// The sums are reduced on the backend (<see cref="ProfileReduction"/>); the host reads back
/// 2 × bins + 6 integers per sample, never per-atom arrays. In a batch of replicas one sampler
/// records each replica, all from one reduction (<see cref="ForReplicas"/>).
/// </summary>
public sealed partial class ProfileSampler : IDisposable
{
    private readonly ProfileReduction reduction;
    // Whether this sampler launches (and disposes) the reduction: a single run's sampler does; a replica's does not.
    private readonly bool ownsReduction;
    // Where this replica's sums start in the reduction's host array.
    private readonly int first;
    private readonly ProfileBinning binning;
    /// <summary>1/k_B: the kernels' k_B T (energy) to the unit system's temperature.</summary>
    private readonly double kelvinPerEnergy;
    private readonly int bins;
    private readonly double[] binCenters;
    private readonly long[] totalCounts;
    private double hotEnergyAtStart;
    private double coldEnergyAtStart;
    private readonly List<double[]> temperatures = [];
    private readonly List<double> times = [];
    private readonly List<double> hotEnergy = [];
    private readonly List<double> coldEnergy = [];
    private readonly List<double> hotTemperature = [];
    private readonly List<double> coldTemperature = [];

    /// <param name="binning">The z bins; they tile [layout.ZStart, layout.ZEnd].</param>
    /// <param name="hotAtoms">Atoms of the hot bath; its energy is counted from <see cref="BeginProduction"/> on.</param>
    /// <param name="units">Temperatures are reported in its temperature unit (the kernels give k_B T in energy units).</param>
    public ProfileSampler(IComputeBackend backend, DeviceState state, BilayerLayout layout, ProfileBinning binning, int[] hotAtoms, int[] coldAtoms, UnitSystem units)
        : this(new ProfileReduction(backend, state, binning, hotAtoms, coldAtoms), true, 0, layout, binning, units)
    {
    }

    private ProfileSampler(ProfileReduction reduction, bool ownsReduction, int replica, BilayerLayout layout, ProfileBinning binning, UnitSystem units)
    {
        this.reduction = reduction;
        this.ownsReduction = ownsReduction;
        first = replica * reduction.ReplicaStride;
        this.binning = binning;
        Layout = layout;
        kelvinPerEnergy = 1 / units.Boltzmann;
        bins = reduction.Bins;
        binCenters = binning.Centers();
        totalCounts = new long[bins];
    }

    /// <summary>
    /// One sampler per replica of a batch (<see cref="DeviceState.Replicas"/>), sharing one
    /// reduction: <see cref="SampleAll"/> and <see cref="BeginProductionAll"/> launch it once for all.
    /// </summary>
    /// <param name="hotAtoms">The hot bath's atoms of every replica (batch indices); likewise <paramref name="coldAtoms"/>.</param>
    public static ProfileSampler[] ForReplicas(IComputeBackend backend, DeviceState state, BilayerLayout layout, ProfileBinning binning, int[] hotAtoms, int[] coldAtoms, UnitSystem units)
    {
        var reduction = new ProfileReduction(backend, state, binning, hotAtoms, coldAtoms);
        return Enumerable.Range(0, state.Replicas).Select(r => new ProfileSampler(reduction, r == 0, r, layout, binning, units)).ToArray();
    }

    /// <summary>One sample of every replica of a batch from <see cref="ForReplicas"/>.</summary>
    public static void SampleAll(IReadOnlyList<ProfileSampler> replicas, double time)
    {
        replicas[0].reduction.Reduce();
        foreach (var sampler in replicas) sampler.Record(time);
    }

    /// <summary><see cref="BeginProduction"/> for every replica of a batch from <see cref="ForReplicas"/>.</summary>
    public static void BeginProductionAll(IReadOnlyList<ProfileSampler> replicas)
    {
        replicas[0].reduction.Reduce();
        foreach (var sampler in replicas) sampler.RecordProductionStart();
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

    /// <summary>Energy each bath had given its atoms (energy) when production began.</summary>
    public (double Hot, double Cold) BathEnergiesAtStart => (hotEnergyAtStart, coldEnergyAtStart);

    /// <summary>Marks the start of production: bath energies are counted from the current state.</summary>
    public void BeginProduction()
    {
        reduction.Reduce();
        RecordProductionStart();
    }

    private void RecordProductionStart()
    {
        hotEnergyAtStart = GroupSum(ProfileReduction.HotGroup, ProfileSumKernel.GroupBathEnergy);
        coldEnergyAtStart = GroupSum(ProfileReduction.ColdGroup, ProfileSumKernel.GroupBathEnergy);
    }

    /// <summary>Takes one sample of the backend's current state.</summary>
    /// <param name="time">Time since production began (time).</param>
    public void Sample(double time)
    {
        reduction.Reduce();
        Record(time);
    }

    /// <summary>Records the sample of the last reduction.</summary>
    private void Record(double time)
    {
        long[] hostSums = reduction.HostSums;
        var t = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            long count = hostSums[first + bins + b];
            t[b] = count > 0 ? kelvinPerEnergy * FixedPoint.ToDouble(hostSums[first + b]) / (3.0 * count) : double.NaN;
            totalCounts[b] += count;
        }
        temperatures.Add(t);
        times.Add(time);
        hotEnergy.Add(GroupSum(ProfileReduction.HotGroup, ProfileSumKernel.GroupBathEnergy) - hotEnergyAtStart);
        coldEnergy.Add(GroupSum(ProfileReduction.ColdGroup, ProfileSumKernel.GroupBathEnergy) - coldEnergyAtStart);
        hotTemperature.Add(GroupTemperature(ProfileReduction.HotGroup));
        coldTemperature.Add(GroupTemperature(ProfileReduction.ColdGroup));
    }

    public ProductionSamples ToSamples() => new()
    {
        BinCenters = (double[])binCenters.Clone(),
        BinWidth = binning.WidthA,
        BinRegions = binCenters.Select(Layout.RegionOf).ToArray(),
        AtomsPerBin = totalCounts.Select(c => times.Count > 0 ? c / (double)times.Count : 0).ToArray(),
        Times = [.. times],
        Temperatures = [.. temperatures],
        HotBathEnergy = [.. hotEnergy],
        ColdBathEnergy = [.. coldEnergy],
        HotReservoirTemperature = [.. hotTemperature],
        ColdReservoirTemperature = [.. coldTemperature],
    };

    private double GroupSum(int group, int slot) =>
        FixedPoint.ToDouble(reduction.HostSums[first + 2 * bins + ProfileSumKernel.SlotsPerGroup * group + slot]);

    /// <summary>Kinetic temperature Σ m v² / (3 N k_B) of a bath group (temperature); NaN if empty.</summary>
    private double GroupTemperature(int group)
    {
        long count = reduction.HostSums[first + 2 * bins + ProfileSumKernel.SlotsPerGroup * group + ProfileSumKernel.GroupCount];
        return count > 0 ? kelvinPerEnergy * GroupSum(group, ProfileSumKernel.GroupKinetic) / (3.0 * count) : double.NaN;
    }

    public void Dispose()
    {
        if (ownsReduction) reduction.Dispose();
    }
}
