using ILGPU;
using NemdEngine.Kernels.Launch;
using NemdEngine.Kernels.Neighbors;
using NemdEngine.Kernels.Potentials;

namespace NemdEngine.Kernels.Sampling;

/// <summary>
/// What the interfacial-force kernels of the spectral heat current read and write. The selected
/// atoms are those within a slab around the interface plane; <see cref="Out"/> holds, for selected
/// atom m (atom k = Selected[m]), the interfacial force X_k at [m] and the velocity v_k at
/// [Count + m], so the host copies one buffer per sample.
/// <para>X_k is defined so that the power flowing from side A into side B is Q = Σ_k X_k · v_k
/// (see <see cref="InterfacePairForceKernel{TEval,TParams}"/> and <see cref="InterfaceManyBodyKernel"/>
/// for the derivation); the spectral heat current is then q(ω) = Σ_k 2 Re ⟨X_k(ω) · v_k(ω)*⟩, one
/// cross spectrum per selected atom and never one per pair.</para>
/// </summary>
public struct InterfaceArgs
{
    public ArrayView<Vec3> Positions;
    public ArrayView<Vec3> Velocities;
    public ArrayView<int> Types;
    public ArrayView<int> NeighborCounts;
    public ArrayView<int> Neighbors;
    public NeighborLayout Layout;
    /// <summary>Atom index of each selected atom.</summary>
    public ArrayView<int> Selected;
    /// <summary>Side of every atom: 0 = A (below the interface plane at the start), 1 = B.</summary>
    public ArrayView<int> Sides;
    /// <summary>[0, Count): X_k (energy/length); [Count, 2 Count): v_k (length/time).</summary>
    public ArrayView<Vec3> Out;
    /// <summary>Per selected atom: the number of its neighbors on the other side that interact with it (summed over force terms).</summary>
    public ArrayView<int> CrossPairs;
    /// <summary>Number of selected atoms.</summary>
    public int Count;
    public float BoxX, BoxY;
    /// <summary>Periodic length along z, 0 when z is bounded.</summary>
    public float BoxZ;
}

/// <summary>Starts a spectral sample: X_k = 0, copies v_k, clears the cross-pair counts. One thread per selected atom.</summary>
public struct InterfaceGatherKernel : IAtomKernel
{
    public InterfaceArgs Args;

    public void Execute<TAccess>(int m) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int k = memory.At(Args.Selected, m);
        memory.At(Args.Out, m) = new Vec3(0f, 0f, 0f);
        memory.At(Args.Out, Args.Count + m) = memory.At(Args.Velocities, k);
        memory.At(Args.CrossPairs, m) = 0;
    }
}

/// <summary>
/// A pair potential's share of X_k. With F_kj the force on k from j and the interface bonds' energy
/// split half to each side, the power into side B is (Sääskilahti et al., PRB 90, 134312 (2014))
///   Q = ½ Σ_{i∈A} Σ_{j∈B} F_ji · (v_i + v_j)
///     = Σ_{j∈B} v_j · (½ Σ_{i∈A} F_ji) + Σ_{i∈A} v_i · (−½ Σ_{j∈B} F_ij)     (F_ij = −F_ji),
/// so summing over the partner first gives one vector per atom: X_k = ±½ Σ_{j on the other side} F_kj,
/// + for k in B, − for k in A. The symmetric form matters spectrally: ⟨F_ji·v_i⟩ and ⟨F_ji·v_j⟩ have the
/// same time average in steady state, not the same spectrum. One thread per selected atom over its full
/// neighbor list, generic over the evaluator like <see cref="Forces.PairForceKernel{TEval,TParams,TEnergy}"/>.
/// </summary>
public struct InterfacePairForceKernel<TEval, TParams> : IAtomKernel
    where TEval : struct, IPairEvaluator<TParams>
    where TParams : unmanaged
{
    public InterfaceArgs Args;
    /// <summary>Pair parameters, row-major by (type_i, type_j).</summary>
    public ArrayView<TParams> PairTable;
    public int TypeCount;

    public void Execute<TAccess>(int m) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int k = memory.At(Args.Selected, m);
        int side = memory.At(Args.Sides, k);
        Vec3 pk = memory.At(Args.Positions, k);
        int rowStart = memory.At(Args.Types, k) * TypeCount;
        int n = memory.At(Args.NeighborCounts, k);
        float fx = 0f, fy = 0f, fz = 0f;
        int pairs = 0;
        TEval evaluator = default;
        for (int s = 0; s < n; s++)
        {
            int j = memory.At(Args.Neighbors, Args.Layout.Index(k, s));
            if (memory.At(Args.Sides, j) == side) continue;
            Vec3 d = MinimumImage.Delta(pk, memory.At(Args.Positions, j), Args.BoxX, Args.BoxY, Args.BoxZ);
            if (evaluator.Evaluate(d.LengthSquared, memory.At(PairTable, rowStart + memory.At(Args.Types, j)), out float fr, out float _))
            {
                fx += fr * d.X;
                fy += fr * d.Y;
                fz += fr * d.Z;
                pairs++;
            }
        }
        float half = side == 1 ? 0.5f : -0.5f;
        memory.At(Args.Out, m) = memory.At(Args.Out, m) + new Vec3(half * fx, half * fy, half * fz);
        memory.At(Args.CrossPairs, m) += pairs;
    }
}

