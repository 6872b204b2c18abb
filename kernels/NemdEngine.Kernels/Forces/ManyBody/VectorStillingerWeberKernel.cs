using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ILGPU;
using NemdEngine.Kernels.Launch;
using NemdEngine.Kernels.Potentials;

namespace NemdEngine.Kernels.Forces.ManyBody;

/// <summary>
/// Pass 1 of <see cref="StillingerWeberKernel{TEnergy}"/> for the host CPU path only, with AVX2: the full
/// list scanned eight neighbors at a time (16-byte position loads and a transpose, branch-free minimum
/// image), the near bonds kept in structure-of-arrays scratch on the stack, the two-body terms and
/// radial factors eight bonds at a time (<see cref="Vector256.Exp(Vector256{float})"/>), and for each
/// bond j the triplets (j, k &gt; j) eight k at a time, k's derivative added into its scratch lane.
/// Same equations, same near lists (a bond is near from both ends: the distance is computed from the
/// same float difference with the sign flipped), same outputs as the portable kernel to float rounding.
/// Never compiled by ILGPU: launch it only where <see cref="IsSupported"/> holds for the table and the
/// backend runs kernel bodies on host memory with an atom-major neighbor list.
/// </summary>
[SkipLocalsInit]
public unsafe struct VectorStillingerWeberKernel<TEnergy> : IAtomKernel where TEnergy : struct, IEnergyMode
{
    public ManyBodyArgs Args;
    public ArrayView<StillingerWeberPairParams> Pairs;
    public ArrayView<StillingerWeberTripletParams> Triplets;
    /// <summary>p and q of every pair (whole numbers 0..16, see <see cref="IsSupported"/>).</summary>
    public int PowerP, PowerQ;

    /// <summary>AVX2, and one whole-number p and q from 0 to 16 for every pair (p = 4, q = 0 in the SW files in use).</summary>
    public static bool IsSupported(StillingerWeberPairParams[] pairs) =>
        Avx2.IsSupported && pairs.Length > 0
        && pairs.All(p => p.P == pairs[0].P && p.Q == pairs[0].Q)
        && IsSmallWhole(pairs[0].P) && IsSmallWhole(pairs[0].Q);

    private static bool IsSmallWhole(float x) => x == MathF.Floor(x) && x >= 0 && x <= 16;

    // Structure-of-arrays scratch of the near bonds, one row of `stride` floats each.
    private const int RowX = 0, RowY = 1, RowZ = 2, RowInvR = 3, RowRadial = 4, RowSlope = 5, RowGx = 6, RowGy = 7, RowGz = 8, Rows = 9;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        float* positions = (float*)Unsafe.AsPointer(ref memory.At(Args.Positions, 0));
        int* typesOf = (int*)Unsafe.AsPointer(ref memory.At(Args.Types, 0));
        int* list = (int*)Unsafe.AsPointer(ref memory.At(Args.Neighbors, Args.Layout.Index(i, 0)));
        StillingerWeberPairParams* pairTable = (StillingerWeberPairParams*)Unsafe.AsPointer(ref memory.At(Pairs, 0));
        StillingerWeberTripletParams* tripletTable = (StillingerWeberTripletParams*)Unsafe.AsPointer(ref memory.At(Triplets, 0));
        float* nearCut = (float*)Unsafe.AsPointer(ref memory.At(Args.NearCutoffSquared, 0));
        int n = memory.At(Args.NeighborCounts, i);
        int typeCount = Args.TypeCount;
        int row = typesOf[i] * typeCount;
        Vec3 pi = memory.At(Args.Positions, i);

        // Room for every neighbor being near, plus a group of eight of zero padding.
        int stride = ((n + 7) & ~7) + 8;
        float* soa = stackalloc float[Rows * stride];
        float* sigma = stackalloc float[stride];
        float* cutoff = stackalloc float[stride];
        float* r2s = stackalloc float[stride];
        int* slots = stackalloc int[stride];
        int* types = stackalloc int[stride];
        int* tail = stackalloc int[8];

