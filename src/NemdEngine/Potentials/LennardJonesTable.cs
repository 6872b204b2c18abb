using NemdEngine.Input;
using NemdEngine.Kernels.Potentials;

namespace NemdEngine.Potentials;

/// <summary>
/// The per-species-pair Lennard-Jones parameters as the force kernel reads them: a row-major
/// TypeCount × TypeCount table, symmetric, plus the largest cutoff (length) for the neighbor list.
/// </summary>
public sealed class LennardJonesTable : IPotentialTable
{
    public string Style => "lj";

    public required LennardJonesParams[] Entries { get; init; }
    public required int TypeCount { get; init; }
    public required double MaxCutoff { get; init; }
    /// <summary>True when all species pairs share one parameter set (the force kernel's fast path).</summary>
    public bool Uniform => Entries.All(e => e.Equals(Entries[0]));

    /// <summary>Builds the table from a complete list of pairs (every species pair given once or twice).</summary>
    public static LennardJonesTable FromPairs(IReadOnlyList<PairSpec> pairs, IReadOnlyList<string> speciesNames)
    {
        int n = speciesNames.Count;
        var entries = new LennardJonesParams[n * n];
        var given = new bool[n * n];
        double maxCutoff = 0;
        foreach (var p in pairs)
        {
            int i = IndexOf(speciesNames, p.SpeciesI), j = IndexOf(speciesNames, p.SpeciesJ);
            var e = LennardJonesParams.Create(p.Epsilon, p.Sigma, p.Cutoff, p.Shift);
            entries[i * n + j] = e;
            entries[j * n + i] = e;
            given[i * n + j] = given[j * n + i] = true;
            maxCutoff = Math.Max(maxCutoff, p.Cutoff);
        }
        int missing = Array.IndexOf(given, false);
        if (missing >= 0)
            throw new ArgumentException($"no pair potential for {speciesNames[missing / n]}-{speciesNames[missing % n]}");
        return new LennardJonesTable { Entries = entries, TypeCount = n, MaxCutoff = maxCutoff };
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int k = 0; k < names.Count; k++)
            if (names[k] == name) return k;
        throw new ArgumentException($"pair names unknown species '{name}'");
    }
}
