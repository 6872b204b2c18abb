using NemdEngine.Input;
using NemdEngine.Potentials;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Setup;

/// <summary>
/// The force terms a deck asks for, as the kernels' tables: Lennard-Jones from its [[pair]]s (when
/// it has any) and one table per [[potential]] file, each built for the deck's species through
/// their elements. Their forces add up (<see cref="Simulation.Forces.ForceField"/>).
/// </summary>
public static class DeckPotentials
{
    /// <exception cref="PotentialFileException">A potential file cannot be used for these species.</exception>
    public static IReadOnlyList<IPotentialTable> Load(Deck deck)
    {
        var names = deck.Species.Select(s => s.Name).ToArray();
        var tables = new List<IPotentialTable>();
        if (deck.Pairs.Count > 0) tables.Add(LennardJonesTable.FromPairs(PairTable.ResolvePairs(deck), names));
        if (deck.Potentials.Count > 0)
        {
            var elements = Elements(deck);
            tables.AddRange(deck.Potentials.Select(p => p.Load(elements)));
        }
        return tables;
    }

    /// <summary>Each species (in order) with the element the potential files know it as.</summary>
    public static IReadOnlyList<SpeciesElement> Elements(Deck deck) =>
        deck.Species.Select(s => new SpeciesElement(s.Name, s.Element ?? throw new ArgumentException($"species '{s.Name}' has no element"))).ToArray();

    /// <summary>The longest interaction range of the deck's potentials (length).</summary>
    public static double MaxCutoff(IReadOnlyList<IPotentialTable> tables) => tables.Max(t => t.MaxCutoff);
}
