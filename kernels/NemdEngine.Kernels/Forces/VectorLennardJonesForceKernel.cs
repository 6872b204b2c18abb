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
/// CPU path only, eight neighbors at a time with AVX2 (positions by 16-byte loads and a transpose,
/// branch-free minimum image and cutoff mask). The scalar loop spends most of its time on
/// mispredicted cutoff branches; here every lane does the same work and lanes outside r_c are
/// masked out. Never compiled by ILGPU:
/// launch it only where <see cref="IsSupported"/> and the backend runs kernel bodies on host
/// memory with an atom-major neighbor list. Same full list, same sums per atom (in a different
/// order), so results agree with the scalar kernel to float rounding, and are deterministic.
/// </summary>
public struct VectorLennardJonesForceKernel<TEnergy> : IAtomKernel where TEnergy : struct, IEnergyMode
{
    /// <summary>As the portable kernel's; the neighbor layout must be atom-major (each atom's neighbors contiguous).</summary>
    public PairForceArgs<LennardJonesParams> Args;

    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>Up to this many species, per-lane parameters are blended from atom i's table row; beyond, gathered.</summary>
    public const int MaxSpeciesForSelect = 4;

    public unsafe void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        // Host buffers are native allocations that never move: their addresses are stable.
        float* positions = (float*)Unsafe.AsPointer(ref memory.At(Args.Positions, 0));
        int* types = (int*)Unsafe.AsPointer(ref memory.At(Args.Types, 0));
        float* table = (float*)Unsafe.AsPointer(ref memory.At(Args.PairTable, 0));
        int* list = (int*)Unsafe.AsPointer(ref memory.At(Args.Neighbors, Args.Layout.Index(i, 0)));
        int n = memory.At(Args.NeighborCounts, i);
        bool uniform = Args.UniformPairs != 0;
        int typeCount = Args.TypeCount;
        bool selectByType = typeCount <= MaxSpeciesForSelect;
        int rowStart = uniform ? 0 : types[i] * typeCount;
        LennardJonesParams p0 = memory.At(Args.PairTable, rowStart);
        Vec3 pi = memory.At(Args.Positions, i);

        // Everything the loop touches is a local, so the JIT keeps it in registers.
        Vector256<float> xi = Vector256.Create(pi.X), yi = Vector256.Create(pi.Y), zi = Vector256.Create(pi.Z);
        Vector256<float> boxX = Vector256.Create(Args.BoxX), boxY = Vector256.Create(Args.BoxY), boxZ = Vector256.Create(Args.BoxZ);
        Vector256<float> invBoxX = Vector256.Create(1f / Args.BoxX), invBoxY = Vector256.Create(1f / Args.BoxY);
        // Along a bounded z, invBoxZ = 0 makes the image term vanish.
        Vector256<float> invBoxZ = Vector256.Create(Args.BoxZ > 0f ? 1f / Args.BoxZ : 0f);
        Vector256<float> c12 = Vector256.Create(p0.C12), c6 = Vector256.Create(p0.C6);
        Vector256<float> cut2 = Vector256.Create(p0.CutoffSquared), shift = Vector256.Create(p0.Shift);
        Vector256<int> row = Vector256.Create(rowStart), lastAtom = Vector256.Create(Args.Positions.IntLength - 1);
        Vector256<int> lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        Vector256<float> fx = Vector256<float>.Zero, fy = fx, fz = fx, energy = fx;

        // The last, partial group of eight reads a padded copy whose unused lanes point at atom i
        // itself (r² = 0) and are masked out.
        int full = n & ~7;
        int* tail = stackalloc int[8];
        for (int lane = 0; lane < 8; lane++)
            tail[lane] = full + lane < n ? list[full + lane] : i;