        // 1. The near list: r² of eight neighbors at a time, then the few candidates one by one.
        Vector256<float> xi = Vector256.Create(pi.X), yi = Vector256.Create(pi.Y), zi = Vector256.Create(pi.Z);
        Vector256<float> boxX = Vector256.Create(Args.BoxX), boxY = Vector256.Create(Args.BoxY), boxZ = Vector256.Create(Args.BoxZ);
        Vector256<float> invBoxX = Vector256.Create(1f / Args.BoxX), invBoxY = Vector256.Create(1f / Args.BoxY);
        Vector256<float> invBoxZ = Vector256.Create(Args.BoxZ > 0f ? 1f / Args.BoxZ : 0f);
        Vector256<float> maxNear = Vector256.Create(Args.MaxNearCutoffSquared);
        Vector256<int> lastAtom = Vector256.Create(Args.Positions.IntLength - 1);
        Vector256<int> lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        int full = n & ~7;
        for (int lane = 0; lane < 8; lane++) tail[lane] = full + lane < n ? list[full + lane] : i;
        int near = 0;
        for (int k = 0; k < n; k += 8)
        {
            int* group = k < full ? list + k : tail;
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
            // r_ij = r_j − r_i, minimum image (valid because |d| < 1.5 box).
            Vector256<float> dx = xj - xi, dy = yj - yi, dz = zj - zi;
            dx -= boxX * Avx.RoundToNearestInteger(dx * invBoxX);
            dy -= boxY * Avx.RoundToNearestInteger(dy * invBoxY);
            dz -= boxZ * Avx.RoundToNearestInteger(dz * invBoxZ);
            Vector256<float> rsq = dx * dx + dy * dy + dz * dz;
            Vector256<float> candidate = Vector256.LessThan(rsq, maxNear) & Vector256.LessThan(lanes + Vector256.Create(k), Vector256.Create(n)).AsSingle();
            uint mask = candidate.ExtractMostSignificantBits();
            while (mask != 0)
            {
                int lane = System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                int atom = group[lane];
                int tj = typesOf[atom];
                float r2 = rsq.GetElement(lane);
                if (r2 >= nearCut[row + tj]) continue;
                StillingerWeberPairParams* p = pairTable + row + tj;
                // As the portable kernel: r ≥ aσ in float contributes nothing.
                if (r2 * (1f / MathF.Sqrt(r2)) >= p->Cutoff) continue;
                soa[RowX * stride + near] = dx.GetElement(lane);
                soa[RowY * stride + near] = dy.GetElement(lane);
                soa[RowZ * stride + near] = dz.GetElement(lane);
                r2s[near] = r2;
                sigma[near] = p->Sigma;
                cutoff[near] = p->Cutoff;
                slots[near] = k + lane;
                types[near] = tj;
                near++;
            }
        }
        memory.At(Args.NearCounts, i) = near;
        // Padding: bonds beyond `near` read as zero vectors with zero radial factors (every product vanishes).
        int padded = (near + 7) & ~7;
        for (int m = near; m < padded + 8; m++)
        {
            for (int rowIndex = 0; rowIndex < Rows; rowIndex++) soa[rowIndex * stride + m] = 0f;
            r2s[m] = 1f;
            sigma[m] = 0f;
            cutoff[m] = 2f;
            types[m] = 0;
        }

        // 2. Two-body terms and radial factors, eight bonds at a time (parameters per lane from the species pair).
        StillingerWeberPairParams p0 = pairTable[row];
        Vector256<float> energy = Vector256<float>.Zero;
        bool oneSpecies = typeCount == 1;
        for (int m = 0; m < padded; m += 8)
        {
            Vector256<float> valid = Vector256.LessThan(lanes + Vector256.Create(m), Vector256.Create(near)).AsSingle();
            Vector256<float> aEps, bigB, gammaSigma;
            if (oneSpecies)
            {
                aEps = Vector256.Create(p0.AEpsilon);
                bigB = Vector256.Create(p0.B);
                gammaSigma = Vector256.Create(p0.GammaSigma);
            }
            else
            {
                Vector256<int> index = (Vector256.Create(row) + Avx.LoadVector256(types + m)) * Vector256.Create(sizeof(StillingerWeberPairParams) / 4);
                float* table = (float*)pairTable;
                aEps = Avx2.GatherVector256(table + 3, index, 4);
                bigB = Avx2.GatherVector256(table + 4, index, 4);
                gammaSigma = Avx2.GatherVector256(table + 7, index, 4);
            }
            Vector256<float> r2 = Avx.LoadVector256(r2s + m);
            Vector256<float> invR = Vector256<float>.One / Vector256.Sqrt(r2);
            Vector256<float> r = r2 * invR;
            Vector256<float> sig = Avx.LoadVector256(sigma + m);
            Vector256<float> rc = Vector256<float>.One / (r - Avx.LoadVector256(cutoff + m));
            Vector256<float> e2 = Vector256.Exp(sig * rc);
            Vector256<float> sr = sig * invR;
            Vector256<float> rep = bigB * Power(sr, PowerP), att = Power(sr, PowerQ);
            Vector256<float> phi = aEps * (rep - att) * e2;
            Vector256<float> dphi = aEps * e2 * (Vector256.Create((float)PowerQ) * att - Vector256.Create((float)PowerP) * rep) * invR - phi * sig * rc * rc;
            energy += Vector256.Create(0.5f) * phi & valid;
            Vector256<float> g = (Vector256.Create(0.5f) * dphi * invR) & valid;
            Vector256<float> radial = Vector256.Exp(gammaSigma * rc) & valid;
            Vector256<float> slope = (Vector256<float>.Zero - gammaSigma) * rc * rc * radial * invR;
            Vector256<float> x = Avx.LoadVector256(soa + RowX * stride + m), y = Avx.LoadVector256(soa + RowY * stride + m), z = Avx.LoadVector256(soa + RowZ * stride + m);
            Avx.Store(soa + RowInvR * stride + m, invR & valid);
            Avx.Store(soa + RowRadial * stride + m, radial);
            Avx.Store(soa + RowSlope * stride + m, slope & valid);
            Avx.Store(soa + RowGx * stride + m, g * x);
            Avx.Store(soa + RowGy * stride + m, g * y);
            Avx.Store(soa + RowGz * stride + m, g * z);
        }

