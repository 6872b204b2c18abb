using ILGPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Kernels.Forces.ManyBody;

/// <summary>
/// Reverse[i, s] = the slot t with Neighbors[j, t] = i, where j = Neighbors[i, s] (−1 if j's list
/// lacks i, which a full list never does for a pair within the potential's cutoff). One thread per
/// atom, a scan of j's row per slot; launched once per neighbor build.
/// </summary>
public struct ReverseSlotKernel : IAtomKernel
{
    public ManyBodyArgs Args;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int n = memory.At(Args.NeighborCounts, i);
        for (int s = 0; s < n; s++)
        {
            int slot = Args.Layout.Index(i, s);
            int j = memory.At(Args.Neighbors, slot);
            int nj = memory.At(Args.NeighborCounts, j);
            int found = -1;
            for (int t = 0; t < nj; t++)
            {
                if (memory.At(Args.Neighbors, Args.Layout.Index(j, t)) == i)
                {
                    found = t;
                    break;
                }
            }
            memory.At(Args.Reverse, slot) = found;
        }
    }
}

/// <summary>
/// Pass 2 of a many-body force (Fan et al., PRB 92, 094301 (2015), eq. 14):
/// F_i += Σ_j (∂U_i/∂r_ij − ∂U_j/∂r_ji) over i's near bonds, reading j's partial at the slot the
/// reverse index gives. One thread per atom, reads only: no atomics.
/// </summary>
public struct ManyBodyForceKernel : IAtomKernel
{
    public ManyBodyArgs Args;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int near = memory.At(Args.NearCounts, i);
        float fx = 0f, fy = 0f, fz = 0f;
        for (int m = 0; m < near; m++)
        {
            int slot = Args.Layout.Index(i, memory.At(Args.Bonds, Args.Layout.Index(i, m)).Slot);
            Vec3 mine = memory.At(Args.Partials, slot);
            fx += mine.X;
            fy += mine.Y;
            fz += mine.Z;
            int back = memory.At(Args.Reverse, slot);
            if (back < 0) continue;
            Vec3 theirs = memory.At(Args.Partials, Args.Layout.Index(memory.At(Args.Neighbors, slot), back));
            fx -= theirs.X;
            fy -= theirs.Y;
            fz -= theirs.Z;
        }
        memory.At(Args.Forces, i) = memory.At(Args.Forces, i) + new Vec3(fx, fy, fz);
    }
}

/// <summary>
/// Per slot of the full list, from the last pass 1 (energy/length), zero where j is beyond the cutoff:
/// with <see cref="SiteOnly"/> = 0 the pairwise forces f_ij = ∂U_i/∂r_ij − ∂U_j/∂r_ji (F_i = Σ_s f_ij,
/// f_ji = −f_ij); with 1 the site partials ∂U_i/∂r_ij alone. Out[Layout.Index(i, s)] belongs to
/// j = Neighbors[Layout.Index(i, s)].
/// </summary>
public struct ManyBodyPairwiseKernel : IAtomKernel
{
    public ManyBodyArgs Args;
    public ArrayView<Vec3> Out;
    /// <summary>1: ∂U_i/∂r_ij only; 0: f_ij.</summary>
    public int SiteOnly;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int n = memory.At(Args.NeighborCounts, i);
        for (int s = 0; s < n; s++)
            memory.At(Out, Args.Layout.Index(i, s)) = new Vec3(0f, 0f, 0f);
        int near = memory.At(Args.NearCounts, i);
        for (int m = 0; m < near; m++)
        {
            int slot = Args.Layout.Index(i, memory.At(Args.Bonds, Args.Layout.Index(i, m)).Slot);
            Vec3 f = memory.At(Args.Partials, slot);
            int back = memory.At(Args.Reverse, slot);
            if (SiteOnly == 0 && back >= 0)
                f = f - memory.At(Args.Partials, Args.Layout.Index(memory.At(Args.Neighbors, slot), back));
            memory.At(Out, slot) = f;
        }
    }
}
