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
/// The sums are reduced on the backend (<see cref="ProfileSumKernel"/>); the host reads back
/// 2 × bins + 6 integers per sample, never per-atom arrays.
/// </summary>
public sealed partial class ProfileSampler : IDisposable
{
    private const int HotGroup = 0, ColdGroup = 1, GroupCount = 2;

    private readonly IComputeBackend backend;
    private readonly DeviceState state;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> groups;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> sums;
    private readonly long[] hostSums;
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
    {
        this.backend = backend;
        this.state = state;
        this.binning = binning;
        Layout = layout;
        kelvinPerEnergy = 1 / units.Boltzmann;
        bins = checked((int)binning.Count);
        binCenters = binning.Centers();
        totalCounts = new long[bins];

        var groupOf = new int[state.Count];
        Array.Fill(groupOf, -1);
        foreach (int i in hotAtoms) groupOf[i] = HotGroup;
        foreach (int i in coldAtoms) groupOf[i] = ColdGroup;
        groups = backend.Allocate<int>(state.Count);
        groups.CopyFromCPU(groupOf);
        hostSums = new long[ProfileSumKernel.Length(bins, GroupCount)];
        sums = backend.Allocate<long>(hostSums.Length);
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
        Reduce();
        hotEnergyAtStart = GroupSum(HotGroup, ProfileSumKernel.GroupBathEnergy);
        coldEnergyAtStart = GroupSum(ColdGroup, ProfileSumKernel.GroupBathEnergy);
    }

    /// <summary>Takes one sample of the backend's current state.</summary>
    /// <param name="time">Time since production began (time).</param>
    public void Sample(double time)
    {
        Reduce();
        var t = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            long count = hostSums[bins + b];
            t[b] = count > 0 ? kelvinPerEnergy * FixedPoint.ToDouble(hostSums[b]) / (3.0 * count) : double.NaN;
            totalCounts[b] += count;
        }
        temperatures.Add(t);
        times.Add(time);
        hotEnergy.Add(GroupSum(HotGroup, ProfileSumKernel.GroupBathEnergy) - hotEnergyAtStart);
        coldEnergy.Add(GroupSum(ColdGroup, ProfileSumKernel.GroupBathEnergy) - coldEnergyAtStart);
        hotTemperature.Add(GroupTemperature(HotGroup));
        coldTemperature.Add(GroupTemperature(ColdGroup));
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

    private void Reduce()
    {
        sums.MemSetToZero();
        backend.Launch(state.Count, new ProfileSumKernel
        {
            Positions = state.Positions.View,
            Velocities = state.Velocities.View,
            Masses = state.Masses.View,
            BathEnergy = state.BathEnergy.View,
            Groups = groups.View,
            Sums = sums.View,
            ZStart = (float)binning.ZStart,
            InverseBinWidth = (float)(1.0 / binning.WidthA),
            BinsA = (int)binning.BinsA,
            ZSplit = (float)binning.ZSplit,
            InverseBinWidthB = (float)(1.0 / binning.WidthB),
            Bins = bins,
        });
        sums.CopyToCPU(hostSums);
    }

    private double GroupSum(int group, int slot) =>
        FixedPoint.ToDouble(hostSums[2 * bins + ProfileSumKernel.SlotsPerGroup * group + slot]);

    /// <summary>Kinetic temperature Σ m v² / (3 N k_B) of a bath group (temperature); NaN if empty.</summary>
    private double GroupTemperature(int group)
    {
        long count = hostSums[2 * bins + ProfileSumKernel.SlotsPerGroup * group + ProfileSumKernel.GroupCount];
        return count > 0 ? kelvinPerEnergy * GroupSum(group, ProfileSumKernel.GroupKinetic) / (3.0 * count) : double.NaN;
    }

    public void Dispose()
    {
        groups.Dispose();
        sums.Dispose();
    }
}
