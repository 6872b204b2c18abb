using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Kernels.Sampling;
using NemdEngine.Simulation;

namespace NemdEngine.Sampling;

/// <summary>
/// The backend side of the profile samples: the bath group of each atom, the fixed-point sums of
/// <see cref="ProfileSumKernel"/> (one block per replica) and their host copy after each launch.
/// </summary>
public sealed class ProfileReduction : IDisposable
{
    public const int HotGroup = 0, ColdGroup = 1, GroupCount = 2;

    private readonly IComputeBackend backend;
    private readonly DeviceState state;
    private readonly ProfileBinning binning;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> groups;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> sums;

    /// <param name="hotAtoms">The hot bath's atoms (of every replica); likewise <paramref name="coldAtoms"/>.</param>
    public ProfileReduction(IComputeBackend backend, DeviceState state, ProfileBinning binning, int[] hotAtoms, int[] coldAtoms)
    {
        this.backend = backend;
        this.state = state;
        this.binning = binning;
        Bins = checked((int)binning.Count);
        ReplicaStride = ProfileSumKernel.Length(Bins, GroupCount);
        var groupOf = new int[state.Count];
        Array.Fill(groupOf, -1);
        foreach (int i in hotAtoms) groupOf[i] = HotGroup;
        foreach (int i in coldAtoms) groupOf[i] = ColdGroup;
        groups = backend.Allocate<int>(state.Count);
        groups.CopyFromCPU(groupOf);
        HostSums = new long[ReplicaStride * state.Replicas];
        sums = backend.Allocate<long>(HostSums.Length);
    }

    public int Bins { get; }
    /// <summary>Sums per replica: replica r's start at r × ReplicaStride in <see cref="HostSums"/>.</summary>
    public int ReplicaStride { get; }
    /// <summary>The sums of the last <see cref="Reduce"/>.</summary>
    public long[] HostSums { get; }

    /// <summary>Sums the backend's current state and copies the sums to <see cref="HostSums"/>.</summary>
    public void Reduce()
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
            Bins = Bins,
            AtomsPerReplica = state.AtomsPerReplica,
            ReplicaStride = ReplicaStride,
        });
        sums.CopyToCPU(HostSums);
    }

    public void Dispose()
    {
        groups.Dispose();
        sums.Dispose();
    }
}
