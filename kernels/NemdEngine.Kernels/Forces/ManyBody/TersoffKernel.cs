using ILGPU;
using NemdEngine.Kernels.Launch;
using NemdEngine.Kernels.Neighbors;
using NemdEngine.Kernels.Potentials;

namespace NemdEngine.Kernels.Forces.ManyBody;

/// <summary>
/// Pass 1 of Tersoff (one thread per atom i): U_i = ½ Σ_j fc(r_ij) [A e^(−λ1 r_ij) − b_ij B e^(−λ2 r_ij)],
/// b_ij = (1 + (βζ_ij)^n)^(−1/(2n)), ζ_ij = Σ_{k≠j} fc_ijk(r_ik) g_ijk(cos θ_jik) exp((λ3 (r_ij − r_ik))^m),
/// and ∂U_i/∂r_ij for every near bond (r_ij = r_j − r_i). Per bond j: ζ_ij over the other near bonds,
/// then b_ij with LAMMPS's asymptotic branches (no overflow in float), then ∂U_i/∂ζ_ij times ∂ζ_ij/∂r_ij
/// (summed in registers) and ∂ζ_ij/∂r_ik (added into k's partial, in i's own row).
/// </summary>
public struct TersoffKernel<TEnergy> : IAtomKernel where TEnergy : struct, IEnergyMode
{
    public ManyBodyArgs Args;
    /// <summary>Pairs[ti·n + tj] (see <see cref="TersoffPairParams"/>).</summary>
    public ArrayView<TersoffPairParams> Pairs;
    /// <summary>Triplets[(ti·n + tj)·n + tk] (see <see cref="TersoffTripletParams"/>).</summary>
    public ArrayView<TersoffTripletParams> Triplets;

