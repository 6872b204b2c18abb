namespace NemdEngine.Input;

/// <summary>Completes the deck's pair list: every species pair, explicit or Lorentz-Berthelot mixed.</summary>
public static class PairTable
{
    /// <summary>
    /// One entry per unordered species pair, in species order. A pair not given is mixed from the
    /// like pairs: σ arithmetic mean, ε geometric mean, cutoff arithmetic mean, shifted if both are.
    /// </summary>
    public static IReadOnlyList<PairSpec> ResolvePairs(Deck deck)
    {
        PairSpec? Find(string i, string j) => deck.Pairs.LastOrDefault(p =>
            (p.SpeciesI == i && p.SpeciesJ == j) || (p.SpeciesI == j && p.SpeciesJ == i));

        var result = new List<PairSpec>();
        var names = deck.Species.Select(s => s.Name).ToArray();
        for (int a = 0; a < names.Length; a++)
            for (int b = a; b < names.Length; b++)
            {
                var given = Find(names[a], names[b]);
                if (given is not null)
                {
                    result.Add(given with { SpeciesI = names[a], SpeciesJ = names[b] });
                    continue;
                }
                var ii = Find(names[a], names[a]) ?? throw new ArgumentException($"no [[pair]] for {names[a]}-{names[b]}, and none for {names[a]}-{names[a]} to mix it from");
                var jj = Find(names[b], names[b]) ?? throw new ArgumentException($"no [[pair]] for {names[a]}-{names[b]}, and none for {names[b]}-{names[b]} to mix it from");
                result.Add(new PairSpec(names[a], names[b], Math.Sqrt(ii.Epsilon * jj.Epsilon), 0.5 * (ii.Sigma + jj.Sigma),
                    0.5 * (ii.Cutoff + jj.Cutoff), ii.Shift && jj.Shift));
            }
        return result;
    }
}
