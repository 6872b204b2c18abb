using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using NemdEngine.Conformance;
using NemdEngine.Lattice;

namespace NemdEngine.Phonons;

/// <summary>Cubic elastic constants (energy/length³) with the atoms' internal relaxation.</summary>
public sealed record CubicElasticConstants(double C11, double C12, double C44, double C44Unrelaxed);

/// <summary>
/// Elastic constants by finite strain of the same double-precision potential the phonons use: the
/// second derivative of E/V₀ along a strain path, by central differences of the energy of the
/// periodic cell (valid at zero stress: use the 0 K lattice constant). After each strain every atom but
/// one is relaxed (BFGS on the reference forces), which diamond needs under shear (Kleinman's internal
/// strain) and which does nothing in fcc.
/// <list type="bullet">
/// <item>C11: uniaxial strain along x, d²(E/V)/dε² = C11;</item>
/// <item>C12: biaxial strain in x and y, d²(E/V)/dε² = 2 (C11 + C12);</item>
/// <item>C44: uniaxial strain along [110], in a cell with axes [110], [1̄10], [001]:
///       d²(E/V)/dε² = (C11 + C12 + 2 C44)/2 — an orthorhombic strain, so the periodic reference box can hold it.</item>
/// </list>
/// </summary>
public static class ElasticConstants
{
    public static CubicElasticConstants Compute(IManyBodyPotential potential, CrystalLattice lattice, double a, int type, double strain = 1e-3)
    {
        var cubic = lattice.Basis.Select(b => new Double3(b.X * a, b.Y * a, b.Z * a)).ToArray();
        var cubicBox = new Double3(a, a, a);
        double c11 = Curvature(potential, cubic, cubicBox, type, new Double3(1, 0, 0), strain, relax: true);
        double biaxial = Curvature(potential, cubic, cubicBox, type, new Double3(1, 1, 0), strain, relax: true);
        var (rotated, rotatedBox) = Rotated110(lattice, a);
        double along110 = Curvature(potential, rotated, rotatedBox, type, new Double3(1, 0, 0), strain, relax: true);
        double along110Fixed = Curvature(potential, rotated, rotatedBox, type, new Double3(1, 0, 0), strain, relax: false);
        double c12 = biaxial / 2 - c11;
        return new CubicElasticConstants(c11, c12, along110 - (c11 + c12) / 2, along110Fixed - (c11 + c12) / 2);
    }

    /// <summary>d²(E/V₀)/dε² for positions and box scaled by 1 + ε·direction (component-wise), by central differences.</summary>
    private static double Curvature(IManyBodyPotential potential, Double3[] positions, Double3 box, int type, Double3 direction, double strain, bool relax)
    {
        double volume = box.X * box.Y * box.Z;
        double Energy(double e)
        {
            var s = new Double3(1 + e * direction.X, 1 + e * direction.Y, 1 + e * direction.Z);
            var strained = positions.Select(p => new Double3(p.X * s.X, p.Y * s.Y, p.Z * s.Z)).ToArray();
            var strainedBox = ReferenceBox.Periodic(box.X * s.X, box.Y * s.Y, box.Z * s.Z);
            return relax ? Relaxed(potential, strained, type, strainedBox) : Energy0(potential, strained, type, strainedBox);
        }
        double e0 = Energy(0);
        return (Energy(strain) + Energy(-strain) - 2 * e0) / (volume * strain * strain);
    }

    private static double Energy0(IManyBodyPotential potential, Double3[] positions, int type, ReferenceBox box) =>
        ManyBodyReference.Compute(potential, positions, Enumerable.Repeat(type, positions.Length).ToArray(), box).Energy;

    /// <summary>The energy with every atom but the first moved to its minimum (the first fixes the translation).</summary>
    private static double Relaxed(IManyBodyPotential potential, Double3[] positions, int type, ReferenceBox box)
    {
        var types = Enumerable.Repeat(type, positions.Length).ToArray();
        int free = positions.Length - 1;
        if (free == 0) return Energy0(potential, positions, type, box);
        Double3[] At(Vector<double> u) =>
            positions.Select((p, i) => i == 0 ? p : p + new Double3(u[3 * (i - 1)], u[3 * (i - 1) + 1], u[3 * (i - 1) + 2])).ToArray();
        var objective = ObjectiveFunction.Gradient(u =>
        {
            var r = ManyBodyReference.Compute(potential, At(u), types, box);
            var g = Vector<double>.Build.Dense(3 * free);
            for (int i = 1; i < positions.Length; i++)
            {
                g[3 * (i - 1)] = -r.Forces[i].X;
                g[3 * (i - 1) + 1] = -r.Forces[i].Y;
                g[3 * (i - 1) + 2] = -r.Forces[i].Z;
            }
            return (r.Energy, g);
        });
        var start = Vector<double>.Build.Dense(3 * free);
        // Forces of a strain of 1e-3 are ~1e-3 of the bond stiffness: stop far below, where the energy is converged to rounding.
        var result = new BfgsMinimizer(1e-11, 1e-14, 1e-16, 200).FindMinimum(objective, start);
        return result.FunctionInfoAtMinimum.Value;
    }

    /// <summary>The crystal in a cell with axes [110]/√2, [1̄10]/√2, [001]: a/√2 × a/√2 × a, half the conventional cell's atoms.</summary>
    private static (Double3[] Positions, Double3 Box) Rotated110(CrystalLattice lattice, double a)
    {
        double side = a / Math.Sqrt(2);
        var atoms = new List<Double3>();
        for (int cx = -2; cx <= 2; cx++)
            for (int cy = -2; cy <= 2; cy++)
                foreach (var (x, y, z) in lattice.Basis)
                {
                    double px = (cx + x) * a, py = (cy + y) * a;
                    var p = new Double3((px + py) / Math.Sqrt(2), (-px + py) / Math.Sqrt(2), z * a);
                    double u = p.X / side, v = p.Y / side;
                    if (u < -1e-9 || u >= 1 - 1e-9 || v < -1e-9 || v >= 1 - 1e-9) continue;
                    if (atoms.All(q => (q - p).LengthSquared > 1e-12 * a * a)) atoms.Add(p);
                }
        if (atoms.Count * 2 != lattice.AtomsPerCell)
            throw new InvalidOperationException($"the [110] cell of {lattice.Style} should hold {lattice.AtomsPerCell / 2} atoms, found {atoms.Count}");
        return (atoms.ToArray(), new Double3(side, side, a));
    }
}
