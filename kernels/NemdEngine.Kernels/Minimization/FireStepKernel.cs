using ILGPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Kernels.Minimization;

/// <summary>
/// One FIRE step on the mobile atoms (semi-implicit Euler with FIRE's velocity mixing, as LAMMPS
/// min_style fire): on a restart r ← r − BackStep v, v ← 0; then v ← v + Δt F/m; when mixing
/// v ← KeepVelocity v + ForceToVelocity F (= (1 − α) v + α |v| F/|F|, norms of the whole system);
/// r ← r + Δt v. Flags an atom whose new position is not finite or has left [ZLow, ZHigh].
/// </summary>
public struct FireStepKernel : IAtomKernel
{
    public ArrayView<int> Group;
    public ArrayView<Vec3> Positions;
    public ArrayView<Vec3> Velocities;
    public ArrayView<Vec3> Forces;
    public ArrayView<float> Masses;
    public ArrayView<int> Flags;
    /// <summary>Δt of this step (time).</summary>
    public float Dt;
    /// <summary>1: undo half of the last drift and zero the velocity first (P ≤ 0); 0: not.</summary>
    public int Restart;
    /// <summary>½ Δt of the previous step (time): the half step back of a restart (FIRE 2.0).</summary>
    public float BackStep;
    /// <summary>1: mix the velocity towards the force (P &gt; 0); 0: plain Euler step.</summary>
    public int Mix;
    /// <summary>1 − α.</summary>
    public float KeepVelocity;
    /// <summary>α |v| / |F| (time/mass): turns a force into its share of the mixed velocity.</summary>
    public float ForceToVelocity;
    public float ZLow, ZHigh;

    public void Execute<TAccess>(int k) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int i = memory.At(Group, k);
        Vec3 p = memory.At(Positions, i);
        Vec3 v = memory.At(Velocities, i);
        Vec3 f = memory.At(Forces, i);
        if (Restart != 0)
        {
            p = p - BackStep * v;
            v = new Vec3(0f, 0f, 0f);
        }
        v = v + (Dt / memory.At(Masses, i)) * f;
        if (Mix != 0) v = KeepVelocity * v + ForceToVelocity * f;
        p = p + Dt * v;
        memory.At(Velocities, i) = v;
        memory.At(Positions, i) = p;
        // Written so that NaN fails the test: NaN compares false.
        bool inside = p.Z >= ZLow && p.Z <= ZHigh && p.X - p.X == 0f && p.Y - p.Y == 0f;
        if (!inside)
            Atomic.Max(ref memory.At(Flags, StepFlags.BadAtom), i + 1);
    }
}
