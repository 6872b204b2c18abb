using NemdEngine.Conformance;
using NemdEngine.Input;
using NemdEngine.Lattice;

namespace NemdEngine.Setup;

/// <summary>One side's perfect crystal at 0 K under the deck's potentials: the constant of lowest energy and that energy.</summary>
/// <param name="DeckConstant">The constant the deck gives the side (length).</param>
/// <param name="Constant">a₀ minimising E(a) (length).</param>
/// <param name="EnergyPerAtom">E(a₀) per atom (energy); the cohesive energy is its negative.</param>
public sealed record SideLattice(string Side, string Species, string Style, double DeckConstant, double Constant, double EnergyPerAtom);

/// <summary>
/// `nemd lattice DECK`: for each side, the zero-temperature lattice constant and cohesive energy of
/// its crystal (the deck's lattice style, filled with the side's species) under all of the deck's
/// potentials summed, from the double-precision references (<see cref="CohesiveEnergy"/>), so a
/// user can choose the constants and the in-plane rule.
/// </summary>
public static class ZeroTemperatureLattice
{
    public static IReadOnlyList<SideLattice> For(Deck deck)
    {
        var (lattice, geometry) = BilayerBuilder.Built(deck);
        var potential = Reference(deck);
        var names = deck.Species.Select(s => s.Name).ToList();
        return
        [
            Minimize(potential, "A", geometry.SpeciesA, names.IndexOf(geometry.SpeciesA), lattice.SideA),
            Minimize(potential, "B", geometry.SpeciesB, names.IndexOf(geometry.SpeciesB), lattice.SideB),
        ];
    }

    /// <summary>Every potential of the deck as one double-precision site potential.</summary>
    public static IManyBodyPotential Reference(Deck deck)
    {
        var terms = new List<IManyBodyPotential>();
        if (deck.Pairs.Count > 0)
        {
            var names = deck.Species.Select(s => s.Name).ToList();
            var matrix = new PairSpec[names.Count, names.Count];
            foreach (var p in PairTable.ResolvePairs(deck))
                matrix[names.IndexOf(p.SpeciesI), names.IndexOf(p.SpeciesJ)] = matrix[names.IndexOf(p.SpeciesJ), names.IndexOf(p.SpeciesI)] = p;
            terms.Add(new ReferencePairPotential(matrix));
        }
        foreach (var p in deck.Potentials)
            terms.Add(ReferencePotentials.Load(p.Style, p.File, DeckPotentials.Elements(deck)));
        return new SummedPotential(terms);
    }

    private static SideLattice Minimize(IManyBodyPotential potential, string side, string species, int type, SideLatticeSpec spec)
    {
        var lattice = CrystalLattice.Find(spec.Type) ?? throw new ArgumentException($"unknown lattice \"{spec.Type}\"");
        // The deck's constant ± 25 % brackets the minimum of any sensible deck (the validator refuses ones off by 2x).
        var minimum = CohesiveEnergy.Minimize(potential, CubicCell.Of(lattice, type), 0.75 * spec.Constant, 1.25 * spec.Constant, 1e-6 * spec.Constant);
        return new SideLattice(side, species, spec.Type, spec.Constant, minimum.LatticeConstant, minimum.EnergyPerAtom);
    }
}