/// <summary>
/// A many-body potential's share of X_k, from its site partials P_ij = ∂U_i/∂r_ij (r_ij = r_j − r_i;
/// Fan et al., PRB 99, 064308 (2019)). With E_B = Σ_{j∈B} (½ m_j v_j² + U_j) and
/// F_j = Σ_i (P_ji − P_ij), dU_j/dt = Σ_i P_ji · (v_i − v_j):
///   dE_B/dt = Σ_{j∈B} Σ_i (P_ji · v_i − P_ij · v_j);
/// the terms with i in B cancel in pairs, leaving the power from A into B
///   Q = Σ_{i∈A} v_i · (Σ_{j∈B} P_ji) − Σ_{j∈B} v_j · (Σ_{i∈A} P_ij),
/// exact for any site potential (three-body terms included), so X_k = Σ_{j∈B} P_jk for k in A and
/// X_k = −Σ_{i∈A} P_ik for k in B. For a pair potential P_ij = ½ F_ij and this is the kernel above.
/// (½ f_ij · (v_i + v_j) with the pairwise force f_ij = P_ij − P_ji is not: a site's energy is not split
/// evenly between its bonds.) <see cref="Partials"/> is the term's per-slot buffer
/// (ManyBodyForceTerm.ComputeSitePartials, zero beyond the cutoff); P_jk is found by scanning j's row
/// for k, as the reverse slot index does, only for selected atoms and only at sample steps.
/// </summary>
public struct InterfaceManyBodyKernel : IAtomKernel
{
    public InterfaceArgs Args;
    /// <summary>P[Layout.Index(i, s)] = ∂U_i/∂r_ij for j = Neighbors[Layout.Index(i, s)] (energy/length).</summary>
    public ArrayView<Vec3> Partials;

    public void Execute<TAccess>(int m) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int k = memory.At(Args.Selected, m);
        int side = memory.At(Args.Sides, k);
        int n = memory.At(Args.NeighborCounts, k);
        float fx = 0f, fy = 0f, fz = 0f;
        int pairs = 0;
        for (int s = 0; s < n; s++)
        {
            int slot = Args.Layout.Index(k, s);
            int j = memory.At(Args.Neighbors, slot);
            if (memory.At(Args.Sides, j) == side) continue;
            // Both sides read the partner's partial for its bond to k: P_jk (k in A) or P_ik (k in B).
            Vec3 p = FindPartial<TAccess>(j, k);
            if (p.X != 0f || p.Y != 0f || p.Z != 0f) pairs++;
            fx += p.X;
            fy += p.Y;
            fz += p.Z;
        }
        float sign = side == 1 ? -1f : 1f;
        memory.At(Args.Out, m) = memory.At(Args.Out, m) + new Vec3(sign * fx, sign * fy, sign * fz);
        memory.At(Args.CrossPairs, m) += pairs;
    }

    /// <summary>∂U_owner/∂r_(owner, other): scans owner's row for other; zero if absent.</summary>
    private readonly Vec3 FindPartial<TAccess>(int owner, int other) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        int n = memory.At(Args.NeighborCounts, owner);
        for (int t = 0; t < n; t++)
        {
            int slot = Args.Layout.Index(owner, t);
            if (memory.At(Args.Neighbors, slot) == other) return memory.At(Partials, slot);
        }
        return new Vec3(0f, 0f, 0f);
    }
}
