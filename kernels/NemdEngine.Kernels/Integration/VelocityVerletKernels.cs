using ILGPU;
using NemdEngine.Kernels.Launch;
using NemdEngine.Kernels.Random;

namespace NemdEngine.Kernels.Integration;

/// <summary>
/// First half of velocity-Verlet on one group: v += ½ dt F/m; r += dt v. Flags an atom
/// whose new position is not finite or has left [ZLow, ZHigh], so the host stops at once.
/// </summary>
public struct VelocityVerletFirstHalfKernel : IAtomKernel
{
    public ArrayView<int> Group;
    public ArrayView<Vec3> Positions;
    public ArrayView<Vec3> Velocities;
    public ArrayView<Vec3> Forces;
    public ArrayView<float> Masses;
    public ArrayView<int> Flags;
    public float Dt;
    public float ZLow, ZHigh;

    public void Execute<TAccess>(int k) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int i = memory.At(Group, k);
        float halfDtOverM = 0.5f * Dt / memory.At(Masses, i);
        Vec3 v = memory.At(Velocities, i) + halfDtOverM * memory.At(Forces, i);
        Vec3 p = memory.At(Positions, i) + Dt * v;
        memory.At(Velocities, i) = v;
        memory.At(Positions, i) = p;
        // Written so that NaN fails the test: NaN compares false.
        bool inside = p.Z >= ZLow && p.Z <= ZHigh && p.X - p.X == 0f && p.Y - p.Y == 0f;
        if (!inside)
            Atomic.Max(ref memory.At(Flags, StepFlags.BadAtom), i + 1);
    }
}

/// <summary>Second half of velocity-Verlet on one group: v += ½ dt F/m.</summary>
public struct VelocityVerletSecondHalfKernel : IAtomKernel
{
    public ArrayView<int> Group;
    public ArrayView<Vec3> Velocities;
    public ArrayView<Vec3> Forces;
    public ArrayView<float> Masses;
    public float Dt;

    public void Execute<TAccess>(int k) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int i = memory.At(Group, k);
        memory.At(Velocities, i) = memory.At(Velocities, i) + (0.5f * Dt / memory.At(Masses, i)) * memory.At(Forces, i);
    }
}

/// <summary>
/// Second half-kick followed by the exact Ornstein-Uhlenbeck step of a Langevin bath:
/// v ← c₁ v + √((1 − c₁²) k_B T / m) ξ, c₁ = exp(−dt/damp), ξ ~ N(0, 1) from the counter RNG.
/// The kinetic-energy change of that sub-step, ½ m (v'² − v²), is the exact energy the bath
/// adds to the atom; it is accumulated per atom in double precision (no atomics, no order effects).
/// </summary>
public struct LangevinSecondHalfKernel : IAtomKernel
{
    public ArrayView<int> Group;
    public ArrayView<int> AtomIds;
    public ArrayView<Vec3> Velocities;
    public ArrayView<Vec3> Forces;
    public ArrayView<float> Masses;
    public ArrayView<double> BathEnergy;
    public float Dt;
    /// <summary>exp(−dt / damp).</summary>
    public float Decay;
    /// <summary>k_B T of the bath (energy).</summary>
    public float KT;
    /// <summary>The seed of each replica (one for a single run): replica r's numbers are those of a run with seed Seeds[r].</summary>
    public ArrayView<ulong> Seeds;
    public int AtomsPerReplica;
    public long Step;

    public void Execute<TAccess>(int k) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int i = memory.At(Group, k);
        float m = memory.At(Masses, i);
        Vec3 v = memory.At(Velocities, i) + (0.5f * Dt / m) * memory.At(Forces, i);
        float sigma = MathF.Sqrt((1f - Decay * Decay) * KT / m);
        int id = memory.At(AtomIds, i);
        ulong seed = memory.At(Seeds, i / AtomsPerReplica);
        CounterRng.Gaussian2(seed, Step, id, 0, out float g0, out float g1);
        CounterRng.Gaussian2(seed, Step, id, 1, out float g2, out float _);
        Vec3 vNew = new(Decay * v.X + sigma * g0, Decay * v.Y + sigma * g1, Decay * v.Z + sigma * g2);
        memory.At(Velocities, i) = vNew;
        memory.At(BathEnergy, i) += 0.5 * m * (Square(vNew) - Square(v));
    }

    private static double Square(Vec3 v) => (double)v.X * v.X + (double)v.Y * v.Y + (double)v.Z * v.Z;
}
