using ILGPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Kernels.Sampling;

/// <summary>
/// One production sample, reduced on the device: per z bin Σ m v² and the atom count; per bath
/// group Σ m v², Σ (energy the bath gave each atom) and the count. Sums are fixed point
/// (<see cref="FixedPoint"/>), so they are exact and independent of thread order. Layout of
/// <see cref="Sums"/>: [0, Bins) Σ m v², [Bins, 2 Bins) counts, then <see cref="SlotsPerGroup"/>
/// entries per group. A batch of replicas has one such block per replica, <see cref="Length"/> apart.
/// </summary>
public struct ProfileSumKernel : IAtomKernel
{
    public const int SlotsPerGroup = 3;
    public const int GroupKinetic = 0, GroupBathEnergy = 1, GroupCount = 2;

    public ArrayView<Vec3> Positions;
    public ArrayView<Vec3> Velocities;
    public ArrayView<float> Masses;
    public ArrayView<double> BathEnergy;
    /// <summary>Bath group of each atom (0, 1, ...), or -1 for atoms in no bath.</summary>
    public ArrayView<int> Groups;
    public ArrayView<long> Sums;
    /// <summary>Bins: BinsA of 1/InverseBinWidth from ZStart, then the rest of 1/InverseBinWidthB from ZSplit (two sides, two plane spacings).</summary>
    public float ZStart;
    public float InverseBinWidth;
    public int BinsA;
    public float ZSplit;
    public float InverseBinWidthB;
    public int Bins;
    /// <summary>Atoms per replica; replica r's sums start at r × <see cref="Length"/>(Bins, groups).</summary>
    public int AtomsPerReplica;
    public int ReplicaStride;

    /// <summary>Sums of one replica.</summary>
    public static int Length(int bins, int groups) => 2 * bins + SlotsPerGroup * groups;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        int first = i / AtomsPerReplica * ReplicaStride;
        Vec3 v = Velocities[i];
        double twiceKinetic = Masses[i] * ((double)v.X * v.X + (double)v.Y * v.Y + (double)v.Z * v.Z);
        long fixedTwiceKinetic = FixedPoint.From(twiceKinetic);
        // Floor, not truncation: an atom just below ZStart must not land in bin 0.
        float z = Positions[i].Z;
        int bin = z < ZSplit ? (int)MathF.Floor((z - ZStart) * InverseBinWidth) : BinsA + (int)MathF.Floor((z - ZSplit) * InverseBinWidthB);
        if (bin >= 0 && bin < Bins)
        {
            Atomic.Add(ref Sums[first + bin], fixedTwiceKinetic);
            Atomic.Add(ref Sums[first + Bins + bin], 1L);
        }
        int group = Groups[i];
        if (group >= 0)
        {
            int slot = first + 2 * Bins + SlotsPerGroup * group;
            Atomic.Add(ref Sums[slot + GroupKinetic], fixedTwiceKinetic);
            Atomic.Add(ref Sums[slot + GroupBathEnergy], FixedPoint.From(BathEnergy[i]));
            Atomic.Add(ref Sums[slot + GroupCount], 1L);
        }
    }
}
