using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using NemdEngine.Kernels.Launch;
using NemdEngine.Kernels.Neighbors;
using NemdEngine.Kernels.Potentials;

namespace NemdEngine.Kernels.Forces;

/// <summary>
/// The Lennard-Jones force loop of <see cref="PairForceKernel{TEval,TParams,TEnergy}"/> for the host
/// CPU path only, eight neighbors at a time with AVX2 (gathered positions, branch-free minimum image
/// and cutoff mask). The scalar loop spends most of its time on mispredicted cutoff branches; here
/// every lane does the same work and lanes outside r_c are masked out. Never compiled by ILGPU:
/// launch it only where <see cref="IsSupported"/> and the backend runs kernel bodies on host
/// memory with an atom-major neighbor list. Same full list, same sums per atom (in a different
/// order), so results agree with the scalar kernel to float rounding, and are deterministic.
/// </summary>
public struct VectorLennardJonesForceKernel<TEnergy> : IAtomKernel where TEnergy : struct, IEnergyMode
{
    public ArrayView<Vec3> Positions;
    public ArrayView<int> Types;
    public ArrayView<int> NeighborCounts;
    /// <summary>Atom-major: the neighbors of atom i are contiguous.</summary>
    public ArrayView<int> Neighbors;
    public ArrayView<LennardJonesParams> PairTable;
    public ArrayView<Vec3> Forces;
    public ArrayView<float> Energies;
    public NeighborLayout Layout;
    public int TypeCount;
    public int UniformPairs;
    public float BoxX, BoxY;
    /// <summary>Periodic length along z, 0 when z is bounded.</summary>
    public float BoxZ;

    public static bool IsSupported => Avx2.IsSupported;

    public unsafe void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        // Host buffers are native allocations that never move: their addresses are stable.
        var pairs = new PairSums
        {
            Positions = (float*)Unsafe.AsPointer(ref memory.At(Positions, 0)),
            Types = (int*)Unsafe.AsPointer(ref memory.At(Types, 0)),
            Table = (float*)Unsafe.AsPointer(ref memory.At(PairTable, 0)),
            LastAtom = Vector256.Create(Positions.IntLength - 1),
            Uniform = UniformPairs != 0,
        };
        int n = memory.At(NeighborCounts, i);
        int* list = (int*)Unsafe.AsPointer(ref memory.At(Neighbors, Layout.Index(i, 0)));
        pairs.Begin(memory.At(Positions, i), UniformPairs != 0 ? 0 : pairs.Types[i] * TypeCount, BoxX, BoxY, BoxZ);

