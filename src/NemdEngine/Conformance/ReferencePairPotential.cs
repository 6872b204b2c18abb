using NemdEngine.Input;

namespace NemdEngine.Conformance;

/// <summary>
/// Truncated (and optionally shifted) Lennard-Jones as a site potential, U_i = ½ Σ_j φ(r_ij), so the
/// many-body machinery (cohesive energies of a deck) treats every potential of a deck alike.
/// Double precision, in the deck's units.
/// </summary>
public sealed class ReferencePairPotential(PairSpec[,] pairs) : IManyBodyPotential
{
    public double Cutoff { get; } = pairs.Cast<PairSpec>().Max(p => p.Cutoff);
    public int TypeCount { get; } = pairs.GetLength(0);

    public double SiteEnergy(int type, ReadOnlySpan<Neighbor> neighbors, Span<Double3> gradient)
    {
        double energy = 0;
        for (int n = 0; n < neighbors.Length; n++)
        {
            var p = pairs[type, neighbors[n].Type];
            double r = neighbors[n].Distance;
            if (r >= p.Cutoff) continue;
            double sr6 = Math.Pow(p.Sigma / r, 6), src6 = Math.Pow(p.Sigma / p.Cutoff, 6);
            // φ = 4ε[(σ/r)¹² − (σ/r)⁶] − φ(r_c); ½ of each pair is i's.
            energy += 0.5 * (4 * p.Epsilon * (sr6 * sr6 - sr6) - (p.Shift ? 4 * p.Epsilon * (src6 * src6 - src6) : 0));
            double dPhiDr = -24 * p.Epsilon * (2 * sr6 * sr6 - sr6) / r;
            gradient[n] = (0.5 * dPhiDr / r) * neighbors[n].Delta;
        }
        return energy;
    }
}

/// <summary>Several site potentials summed: U_i = Σ_terms U_i^term (a deck's force terms add up).</summary>
public sealed class SummedPotential(IReadOnlyList<IManyBodyPotential> terms) : IManyBodyPotential
{
    public double Cutoff { get; } = terms.Max(t => t.Cutoff);
    public int TypeCount { get; } = terms[0].TypeCount;

    public double SiteEnergy(int type, ReadOnlySpan<Neighbor> neighbors, Span<Double3> gradient)
    {
        if (terms.Count == 1) return terms[0].SiteEnergy(type, neighbors, gradient);
        double energy = 0;
        var part = new Double3[neighbors.Length];
        foreach (var term in terms)
        {
            Array.Clear(part);
            energy += term.SiteEnergy(type, neighbors, part);
            for (int n = 0; n < neighbors.Length; n++) gradient[n] += part[n];
        }
        return energy;
    }
}
