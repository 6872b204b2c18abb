using ILGPU;
using NemdEngine.Kernels.Launch;
using NemdEngine.Kernels.Neighbors;
using NemdEngine.Kernels.Potentials;

namespace NemdEngine.Kernels.Forces.ManyBody;

/// <summary>
/// Pass 1 of Stillinger-Weber (one thread per atom i): U_i = ½ Σ_j φ2(r_ij) + Σ_{j&lt;k} φ3(r_ij, r_ik) and
/// ∂U_i/∂r_ij for every near bond, r_ij = r_j − r_i. φ2 = Aε [B (σ/r)^p − (σ/r)^q] exp(σ/(r − aσ)),
/// φ3 = λε (cos θ_jik − cos θ0)² exp(γσ_ij/(r_ij − aσ_ij)) exp(γσ_ik/(r_ik − aσ_ik)).
/// First the near list (bonds within the i-j-j cutoff, with their radial factors), then each
/// triplet once: its derivative for j is summed in registers, for k added into k's partial (i's own
/// row, so no other thread writes it).
/// </summary>
public struct StillingerWeberKernel<TEnergy> : IAtomKernel where TEnergy : struct, IEnergyMode
{
    public ManyBodyArgs Args;
    /// <summary>Pairs[ti·n + tj] (see <see cref="StillingerWeberPairParams"/>).</summary>
    public ArrayView<StillingerWeberPairParams> Pairs;
    /// <summary>Triplets[(ti·n + tj)·n + tk] (see <see cref="StillingerWeberTripletParams"/>).</summary>
    public ArrayView<StillingerWeberTripletParams> Triplets;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        Vec3 pi = memory.At(Args.Positions, i);
        int typeCount = Args.TypeCount;
        int row = memory.At(Args.Types, i) * typeCount;
        int n = memory.At(Args.NeighborCounts, i);
        float maxNear = Args.MaxNearCutoffSquared;
        float energy = 0f;
        int near = 0;
        for (int s = 0; s < n; s++)
        {
            int slot = Args.Layout.Index(i, s);
            int j = memory.At(Args.Neighbors, slot);
            Vec3 d = MinimumImage.Delta(memory.At(Args.Positions, j), pi, Args.BoxX, Args.BoxY, Args.BoxZ);
            float r2 = d.LengthSquared;
            if (r2 >= maxNear) continue;
            int tj = memory.At(Args.Types, j);
            if (r2 >= memory.At(Args.NearCutoffSquared, row + tj)) continue;
            StillingerWeberPairParams p = memory.At(Pairs, row + tj);
            float invR = 1f / MathF.Sqrt(r2);
            float r = r2 * invR;
            // r² below (aσ)² in float does not make r below aσ: at r ≥ aσ every term is 0 (and exp(σ/(r − aσ))
            // would be infinite). The same bits from both ends, so the near lists stay symmetric.
            if (r >= p.Cutoff) continue;
            float rc = 1f / (r - p.Cutoff);  // 1/(r − aσ) < 0 inside the cutoff
            float e2 = MathF.Exp(p.Sigma * rc);
            float sr = p.Sigma * invR;
            float rep = p.B * Power(sr, p.P), att = Power(sr, p.Q);
            float phi = p.AEpsilon * (rep - att) * e2;
            // dφ2/dr = Aε e [q (σ/r)^q − p B (σ/r)^p] / r − φ2 σ/(r − aσ)²
            float dphi = p.AEpsilon * e2 * (p.Q * att - p.P * rep) * invR - phi * p.Sigma * rc * rc;
            energy += 0.5f * phi;
            memory.At(Args.Partials, slot) = (0.5f * dphi * invR) * d;
            float radial = MathF.Exp(p.GammaSigma * rc);
            memory.At(Args.Bonds, Args.Layout.Index(i, near)) = new ManyBodyBond
            {
                X = d.X, Y = d.Y, Z = d.Z, InvR = invR,
                A = radial,
                B = -p.GammaSigma * rc * rc * radial * invR,
                Type = tj,
                Slot = s,
            };
            near++;
        }
        memory.At(Args.NearCounts, i) = near;

        for (int a = 0; a < near - 1; a++)
        {
            ManyBodyBond bj = memory.At(Args.Bonds, Args.Layout.Index(i, a));
            int slotJ = Args.Layout.Index(i, bj.Slot);
            Vec3 gj = memory.At(Args.Partials, slotJ);
            int tripletRow = (row + bj.Type) * typeCount;
            for (int b = a + 1; b < near; b++)
            {
                ManyBodyBond bk = memory.At(Args.Bonds, Args.Layout.Index(i, b));
                StillingerWeberTripletParams t = memory.At(Triplets, tripletRow + bk.Type);
                float invJK = bj.InvR * bk.InvR;
                float cos = (bj.X * bk.X + bj.Y * bk.Y + bj.Z * bk.Z) * invJK;
                float dc = cos - t.CosTheta0;
                float ee = bj.A * bk.A;
                float ldc = t.LambdaEpsilon * dc;
                float ldc2 = ldc * dc;
                energy += ldc2 * ee;
                // ∂cos/∂r_ij = r_ik/(r_ij r_ik) − cos r_ij/r_ij²; the radial factor of j adds its slope along r_ij.
                float c = 2f * ldc * ee;
                float cross = c * invJK;
                float selfJ = ldc2 * bk.A * bj.B - c * cos * bj.InvR * bj.InvR;
                float selfK = ldc2 * bj.A * bk.B - c * cos * bk.InvR * bk.InvR;
                gj.X += cross * bk.X + selfJ * bj.X;
                gj.Y += cross * bk.Y + selfJ * bj.Y;
                gj.Z += cross * bk.Z + selfJ * bj.Z;
                int slotK = Args.Layout.Index(i, bk.Slot);
                Vec3 gk = memory.At(Args.Partials, slotK);
                gk.X += cross * bj.X + selfK * bk.X;
                gk.Y += cross * bj.Y + selfK * bk.Y;
                gk.Z += cross * bj.Z + selfK * bk.Z;
                memory.At(Args.Partials, slotK) = gk;
            }
            memory.At(Args.Partials, slotJ) = gj;
        }
        if (default(TEnergy).Enabled)
            memory.At(Args.Energies, i) += energy;
    }

    /// <summary>x^y; by repeated squaring when y is a whole number from 0 to 16 (p = 4, q = 0 in every SW file shipped), else MathF.Pow.</summary>
    private static float Power(float x, float y)
    {
        int n = (int)y;
        if (n != y || n < 0 || n > 16) return MathF.Pow(x, y);
        float result = 1f, square = x;
        while (n != 0)
        {
            if ((n & 1) != 0) result *= square;
            square *= square;
            n >>= 1;
        }
        return result;
    }
}