        // 3. Each triplet (j, k > j) once: j's derivative summed in registers, k's added into its lane.
        float* sx = soa + RowX * stride, sy = soa + RowY * stride, sz = soa + RowZ * stride, sInvR = soa + RowInvR * stride;
        float* sRadial = soa + RowRadial * stride, sSlope = soa + RowSlope * stride;
        float* gxs = soa + RowGx * stride, gys = soa + RowGy * stride, gzs = soa + RowGz * stride;
        StillingerWeberTripletParams first = tripletTable[row * typeCount];
        Vector256<float> two = Vector256.Create(2f);
        for (int a = 0; a < near - 1; a++)
        {
            Vector256<float> xj = Vector256.Create(sx[a]), yj = Vector256.Create(sy[a]), zj = Vector256.Create(sz[a]);
            Vector256<float> invRj = Vector256.Create(sInvR[a]), radialJ = Vector256.Create(sRadial[a]), slopeJ = Vector256.Create(sSlope[a]);
            Vector256<float> invRj2 = invRj * invRj;
            Vector256<float> gx = Vector256<float>.Zero, gy = gx, gz = gx;
            Vector256<float> lambdaEps = Vector256.Create(first.LambdaEpsilon), cos0 = Vector256.Create(first.CosTheta0);
            Vector256<int> tripletRow = Vector256.Create(((row + types[a]) * typeCount) * 2);
            for (int b = a + 1; b < near; b += 8)
            {
                if (!oneSpecies)
                {
                    Vector256<int> index = tripletRow + (Avx.LoadVector256(types + b) << 1);
                    lambdaEps = Avx2.GatherVector256((float*)tripletTable, index, 4);
                    cos0 = Avx2.GatherVector256((float*)tripletTable + 1, index, 4);
                }
                Vector256<float> xk = Avx.LoadVector256(sx + b), yk = Avx.LoadVector256(sy + b), zk = Avx.LoadVector256(sz + b);
                Vector256<float> invRk = Avx.LoadVector256(sInvR + b), radialK = Avx.LoadVector256(sRadial + b), slopeK = Avx.LoadVector256(sSlope + b);
                Vector256<float> invJK = invRj * invRk;
                Vector256<float> cos = (xj * xk + yj * yk + zj * zk) * invJK;
                Vector256<float> dc = cos - cos0;
                Vector256<float> ee = radialJ * radialK;
                Vector256<float> ldc = lambdaEps * dc;
                Vector256<float> ldc2 = ldc * dc;
                // Lanes past the last bond have zero radial factors and zero vectors: they add nothing.
                energy += ldc2 * ee;
                Vector256<float> c = two * ldc * ee;
                Vector256<float> cross = c * invJK;
                Vector256<float> ccos = c * cos;
                Vector256<float> selfJ = ldc2 * radialK * slopeJ - ccos * invRj2;
                Vector256<float> selfK = ldc2 * radialJ * slopeK - ccos * invRk * invRk;
                gx += cross * xk + selfJ * xj;
                gy += cross * yk + selfJ * yj;
                gz += cross * zk + selfJ * zj;
                Avx.Store(gxs + b, Avx.LoadVector256(gxs + b) + cross * xj + selfK * xk);
                Avx.Store(gys + b, Avx.LoadVector256(gys + b) + cross * yj + selfK * yk);
                Avx.Store(gzs + b, Avx.LoadVector256(gzs + b) + cross * zj + selfK * zk);
            }
            gxs[a] += Vector256.Sum(gx);
            gys[a] += Vector256.Sum(gy);
            gzs[a] += Vector256.Sum(gz);
        }

        // 4. The near bonds and their partials where pass 2 and the pairwise forces read them.
        for (int m = 0; m < near; m++)
        {
            int slot = Args.Layout.Index(i, slots[m]);
            memory.At(Args.Partials, slot) = new Vec3(gxs[m], gys[m], gzs[m]);
            memory.At(Args.Bonds, Args.Layout.Index(i, m)) = new ManyBodyBond
            {
                X = sx[m], Y = sy[m], Z = sz[m], InvR = sInvR[m], A = sRadial[m], B = sSlope[m], Type = types[m], Slot = slots[m],
            };
        }
        if (default(TEnergy).Enabled)
            memory.At(Args.Energies, i) += Vector256.Sum(energy);
    }

    /// <summary>x^e for a whole e from 0 to 16 by repeated squaring.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Power(Vector256<float> x, int e)
    {
        Vector256<float> result = Vector256<float>.One, square = x;
        while (e != 0)
        {
            if ((e & 1) != 0) result *= square;
            square *= square;
            e >>= 1;
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Load(float* positions, int j) => Sse.LoadVector128(positions + 3 * j);
}