        int k = 0;
        for (; k + 8 <= n; k += 8)
            pairs.Add(list + k, Vector256<float>.AllBitsSet);
        if (k < n)
        {
            // The last, partial group: unused lanes point at atom i itself and are masked out.
            int* group = stackalloc int[8];
            for (int lane = 0; lane < 8; lane++)
                group[lane] = k + lane < n ? list[k + lane] : i;
            Vector256<int> lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            pairs.Add(group, Vector256.LessThan(lanes, Vector256.Create(n - k)).AsSingle());
        }
        memory.At(Forces, i) = new Vec3(Vector256.Sum(pairs.Fx), Vector256.Sum(pairs.Fy), Vector256.Sum(pairs.Fz));
        if (default(TEnergy).Enabled)
            memory.At(Energies, i) = 0.5f * Vector256.Sum(pairs.Energy);
    }

    /// <summary>The running sums of one atom i over its neighbors, eight at a time.</summary>
    private unsafe struct PairSums
    {
        public float* Positions, Table;
        public int* Types;
        public Vector256<int> LastAtom;
        public bool Uniform;
        public Vector256<float> Fx, Fy, Fz, Energy;
        private Vector256<float> xi, yi, zi, boxX, boxY, boxZ, invBoxX, invBoxY, invBoxZ, c12, c6, cut2, shift;
        private Vector256<int> row;

        /// <param name="boxZLength">Periodic length along z, 0 when bounded (its image term then vanishes).</param>
        public void Begin(Vec3 pi, int rowStart, float boxXLength, float boxYLength, float boxZLength)
        {
            xi = Vector256.Create(pi.X);
            yi = Vector256.Create(pi.Y);
            zi = Vector256.Create(pi.Z);
            boxX = Vector256.Create(boxXLength);
            boxY = Vector256.Create(boxYLength);
            invBoxX = Vector256.Create(1f / boxXLength);
            invBoxY = Vector256.Create(1f / boxYLength);
            boxZ = Vector256.Create(boxZLength);
            invBoxZ = Vector256.Create(boxZLength > 0f ? 1f / boxZLength : 0f);
            row = Vector256.Create(rowStart);
            LennardJonesParams p = ((LennardJonesParams*)Table)[rowStart];
            c12 = Vector256.Create(p.C12);
            c6 = Vector256.Create(p.C6);
            cut2 = Vector256.Create(p.CutoffSquared);
            shift = Vector256.Create(p.Shift);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int* group, Vector256<float> valid)
        {
            Vector256<int> j = Avx.LoadVector256(group);
            Vector256<float> xj, yj, zj;
            if (Vector256.EqualsAny(j, LastAtom))
            {
                // A 16-byte load of the last atom would read past the buffer: gather this group.
                Vector256<int> j3 = j + j + j;
                xj = Avx2.GatherVector256(Positions, j3, 4);
                yj = Avx2.GatherVector256(Positions + 1, j3, 4);
                zj = Avx2.GatherVector256(Positions + 2, j3, 4);
            }
            else
            {
                // One 16-byte load per neighbor (x, y, z and the next atom's x), then a 4x4
                // transpose per 128-bit half: several times faster than three gathers on the CPUs measured.
                Vector256<float> r0 = Vector256.Create(Load(group[0]), Load(group[4]));
                Vector256<float> r1 = Vector256.Create(Load(group[1]), Load(group[5]));
                Vector256<float> r2 = Vector256.Create(Load(group[2]), Load(group[6]));
                Vector256<float> r3 = Vector256.Create(Load(group[3]), Load(group[7]));
                Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                xj = Avx.Shuffle(t0, t2, 0x44);
                yj = Avx.Shuffle(t0, t2, 0xEE);
                zj = Avx.Shuffle(t1, t3, 0x44);
            }
            Vector256<float> dx = xi - xj, dy = yi - yj, dz = zi - zj;
            // Minimum image (valid because |dx| < 1.5 box); along a bounded z, invBoxZ = 0 makes it vanish.
            dx -= boxX * Avx.RoundToNearestInteger(dx * invBoxX);
            dy -= boxY * Avx.RoundToNearestInteger(dy * invBoxY);
            dz -= boxZ * Avx.RoundToNearestInteger(dz * invBoxZ);
            Vector256<float> rsq = dx * dx + dy * dy + dz * dz;
            if (!Uniform)
            {
                Vector256<int> entry = (row + Avx2.GatherVector256(Types, j, 4)) << 2;
                c12 = Avx2.GatherVector256(Table, entry, 4);
                c6 = Avx2.GatherVector256(Table + 1, entry, 4);
                cut2 = Avx2.GatherVector256(Table + 2, entry, 4);
                shift = Avx2.GatherVector256(Table + 3, entry, 4);
            }
            Vector256<float> inside = Vector256.LessThan(rsq, cut2) & valid;
            Vector256<float> inv2 = Vector256<float>.One / rsq;
            Vector256<float> inv6 = inv2 * inv2 * inv2;
            Vector256<float> term12 = c12 * inv6 * inv6;
            Vector256<float> term6 = c6 * inv6;
            // Masking the bits also clears the inf/NaN of padded lanes (r² = 0 for j = i).
            Vector256<float> forceOverR = ((Vector256.Create(12f) * term12 - Vector256.Create(6f) * term6) * inv2) & inside;
            Fx += forceOverR * dx;
            Fy += forceOverR * dy;
            Fz += forceOverR * dz;
            if (default(TEnergy).Enabled)
                Energy += (term12 - term6 - shift) & inside;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly Vector128<float> Load(int j) => Sse.LoadVector128(Positions + 3 * j);
    }
}
