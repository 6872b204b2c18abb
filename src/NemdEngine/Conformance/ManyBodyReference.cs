namespace NemdEngine.Conformance;

/// <summary>A neighbor of the centre atom as a site energy sees it: which atom, its type, and r_ij = r_j − r_i (Å) for this image.</summary>
public readonly record struct Neighbor(int Index, int Type, Double3 Delta, double Distance);

/// <summary>
/// A many-body potential written as a sum of site energies, U = Σ_i U_i, where U_i depends only on the
/// vectors r_ij = r_j − r_i to i's neighbors (Fan et al., PRB 92, 094301 (2015)). Double precision,
/// metal units (Å, eV).
/// </summary>
public interface IManyBodyPotential
{
    /// <summary>The largest distance (Å) at which any term is nonzero: the neighbor cutoff.</summary>
    double Cutoff { get; }

    /// <summary>The number of species types the potential was built for.</summary>
    int TypeCount { get; }

    /// <summary>
    /// U_i (eV) of a centre of type <paramref name="type"/>, and in <paramref name="gradient"/>[n] the
    /// derivative ∂U_i/∂r_ij (eV/Å) with respect to neighbor n's vector (the span is zeroed by the caller).
    /// Neighbors may be several images of one atom; each is a separate entry.
    /// </summary>
    double SiteEnergy(int type, ReadOnlySpan<Neighbor> neighbors, Span<Double3> gradient);
}

/// <summary>Energy (eV), site energies U_i (eV), forces (eV/Å) and optionally the pairwise forces f_ij (eV/Å).</summary>
public sealed class ManyBodyResult
{
    public required double Energy { get; init; }
    public required double[] SiteEnergies { get; init; }
    public required Double3[] Forces { get; init; }
    /// <summary>
    /// f_ij = ∂U_i/∂r_ij − ∂U_j/∂r_ji keyed by (i, j), summed over images, for every pair that interacts
    /// (i == j when an atom sees its own image in a small periodic box). F_i = Σ_j f_ij and f_ji = −f_ij.
    /// Null unless asked for.
    /// </summary>
    public IReadOnlyDictionary<(int I, int J), Double3>? Pairwise { get; init; }

    /// <summary>
    /// The virial W_ab = −Σ_i Σ_j r_ij,a ∂U_i/∂r_ij,b (eV), what LAMMPS reports as Σ r·f with images
    /// unwrapped, summed over ordered pairs: xx, yy, zz, xy, xz, yz.
    /// </summary>
    public required double[] Virial { get; init; }
}

/// <summary>
/// The oracle for many-body potentials (OpenMM's Reference platform idea): all-pairs neighbor search
/// over every periodic image within the cutoff (any box size, positions need not be wrapped), then
/// F_i = Σ_j (∂U_i/∂r_ij − ∂U_j/∂r_ji). O(N² · images): meant for up to a few thousand atoms.
/// </summary>
public static class ManyBodyReference
{
    public static ManyBodyResult Compute(IManyBodyPotential potential, IReadOnlyList<Double3> positions, IReadOnlyList<int> types,
        ReferenceBox box, bool pairwise = false)
    {
        int n = positions.Count;
        if (types.Count != n) throw new ArgumentException($"{n} positions but {types.Count} types");
        foreach (int t in types)
            if (t < 0 || t >= potential.TypeCount) throw new ArgumentException($"type {t} is outside the potential's {potential.TypeCount} types");
        var lists = NeighborLists(positions, types, box, potential.Cutoff);
        var forces = new Double3[n];
        var sites = new double[n];
        var virial = new double[6];
        var pairs = pairwise ? new Dictionary<(int, int), Double3>() : null;
        double energy = 0;
        for (int i = 0; i < n; i++)
        {
            var neighbors = lists[i];
            var gradient = new Double3[neighbors.Count];
            double u = potential.SiteEnergy(types[i], neighbors.ToArray(), gradient);
            sites[i] = u;
            energy += u;
            for (int m = 0; m < neighbors.Count; m++)
            {
                // U_i depends on r_j − r_i: moving j by δ changes U_i by g·δ, moving i by −g·δ.
                var g = gradient[m];
                int j = neighbors[m].Index;
                forces[i] += g;
                forces[j] -= g;
                var d = neighbors[m].Delta;
                virial[0] -= d.X * g.X; virial[1] -= d.Y * g.Y; virial[2] -= d.Z * g.Z;
                virial[3] -= d.X * g.Y; virial[4] -= d.X * g.Z; virial[5] -= d.Y * g.Z;
                if (pairs is not null)
                {
                    Add(pairs, (i, j), g);   // the ∂U_i/∂r_ij part of f_ij
                    Add(pairs, (j, i), -g);  // the −∂U_i/∂r_ij part of f_ji (i is j's neighbor)
                }
            }
        }
        return new ManyBodyResult { Energy = energy, SiteEnergies = sites, Forces = forces, Pairwise = pairs, Virial = virial };
    }

    private static void Add(Dictionary<(int, int), Double3> pairs, (int, int) key, Double3 value) =>
        pairs[key] = pairs.TryGetValue(key, out var old) ? old + value : value;

    /// <summary>
    /// For each atom, every (atom, image) within <paramref name="cutoff"/> (Å), itself excluded at zero
    /// shift, ordered by atom index then image.
    /// </summary>
    public static List<Neighbor>[] NeighborLists(IReadOnlyList<Double3> positions, IReadOnlyList<int> types, ReferenceBox box, double cutoff)
    {
        int n = positions.Count;
        double c2 = cutoff * cutoff;
        var lists = new List<Neighbor>[n];
        for (int i = 0; i < n; i++)
        {
            var list = new List<Neighbor>();
            for (int j = 0; j < n; j++)
            {
                var d0 = positions[j] - positions[i];
                var (x0, x1) = Images(d0.X, box.PeriodicX, box.Lx, cutoff);
                var (y0, y1) = Images(d0.Y, box.PeriodicY, box.Ly, cutoff);
                var (z0, z1) = Images(d0.Z, box.PeriodicZ, box.Lz, cutoff);
                for (int a = x0; a <= x1; a++)
                    for (int b = y0; b <= y1; b++)
                        for (int c = z0; c <= z1; c++)
                        {
                            if (i == j && a == 0 && b == 0 && c == 0) continue;
                            var d = new Double3(d0.X + a * box.Lx, d0.Y + b * box.Ly, d0.Z + c * box.Lz);
                            double r2 = d.LengthSquared;
                            if (r2 < c2) list.Add(new Neighbor(j, types[j], d, Math.Sqrt(r2)));
                        }
            }
            lists[i] = list;
        }
        return lists;
    }

    /// <summary>The image shifts s with |d + s L| possibly below the cutoff along one axis.</summary>
    private static (int From, int To) Images(double d, bool periodic, double length, double cutoff)
    {
        if (!periodic) return (0, 0);
        if (!(length > 0)) throw new ArgumentException("a periodic axis needs a positive length");
        return ((int)Math.Ceiling((-cutoff - d) / length), (int)Math.Floor((cutoff - d) / length));
    }
}
