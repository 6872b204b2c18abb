using ILGPU;
using NemdEngine.Kernels.Launch;
using NemdEngine.Kernels.Neighbors;
using NemdEngine.Kernels.Potentials;

namespace NemdEngine.Kernels.Forces;

/// <summary>Compile-time switch for the per-atom energy tally (LAMMPS KOKKOS style: one kernel, two variants).</summary>
public interface IEnergyMode { bool Enabled { get; } }
public readonly struct WithEnergy : IEnergyMode { public bool Enabled => true; }
public readonly struct WithoutEnergy : IEnergyMode { public bool Enabled => false; }

/// <summary>What a pair-force kernel reads and writes: one struct for the portable kernel and its host vector twin.</summary>
public struct PairForceArgs<TParams> where TParams : unmanaged
{
    public ArrayView<Vec3> Positions;
    public ArrayView<int> Types;
    public ArrayView<int> NeighborCounts;
    public ArrayView<int> Neighbors;
    /// <summary>Pair parameters, row-major by (type_i, type_j).</summary>
    public ArrayView<TParams> PairTable;
    public ArrayView<Vec3> Forces;
    public ArrayView<float> Energies;
    public NeighborLayout Layout;
    public int TypeCount;
    /// <summary>1 when every species pair has the same parameters (int: ILGPU needs blittable fields) (e.g. a pure mass mismatch):
    /// the kernel then skips the per-pair type and table loads.</summary>
    public int UniformPairs;
    public float BoxX, BoxY;
    /// <summary>Periodic length along z, 0 when z is bounded.</summary>
    public float BoxZ;
}

/// <summary>
/// F_i += Σ_j (F/r)(r_ij) r_ij over a full neighbor list (each pair visited from both sides, no
/// atomics); U_i += ½ Σ_j U(r_ij). One thread per atom, generic over the pair evaluator. It adds to
/// the force and energy arrays, so that several force terms can be summed (the host zeroes them).
/// </summary>
public struct PairForceKernel<TEval, TParams, TEnergy> : IAtomKernel
    where TEval : struct, IPairEvaluator<TParams>
    where TParams : unmanaged
    where TEnergy : struct, IEnergyMode
{
    public PairForceArgs<TParams> Args;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        Vec3 pi = memory.At(Args.Positions, i);
        bool uniform = Args.UniformPairs != 0;
        int rowStart = uniform ? 0 : memory.At(Args.Types, i) * Args.TypeCount;
        int n = memory.At(Args.NeighborCounts, i);
        int slot = Args.Layout.Index(i, 0);
        int stride = Args.Layout.SlotStride;
        float boxX = Args.BoxX, boxY = Args.BoxY, boxZ = Args.BoxZ;
        float fx = 0f, fy = 0f, fz = 0f, energy = 0f;
        TEval evaluator = default;
        TParams shared = memory.At(Args.PairTable, rowStart);
        for (int k = 0; k < n; k++, slot += stride)
        {
            int j = memory.At(Args.Neighbors, slot);
            Vec3 d = MinimumImage.Delta(pi, memory.At(Args.Positions, j), boxX, boxY, boxZ);
            TParams p = uniform ? shared : memory.At(Args.PairTable, rowStart + memory.At(Args.Types, j));
            if (evaluator.Evaluate(d.LengthSquared, p, out float fr, out float u))
            {
                fx += fr * d.X;
                fy += fr * d.Y;
                fz += fr * d.Z;
                energy += u;
            }
        }
        memory.At(Args.Forces, i) = memory.At(Args.Forces, i) + new Vec3(fx, fy, fz);
        if (default(TEnergy).Enabled)
            memory.At(Args.Energies, i) += 0.5f * energy;
    }
}
