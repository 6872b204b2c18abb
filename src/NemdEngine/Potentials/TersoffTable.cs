using NemdEngine.Kernels.Potentials;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Potentials;

/// <summary>
/// Tersoff parameters per species, flat and ready for a kernel (metal units: Å, eV):
/// <see cref="Pairs"/>[i·n + j] from the file's entry (e_i e_j e_j), <see cref="Triplets"/>[(i·n + j)·n + k]
/// from (e_i e_j e_k), where e_t is the element species t maps to and n = <see cref="TypeCount"/>.
/// The same entries in double precision feed the host reference. Semantics are LAMMPS pair_tersoff's.
/// </summary>
public sealed class TersoffTable : IPotentialTable
{
    public string Style => "tersoff";

    public required string FileName { get; init; }
    public required IReadOnlyList<SpeciesElement> Species { get; init; }
    public required int TypeCount { get; init; }
    public required TersoffPairParams[] Pairs { get; init; }
    public required TersoffTripletParams[] Triplets { get; init; }
    public required TersoffEntry[] PairEntries { get; init; }
    public required TersoffEntry[] TripletEntries { get; init; }
    /// <summary>The largest R + D of all entries used (Å): the neighbor list's cutoff before skin.</summary>
    public required double MaxCutoff { get; init; }

    public int PairIndex(int i, int j) => i * TypeCount + j;
    public int TripletIndex(int i, int j, int k) => (i * TypeCount + j) * TypeCount + k;

    /// <summary>Each species named after its element (a lattice of one element, the tests).</summary>
    public static TersoffTable Build(TersoffFile file, params string[] elements) =>
        Build(file, elements.Select(e => new SpeciesElement(e, e)).ToArray());

    public static TersoffTable Build(TersoffFile file, IReadOnlyList<SpeciesElement> species)
    {
        var map = new SpeciesElements(species, file.Name, file.Entries.SelectMany(e => (string[])[e.Element1, e.Element2, e.Element3]));
        int n = map.TypeCount;
        var byTriplet = file.Entries.ToDictionary(e => (e.Element1, e.Element2, e.Element3));
        var tripletEntries = new TersoffEntry[n * n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    tripletEntries[(i * n + j) * n + k] =
                        byTriplet.TryGetValue((map.Element(i), map.Element(j), map.Element(k)), out var e) ? e : throw map.Missing(i, j, k);
        var pairEntries = new TersoffEntry[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                pairEntries[i * n + j] = tripletEntries[(i * n + j) * n + j];

        // LAMMPS computes the repulsive term once per pair with the i-j-j or j-i-i entry depending on
        // atom ids: those must agree. The attractive term and bond order are i's own (not checked).
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                StillingerWeberTable.RequireSame(file.Name, pairEntries[i * n + j], pairEntries[j * n + i], "repulsive",
                    e => [e.BigA, e.Lambda1, e.BigR, e.BigD], ["A", "lambda1", "R", "D"]);

        return new TersoffTable
        {
            FileName = file.Name,
            Species = species.ToArray(),
            TypeCount = n,
            PairEntries = pairEntries,
            TripletEntries = tripletEntries,
            Pairs = pairEntries.Select(e => new TersoffPairParams
            {
                CutoffSquared = (float)(e.Cutoff * e.Cutoff),
                R = (float)e.BigR,
                D = (float)e.BigD,
                A = (float)e.BigA,
                Lambda1 = (float)e.Lambda1,
                B = (float)e.BigB,
                Lambda2 = (float)e.Lambda2,
                Beta = (float)e.Beta,
                N = (float)e.N,
                MinusHalfOverN = (float)(-0.5 / e.N),
                C1 = (float)Math.Pow(2 * e.N * 1e-16, -1 / e.N),
                C2 = (float)Math.Pow(2 * e.N * 1e-8, -1 / e.N),
                C3 = (float)(1 / Math.Pow(2 * e.N * 1e-8, -1 / e.N)),
                C4 = (float)(1 / Math.Pow(2 * e.N * 1e-16, -1 / e.N)),
            }).ToArray(),
            Triplets = tripletEntries.Select(e => new TersoffTripletParams
            {
                CutoffSquared = (float)(e.Cutoff * e.Cutoff),
                R = (float)e.BigR,
                D = (float)e.BigD,
                Gamma = (float)e.Gamma,
                C2 = (float)(e.C * e.C),
                D2 = (float)(e.D * e.D),
                OnePlusC2OverD2 = (float)(1 + e.C * e.C / (e.D * e.D)),
                C2OverD2 = (float)(e.C * e.C / (e.D * e.D)),
                H = (float)e.CosTheta0,
                Lambda3 = (float)e.Lambda3,
                M = (int)e.M,
            }).ToArray(),
            MaxCutoff = tripletEntries.Max(e => e.Cutoff),
        };
    }
}
