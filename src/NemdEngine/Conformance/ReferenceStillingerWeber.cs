using NemdEngine.Potentials;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Conformance;

/// <summary>
/// Stillinger-Weber in double precision with LAMMPS pair_sw's semantics, as site energies:
/// U_i = ½ Σ_j φ2_ij(r_ij) + Σ_{j&lt;k} φ3_ijk, with
/// φ2_ij(r) = A ε [B (σ/r)^p − (σ/r)^q] exp(σ/(r − aσ)) (entry i-j-j; symmetric, so half goes to each end) and
/// φ3_ijk = λε_ijk (cos θ_jik − cos θ0_ijk)² exp(γσ_ij/(r_ij − aσ_ij)) exp(γσ_ik/(r_ik − aσ_ik))
/// (λε, cos θ0 of entry i-j-k; γ, σ, a of entries i-j-j and i-k-k), j and k within the i-j-j / i-k-k neighbor cutoff.
/// </summary>
public sealed class ReferenceStillingerWeber : IManyBodyPotential
{
    private readonly StillingerWeberTable _table;

    public ReferenceStillingerWeber(StillingerWeberTable table) => _table = table;

    public double Cutoff => _table.MaxCutoff;
    public int TypeCount => _table.TypeCount;
    public StillingerWeberTable Table => _table;

    /// <summary>Energy, site energies, forces (and f_ij) of <paramref name="positions"/> (Å) in <paramref name="box"/>.</summary>
    public static ManyBodyResult Compute(StillingerWeberTable table, IReadOnlyList<Double3> positions, IReadOnlyList<int> types,
        ReferenceBox box, bool pairwise = false) =>
        ManyBodyReference.Compute(new ReferenceStillingerWeber(table), positions, types, box, pairwise);

    public double SiteEnergy(int type, ReadOnlySpan<Neighbor> neighbors, Span<Double3> gradient)
    {
        double u = 0;
        // The short list: neighbors within the i-j-j neighbor cutoff, for both terms (as LAMMPS).
        Span<int> near = neighbors.Length <= 256 ? stackalloc int[neighbors.Length] : new int[neighbors.Length];
        var radial = new double[neighbors.Length];       // exp(γσ/(r − aσ)) of each near bond
        var radialSlope = new double[neighbors.Length];  // its derivative along r (1/Å)
        int count = 0;
        for (int m = 0; m < neighbors.Length; m++)
        {
            var nb = neighbors[m];
            var p = _table.PairEntries[_table.PairIndex(type, nb.Type)];
            double r = nb.Distance, cut = p.NeighborCutoff;
            if (r * r >= cut * cut) continue;
            near[count++] = m;

            double rc = 1 / (r - p.Cutoff);            // 1/(r − aσ) < 0 inside the cutoff
            double e = Math.Exp(p.Sigma * rc);
            double sr = p.Sigma / r;
            double rep = p.BigB * Math.Pow(sr, p.P), att = Math.Pow(sr, p.Q);
            double ae = p.BigA * p.Epsilon;
            double phi = ae * (rep - att) * e;
            // dφ2/dr = Aε e [(−p B (σ/r)^p + q (σ/r)^q)/r] + φ2 · (−σ/(r − aσ)²)
            double dphi = ae * e * (-p.P * rep + p.Q * att) / r - phi * p.Sigma * rc * rc;
            u += 0.5 * phi;
            gradient[m] += (0.5 * dphi / r) * nb.Delta;

            double gs = p.Gamma * p.Sigma;
            radial[m] = Math.Exp(gs * rc);
            radialSlope[m] = -gs * rc * rc * radial[m];
        }

        for (int a = 0; a < count - 1; a++)
        {
            int j = near[a];
            var dj = neighbors[j].Delta;
            double rj = neighbors[j].Distance;
            for (int b = a + 1; b < count; b++)
            {
                int k = near[b];
                var dk = neighbors[k].Delta;
                double rk = neighbors[k].Distance;
                var t = _table.TripletEntries[_table.TripletIndex(type, neighbors[j].Type, neighbors[k].Type)];
                double le = t.Lambda * t.Epsilon;
                double cos = dj.Dot(dk) / (rj * rk);
                double dc = cos - t.CosTheta0;
                double ee = radial[j] * radial[k];
                u += le * dc * dc * ee;
                // ∂cos/∂r_ij = r_ik/(r_ij r_ik) − cos r_ij/r_ij², and the same with j ↔ k.
                var dcosJ = (1 / (rj * rk)) * dk - (cos / (rj * rj)) * dj;
                var dcosK = (1 / (rj * rk)) * dj - (cos / (rk * rk)) * dk;
                gradient[j] += (2 * le * dc * ee) * dcosJ + (le * dc * dc * radialSlope[j] * radial[k] / rj) * dj;
                gradient[k] += (2 * le * dc * ee) * dcosK + (le * dc * dc * radial[j] * radialSlope[k] / rk) * dk;
            }
        }
        return u;
    }
}