        for (int k = 0; k < n; k += 8)
        {
            int* group = k < full ? list + k : tail;
            Vector256<float> valid = Vector256.LessThan(lanes + Vector256.Create(k), Vector256.Create(n)).AsSingle();
            Vector256<int> j = Avx.LoadVector256(group);
            Vector256<float> xj, yj, zj;
            if (Vector256.EqualsAny(j, lastAtom))
            {
                // A 16-byte load of the last atom would read past the buffer: gather this group.
                Vector256<int> j3 = j + j + j;
                xj = Avx2.GatherVector256(positions, j3, 4);
                yj = Avx2.GatherVector256(positions + 1, j3, 4);
                zj = Avx2.GatherVector256(positions + 2, j3, 4);
            }
            else
            {
                // One 16-byte load per neighbor (x, y, z and the next atom's x), then a 4x4
                // transpose per 128-bit half: several times faster than three gathers on the CPUs measured.
                Vector256<float> r0 = Vector256.Create(Load(positions, group[0]), Load(positions, group[4]));
                Vector256<float> r1 = Vector256.Create(Load(positions, group[1]), Load(positions, group[5]));
                Vector256<float> r2 = Vector256.Create(Load(positions, group[2]), Load(positions, group[6]));
                Vector256<float> r3 = Vector256.Create(Load(positions, group[3]), Load(positions, group[7]));
                Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                xj = Avx.Shuffle(t0, t2, 0x44);
                yj = Avx.Shuffle(t0, t2, 0xEE);
                zj = Avx.Shuffle(t1, t3, 0x44);
            }
            Vector256<float> dx = xi - xj, dy = yi - yj, dz = zi - zj;
            // Minimum image (valid because |d| < 1.5 box).
            dx -= boxX * Avx.RoundToNearestInteger(dx * invBoxX);
            dy -= boxY * Avx.RoundToNearestInteger(dy * invBoxY);
            dz -= boxZ * Avx.RoundToNearestInteger(dz * invBoxZ);
            Vector256<float> rsq = dx * dx + dy * dy + dz * dz;
            if (!uniform)
            {
                Vector256<int> typeJ = Avx2.GatherVector256(types, j, 4);
                if (selectByType)
                {
                    // Few species: pick each lane's parameters from atom i's row of the table with one
                    // compare and four blends per species, instead of four gathers (a gather costs
                    // about as much as the whole LJ arithmetic of its eight pairs on the CPUs measured).
                    float* entry = table + 4 * rowStart;
                    c12 = Vector256.Create(entry[0]);
                    c6 = Vector256.Create(entry[1]);
                    cut2 = Vector256.Create(entry[2]);
                    shift = Vector256.Create(entry[3]);
                    for (int t = 1; t < typeCount; t++)
                    {
                        entry += 4;
                        Vector256<float> isT = Vector256.Equals(typeJ, Vector256.Create(t)).AsSingle();
                        c12 = Vector256.ConditionalSelect(isT, Vector256.Create(entry[0]), c12);
                        c6 = Vector256.ConditionalSelect(isT, Vector256.Create(entry[1]), c6);
                        cut2 = Vector256.ConditionalSelect(isT, Vector256.Create(entry[2]), cut2);
                        shift = Vector256.ConditionalSelect(isT, Vector256.Create(entry[3]), shift);
                    }
                }
                else
                {
                    Vector256<int> index = (row + typeJ) << 2;
                    c12 = Avx2.GatherVector256(table, index, 4);
                    c6 = Avx2.GatherVector256(table + 1, index, 4);
                    cut2 = Avx2.GatherVector256(table + 2, index, 4);
                    shift = Avx2.GatherVector256(table + 3, index, 4);
                }
            }
            Vector256<float> inside = Vector256.LessThan(rsq, cut2) & valid;
            Vector256<float> inv2 = Vector256<float>.One / rsq;
            Vector256<float> inv6 = inv2 * inv2 * inv2;
            Vector256<float> term12 = c12 * inv6 * inv6;
            Vector256<float> term6 = c6 * inv6;
            // Masking the bits also clears the inf/NaN of padded lanes (r² = 0 for j = i).
            Vector256<float> forceOverR = ((Vector256.Create(12f) * term12 - Vector256.Create(6f) * term6) * inv2) & inside;
            fx += forceOverR * dx;
            fy += forceOverR * dy;
            fz += forceOverR * dz;
            if (default(TEnergy).Enabled)
                energy += (term12 - term6 - shift) & inside;
        }
        memory.At(Args.Forces, i) = memory.At(Args.Forces, i) + new Vec3(Vector256.Sum(fx), Vector256.Sum(fy), Vector256.Sum(fz));
        if (default(TEnergy).Enabled)
            memory.At(Args.Energies, i) += 0.5f * Vector256.Sum(energy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<float> Load(float* positions, int j) => Sse.LoadVector128(positions + 3 * j);
}
