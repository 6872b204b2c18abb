using MathNet.Numerics.Optimization;

namespace NemdEngine.Conformance;

/// <summary>
/// A crystal as a cubic conventional cell: basis positions in fractions of the lattice constant and
/// the species type of each. Diamond (one type) and zinc blende (two) are the ones NemdEngine builds.
/// </summary>
public sealed record CubicCell(IReadOnlyList<Double3> FractionalBasis, IReadOnlyList<int> BasisTypes)
{
    private static readonly Double3[] DiamondBasis =
    [
        new(0, 0, 0), new(0, 0.5, 0.5), new(0.5, 0, 0.5), new(0.5, 0.5, 0),
        new(0.25, 0.25, 0.25), new(0.25, 0.75, 0.75), new(0.75, 0.25, 0.75), new(0.75, 0.75, 0.25),
    ];

    /// <summary>The conventional cell of a lattice the builder makes, all of <paramref name="type"/>.</summary>
    public static CubicCell Of(Lattice.CrystalLattice lattice, int type) =>
        new(lattice.Basis.Select(b => new Double3(b.X, b.Y, b.Z)).ToArray(), Enumerable.Repeat(type, lattice.AtomsPerCell).ToArray());

    /// <summary>The 8-atom conventional diamond cell, all of <paramref name="type"/>.</summary>
    public static CubicCell Diamond(int type = 0) => new(DiamondBasis, Enumerable.Repeat(type, 8).ToArray());

    /// <summary>Zinc blende: the fcc sites of type <paramref name="first"/>, the (¼ ¼ ¼)-shifted sites of <paramref name="second"/>.</summary>
    public static CubicCell ZincBlende(int first, int second) => new(DiamondBasis, [first, first, first, first, second, second, second, second]);
}

/// <summary>The lattice constant (Å) of lowest energy and that energy per atom (eV/atom).</summary>
public readonly record struct LatticeMinimum(double LatticeConstant, double EnergyPerAtom);

/// <summary>
/// Zero-temperature energy of a perfect crystal, periodic along x, y and z: E(a) per atom for a cubic
/// cell, and the a minimising it (the cohesive energy is −E at that a). The reference potentials see
/// every image within their cutoff, so the single conventional cell is enough.
/// </summary>
public static class CohesiveEnergy
{
    /// <summary>Potential energy per atom (eV/atom) of the infinite crystal with lattice constant <paramref name="latticeConstant"/> (Å).</summary>
    public static double EnergyPerAtom(IManyBodyPotential potential, CubicCell cell, double latticeConstant)
    {
        var positions = cell.FractionalBasis.Select(f => latticeConstant * f).ToArray();
        var box = ReferenceBox.Periodic(latticeConstant, latticeConstant, latticeConstant);
        return ManyBodyReference.Compute(potential, positions, cell.BasisTypes, box).Energy / positions.Length;
    }

    /// <summary>
    /// Golden-section minimum of E(a) within [<paramref name="lower"/>, <paramref name="upper"/>] (Å), to
    /// <paramref name="tolerance"/> (Å). The bracket must hold a single minimum (for Si and Ge, 5.0–6.0 Å).
    /// </summary>
    public static LatticeMinimum Minimize(IManyBodyPotential potential, CubicCell cell, double lower, double upper, double tolerance = 1e-7)
    {
        var objective = ObjectiveFunction.ScalarValue(a => EnergyPerAtom(potential, cell, a));
        var result = new GoldenSectionMinimizer(tolerance, 1000).FindMinimum(objective, lower, upper);
        double a = result.MinimizingPoint;
        if (a - lower < 10 * tolerance || upper - a < 10 * tolerance)
            throw new InvalidOperationException($"E(a) has no minimum inside [{lower}, {upper}] Å (it ends at {a} Å): widen the bracket");
        return new LatticeMinimum(a, result.FunctionInfoAtMinimum.Value);
    }
}