    public void Execute<TAccess>(int i) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        Vec3 pi = memory.At(Args.Positions, i);
        int typeCount = Args.TypeCount;
        int row = memory.At(Args.Types, i) * typeCount;
        int n = memory.At(Args.NeighborCounts, i);
        float maxNear = Args.MaxNearCutoffSquared;
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
            float invR = 1f / MathF.Sqrt(r2);
            memory.At(Args.Partials, slot) = new Vec3(0f, 0f, 0f);
            memory.At(Args.Bonds, Args.Layout.Index(i, near)) = new ManyBodyBond
            {
                X = d.X, Y = d.Y, Z = d.Z, InvR = invR, A = r2 * invR, B = r2, Type = tj, Slot = s,
            };
            near++;
        }
        memory.At(Args.NearCounts, i) = near;

        float energy = 0f;
        for (int a = 0; a < near; a++)
        {
            ManyBodyBond bj = memory.At(Args.Bonds, Args.Layout.Index(i, a));
            TersoffPairParams p = memory.At(Pairs, row + bj.Type);
            if (bj.B >= p.CutoffSquared) continue;
            int tripletRow = (row + bj.Type) * typeCount;
            float zeta = 0f;
            for (int b = 0; b < near; b++)
            {
                if (b == a) continue;
                ManyBodyBond bk = memory.At(Args.Bonds, Args.Layout.Index(i, b));
                TersoffTripletParams t = memory.At(Triplets, tripletRow + bk.Type);
                if (bk.B >= t.CutoffSquared) continue;
                zeta += ZetaValue(t, bj, bk);
            }

            float rj = bj.A;
            Cutoff(rj, p.R, p.D, out float fc, out float dfc);
            float rep = p.A * MathF.Exp(-p.Lambda1 * rj);
            float att = p.B * MathF.Exp(-p.Lambda2 * rj);
            BondOrder(zeta, p, out float bij, out float dbij);
            energy += 0.5f * fc * (rep - bij * att);
            // ½ d/dr [fc A e^(−λ1 r)] − ½ b d/dr [fc B e^(−λ2 r)], along r̂_ij
            float radial = 0.5f * ((dfc - p.Lambda1 * fc) * rep + bij * (p.Lambda2 * fc - dfc) * att) * bj.InvR;
            float gx = radial * bj.X, gy = radial * bj.Y, gz = radial * bj.Z;

            float prefactor = -0.5f * fc * att * dbij;  // ∂U_i/∂ζ_ij
            if (prefactor != 0f)
            {
                for (int b = 0; b < near; b++)
                {
                    if (b == a) continue;
                    ManyBodyBond bk = memory.At(Args.Bonds, Args.Layout.Index(i, b));
                    TersoffTripletParams t = memory.At(Triplets, tripletRow + bk.Type);
                    if (bk.B >= t.CutoffSquared) continue;
                    ZetaTerm(t, bj, bk, out float jj, out float jk, out float kj, out float kk);
                    gx += prefactor * (jj * bj.X + jk * bk.X);
                    gy += prefactor * (jj * bj.Y + jk * bk.Y);
                    gz += prefactor * (jj * bj.Z + jk * bk.Z);
                    int slotK = Args.Layout.Index(i, bk.Slot);
                    Vec3 gk = memory.At(Args.Partials, slotK);
                    gk.X += prefactor * (kj * bj.X + kk * bk.X);
                    gk.Y += prefactor * (kj * bj.Y + kk * bk.Y);
                    gk.Z += prefactor * (kj * bj.Z + kk * bk.Z);
                    memory.At(Args.Partials, slotK) = gk;
                }
            }
            int slotJ = Args.Layout.Index(i, bj.Slot);
            memory.At(Args.Partials, slotJ) = memory.At(Args.Partials, slotJ) + new Vec3(gx, gy, gz);
        }
        if (default(TEnergy).Enabled)
            memory.At(Args.Energies, i) += energy;
    }

    /// <summary>ζ_ij's term of k, fc(r_ik) g(cos θ_jik) E(r_ij − r_ik), without its gradients.</summary>
    private static float ZetaValue(TersoffTripletParams t, ManyBodyBond bj, ManyBodyBond bk)
    {
        float cos = (bj.X * bk.X + bj.Y * bk.Y + bj.Z * bk.Z) * bj.InvR * bk.InvR;
        Cutoff(bk.A, t.R, t.D, out float fc, out _);
        float hc = t.H - cos;
        float hc2 = hc * hc;
        float g = t.Gamma * (1f + t.C2OverD2 * hc2 / (t.D2 + hc2));
        return fc * g * Exponential(t, bj.A - bk.A, out _);
    }

    /// <summary>E = exp(λ3 Δ) (m = 1) or exp((λ3 Δ)³) (m = 3), Δ = r_ij − r_ik, argument clamped at ±69.0776 as LAMMPS; and dE/dΔ.</summary>
    private static float Exponential(TersoffTripletParams t, float delta, out float slope)
    {
        if (t.Lambda3 == 0f)
        {
            slope = 0f;
            return 1f;
        }
        float l = t.Lambda3 * delta;
        float arg = t.M == 3 ? l * l * l : l;
        float e = arg > 69.0776f ? 1e30f : arg < -69.0776f ? 0f : MathF.Exp(arg);
        slope = t.M == 3 ? 3f * t.Lambda3 * l * l * e : t.Lambda3 * e;
        return e;
    }

    /// <summary>
    /// ζ_ij's term of k, fc(r_ik) g(cos θ_jik) E(r_ij − r_ik), and its gradients as coefficients of the bond
    /// vectors: ∂/∂r_ij = jj r_ij + jk r_ik, ∂/∂r_ik = kj r_ij + kk r_ik.
    /// </summary>
    private static float ZetaTerm(TersoffTripletParams t, ManyBodyBond bj, ManyBodyBond bk, out float jj, out float jk, out float kj, out float kk)
    {
        float invJK = bj.InvR * bk.InvR;
        float cos = (bj.X * bk.X + bj.Y * bk.Y + bj.Z * bk.Z) * invJK;
        Cutoff(bk.A, t.R, t.D, out float fc, out float dfc);
        float hc = t.H - cos;
        float hc2 = hc * hc;
        float inverse = 1f / (t.D2 + hc2);
        // γ (1 + c²/d² − c²/(d² + x²)) as γ (1 + (c²/d²) x²/(d² + x²)): no cancellation in float.
        float g = t.Gamma * (1f + t.C2OverD2 * hc2 * inverse);
        float dg = -2f * t.Gamma * t.C2 * hc * inverse * inverse;  // dg/dcos θ
        float e = Exponential(t, bj.A - bk.A, out float de);
        // ∂cos/∂r_ij = r_ik/(r_ij r_ik) − cos r_ij/r_ij², ∂cos/∂r_ik likewise.
        float angular = fc * dg * e;
        jk = angular * invJK;
        jj = -angular * cos * bj.InvR * bj.InvR + fc * g * de * bj.InvR;
        kj = jk;
        kk = (dfc * g * e - fc * g * de) * bk.InvR - angular * cos * bk.InvR * bk.InvR;
        return fc * g * e;
    }

    /// <summary>fc(r) = 1 below R − D, ½[1 − sin(π/2 (r − R)/D)] up to R + D, 0 beyond; and dfc/dr.</summary>
    private static void Cutoff(float r, float bigR, float bigD, out float fc, out float dfc)
    {
        if (r < bigR - bigD)
        {
            fc = 1f;
            dfc = 0f;
        }
        else if (r > bigR + bigD)
        {
            fc = 0f;
            dfc = 0f;
        }
        else
        {
            float x = 0.5f * MathF.PI * (r - bigR) / bigD;
            fc = 0.5f * (1f - MathF.Sin(x));
            dfc = -0.25f * MathF.PI / bigD * MathF.Cos(x);
        }
    }

    /// <summary>b = (1 + t^n)^(−1/(2n)), t = βζ, and db/dζ, with LAMMPS ters_bij's asymptotic branches.</summary>
    private static void BondOrder(float zeta, TersoffPairParams p, out float b, out float db)
    {
        float t = p.Beta * zeta;
        if (t > p.C1)
        {
            float rs = 1f / MathF.Sqrt(t);
            b = rs;
            db = -0.5f * p.Beta * rs / t;
        }
        else if (t > p.C2)
        {
            float rs = 1f / MathF.Sqrt(t);
            float tmn = MathF.Pow(t, -p.N);
            b = (1f - tmn / (2f * p.N)) * rs;
            db = -0.5f * p.Beta * rs / t * (1f - (1f + 1f / (2f * p.N)) * tmn);
        }
        else if (t < p.C4)
        {
            b = 1f;
            db = 0f;
        }
        else if (t < p.C3)
        {
            float tn = MathF.Pow(t, p.N);
            b = 1f - tn / (2f * p.N);
            db = -0.5f * p.Beta * tn / t;
        }
        else
        {
            float tn = MathF.Pow(t, p.N);
            b = MathF.Pow(1f + tn, p.MinusHalfOverN);
            db = -0.5f * b * tn / ((1f + tn) * zeta);
        }
    }
}
