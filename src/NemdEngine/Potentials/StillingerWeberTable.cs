using NemdEngine.Kernels.Potentials;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Potentials;

/// <summary>
/// Stillinger-Weber parameters per species, flat and ready for a kernel (metal units: Å, eV):
/// <see cref="Pairs"/>[i·n + j] from the file's entry (e_i e_j e_j), <see cref="Triplets"/>[(i·n + j)·n + k]
/// from (e_i e_j e_k), where e_t is the element species t maps to and n = <see cref="TypeCount"/>.
/// The same entries in double precision (<see cref="PairEntries"/>, <see cref="TripletEntries"/>) feed the
/// host reference. Semantics are LAMMPS pair_sw's.
/// </summary>
public sealed class StillingerWeberTable : IPotentialTable
{
    public string Style => "sw";

    public required string FileName { get; init; }
    public required IReadOnlyList<SpeciesElement> Species { get; init; }
    public required int TypeCount { get; init; }
    public required StillingerWeberPairParams[] Pairs { get; init; }
    public required StillingerWeberTripletParams[] Triplets { get; init; }
    public required StillingerWeberEntry[] PairEntries { get; init; }
    public required StillingerWeberEntry[] TripletEntries { get; init; }
    /// <summary>The largest pair neighbor cutoff (Å): the neighbor list's cutoff before skin.</summary>
    public required double MaxCutoff { get; init; }

    public int PairIndex(int i, int j) => i * TypeCount + j;
    public int TripletIndex(int i, int j, int k) => (i * TypeCount + j) * TypeCount + k;

    /// <summary>Each species named after its element (a lattice of one element, the tests).</summary>
    public static StillingerWeberTable Build(StillingerWeberFile file, params string[] elements) =>
        Build(file, elements.Select(e => new SpeciesElement(e, e)).ToArray());

    public static StillingerWeberTable Build(StillingerWeberFile file, IReadOnlyList<SpeciesElement> species)
    {
        var map = new SpeciesElements(species, file.Name, file.Entries.SelectMany(e => (string[])[e.Element1, e.Element2, e.Element3]));
        int n = map.TypeCount;
        var byTriplet = file.Entries.ToDictionary(e => (e.Element1, e.Element2, e.Element3));
        StillingerWeberEntry Entry(int i, int j, int k) =>
            byTriplet.TryGetValue((map.Element(i), map.Element(j), map.Element(k)), out var e) ? e : throw map.Missing(i, j, k);

        var pairEntries = new StillingerWeberEntry[n * n];
        var tripletEntries = new StillingerWeberEntry[n * n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    tripletEntries[(i * n + j) * n + k] = Entry(i, j, k);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                pairEntries[i * n + j] = tripletEntries[(i * n + j) * n + j];

        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                // LAMMPS computes each pair once, with the i-j-j or j-i-i entry depending on atom ids:
                // two different sets would make the energy depend on numbering.
                RequireSame(file.Name, pairEntries[i * n + j], pairEntries[j * n + i], "two-body",
                    e => [e.Epsilon, e.Sigma, e.LittleA, e.BigA, e.BigB, e.P, e.Q, e.Tol],
                    ["epsilon", "sigma", "a", "A", "B", "p", "q", "tol"]);
                // LAMMPS takes entry i-j-k for the first of j, k in its neighbor list: λε and cos θ0
                // must not depend on that order.
                for (int k = 0; k < n; k++)
                    RequireSame(file.Name, tripletEntries[(i * n + j) * n + k], tripletEntries[(i * n + k) * n + j], "three-body",
                        e => [e.Lambda * e.Epsilon, e.CosTheta0], ["lambda*epsilon", "costheta0"]);
            }

        return new StillingerWeberTable
        {
            FileName = file.Name,
            Species = species.ToArray(),
            TypeCount = n,
            PairEntries = pairEntries,
            TripletEntries = tripletEntries,
            Pairs = pairEntries.Select(e => new StillingerWeberPairParams
            {
                CutoffSquared = (float)(e.NeighborCutoff * e.NeighborCutoff),
                Cutoff = (float)e.Cutoff,
                Sigma = (float)e.Sigma,
                AEpsilon = (float)(e.BigA * e.Epsilon),
                B = (float)e.BigB,
                P = (float)e.P,
                Q = (float)e.Q,
                GammaSigma = (float)(e.Gamma * e.Sigma),
            }).ToArray(),
            Triplets = tripletEntries.Select(e => new StillingerWeberTripletParams
            {
                LambdaEpsilon = (float)(e.Lambda * e.Epsilon),
                CosTheta0 = (float)e.CosTheta0,
            }).ToArray(),
            MaxCutoff = pairEntries.Max(e => e.NeighborCutoff),
        };
    }

    internal static void RequireSame<T>(string file, T a, T b, string what, Func<T, double[]> fields, string[] names)
        where T : class
    {
        if (ReferenceEquals(a, b)) return;
        double[] x = fields(a), y = fields(b);
        for (int f = 0; f < x.Length; f++)
            if (Math.Abs(x[f] - y[f]) > 1e-12 * Math.Max(Math.Abs(x[f]), Math.Abs(y[f])))
            {
                var (ta, la) = Describe(a);
                var (tb, lb) = Describe(b);
                throw PotentialFileException.At(file, la,
                    $"{what} {names[f]} of {ta} ({x[f]}) differs from that of {tb} on line {lb} ({y[f]}); LAMMPS would use either depending on atom order, so they must be equal");
            }
    }

    private static (string Triplet, int Line) Describe(object entry) => entry switch
    {
        StillingerWeberEntry s => (s.Triplet, s.Line),
        TersoffEntry t => (t.Triplet, t.Line),
        _ => (entry.ToString() ?? "", 0),
    };
}
