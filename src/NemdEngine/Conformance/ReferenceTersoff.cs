using NemdEngine.Potentials;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Conformance;

/// <summary>
/// Tersoff in double precision with LAMMPS pair_tersoff's semantics, as site energies:
/// U_i = ½ Σ_j fc_ij(r_ij) [A e^(−λ1 r_ij) − b_ij B e^(−λ2 r_ij)], with A, λ1, B, λ2, fc of entry i-j-j;
/// b_ij = (1 + (β ζ_ij)^n)^(−1/(2n)) with β, n of entry i-j-j;
/// ζ_ij = Σ_{k≠j} fc_ijk(r_ik) g_ijk(cos θ_jik) exp((λ3 (r_ij − r_ik))^m), with fc, g, λ3, m of entry i-j-k;
/// g(θ) = γ (1 + c²/d² − c²/(d² + (h − cos θ)²)); fc(r) = 1 below R − D, ½[1 − sin(π/2 (r − R)/D)] to R + D, 0 beyond.
/// The repulsive term is symmetric, so half of it goes to each end.
/// </summary>
public sealed class ReferenceTersoff : IManyBodyPotential
{
    private readonly TersoffTable _table;

    public ReferenceTersoff(TersoffTable table) => _table = table;

    public double Cutoff => _table.MaxCutoff;
    public int TypeCount => _table.TypeCount;
    public TersoffTable Table => _table;

    public static ManyBodyResult Compute(TersoffTable table, IReadOnlyList<Double3> positions, IReadOnlyList<int> types,
        ReferenceBox box, bool pairwise = false) =>
        ManyBodyReference.Compute(new ReferenceTersoff(table), positions, types, box, pairwise);

    public double SiteEnergy(int type, ReadOnlySpan<Neighbor> neighbors, Span<Double3> gradient)
    {
        double u = 0;
        for (int j = 0; j < neighbors.Length; j++)
        {
            var nj = neighbors[j];
            var p = _table.PairEntries[_table.PairIndex(type, nj.Type)];
            double rj = nj.Distance;
            if (rj >= p.Cutoff) continue;
            var uj = (1 / rj) * nj.Delta;
            var (fc, dfc) = CutoffFunction(rj, p.BigR, p.BigD);

            double rep = p.BigA * Math.Exp(-p.Lambda1 * rj);
            u += 0.5 * fc * rep;
            gradient[j] += (0.5 * (dfc - p.Lambda1 * fc) * rep) * uj;

            // ζ_ij over the other neighbors k (other images of j's atom included), then b_ij.
            double zeta = 0;
            for (int k = 0; k < neighbors.Length; k++)
            {
                if (k == j) continue;
                var t = _table.TripletEntries[_table.TripletIndex(type, nj.Type, neighbors[k].Type)];
                if (neighbors[k].Distance >= t.Cutoff) continue;
                zeta += ZetaTerm(t, nj, neighbors[k], out _, out _);
            }
            double att = p.BigB * Math.Exp(-p.Lambda2 * rj);
            double fa = -fc * att;                                  // f_A(r) = −B e^(−λ2 r) fc(r)
            double dfa = (p.Lambda2 * fc - dfc) * att;              // df_A/dr
            var (bij, dbij) = BondOrder(zeta, p.Beta, p.N);
            u += 0.5 * bij * fa;
            gradient[j] += (0.5 * bij * dfa) * uj;

            double prefactor = 0.5 * fa * dbij;                     // ∂U_i/∂ζ_ij
            if (prefactor == 0) continue;
            for (int k = 0; k < neighbors.Length; k++)
            {
                if (k == j) continue;
                var t = _table.TripletEntries[_table.TripletIndex(type, nj.Type, neighbors[k].Type)];
                if (neighbors[k].Distance >= t.Cutoff) continue;
                ZetaTerm(t, nj, neighbors[k], out var dJ, out var dK);
                gradient[j] += prefactor * dJ;
                gradient[k] += prefactor * dK;
            }
        }
        return u;
    }

    /// <summary>fc(r_ik) g(cos θ_jik) E(r_ij − r_ik) and its derivatives with respect to r_ij and r_ik (vectors).</summary>
    private static double ZetaTerm(TersoffEntry t, Neighbor j, Neighbor k, out Double3 dJ, out Double3 dK)
    {
        double rj = j.Distance, rk = k.Distance;
        var uj = (1 / rj) * j.Delta;
        var uk = (1 / rk) * k.Delta;
        double cos = uj.Dot(uk);
        var (fc, dfc) = CutoffFunction(rk, t.BigR, t.BigD);

        double c2 = t.C * t.C, d2 = t.D * t.D, hc = t.CosTheta0 - cos;
        double denominator = d2 + hc * hc;
        double g = t.Gamma * (1 + c2 / d2 - c2 / denominator);
        double dg = -2 * t.Gamma * c2 * hc / (denominator * denominator);   // dg/dcos θ

        // E = exp(arg), arg = λ3 Δ (m = 1) or (λ3 Δ)³ (m = 3), Δ = r_ij − r_ik; clamped at ±69.0776 as LAMMPS.
        double delta = rj - rk;
        double arg = t.M == 3 ? Math.Pow(t.Lambda3 * delta, 3) : t.Lambda3 * delta;
        double e = arg > 69.0776 ? 1e30 : arg < -69.0776 ? 0 : Math.Exp(arg);
        double de = t.M == 3 ? 3 * Math.Pow(t.Lambda3, 3) * delta * delta * e : t.Lambda3 * e;   // dE/dΔ

        // ∂cos/∂r_ij = (û_ik − cos û_ij)/r_ij, ∂cos/∂r_ik = (û_ij − cos û_ik)/r_ik
        var dcosJ = (1 / rj) * (uk - cos * uj);
        var dcosK = (1 / rk) * (uj - cos * uk);
        dJ = (fc * dg * e) * dcosJ + (fc * g * de) * uj;
        dK = (dfc * g * e) * uk + (fc * dg * e) * dcosK - (fc * g * de) * uk;
        return fc * g * e;
    }

    /// <summary>fc(r) and dfc/dr (1/Å) of the Tersoff cutoff with middle R and half width D (Å).</summary>
    private static (double Value, double Slope) CutoffFunction(double r, double bigR, double bigD)
    {
        if (r < bigR - bigD) return (1, 0);
        if (r > bigR + bigD) return (0, 0);
        double x = Math.PI / 2 * (r - bigR) / bigD;
        return (0.5 * (1 - Math.Sin(x)), -Math.PI / 4 / bigD * Math.Cos(x));
    }

    /// <summary>b = (1 + (βζ)^n)^(−1/(2n)) and db/dζ; b = 1, db/dζ = 0 at ζ = 0 (a lone bond).</summary>
    private static (double Value, double Slope) BondOrder(double zeta, double beta, double n)
    {
        double t = beta * zeta;
        if (t <= 0) return (1, 0);
        double tn = Math.Pow(t, n);
        double b = Math.Pow(1 + tn, -0.5 / n);
        // db/dζ = −½ (1 + t^n)^(−1 − 1/(2n)) t^n / ζ
        return (b, -0.5 * b / (1 + tn) * tn / zeta);
    }
}
