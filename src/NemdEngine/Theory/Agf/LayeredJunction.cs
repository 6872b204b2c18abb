using MathNet.Numerics.LinearAlgebra;
using NemdEngine.Conformance;
using NemdEngine.Lattice;
using NemdEngine.Phonons;
using Complex = System.Numerics.Complex;

namespace NemdEngine.Theory.Agf;

/// <summary>One side of a [001] junction: its lattice, constant along z, species type and mass (engine units).</summary>
public sealed record JunctionSide(CrystalLattice Lattice, double ConstantZ, int Type, double Mass);

/// <summary>
/// The deck's interface as a stack of (001) atomic planes, each with one atom per primitive transverse
/// cell t₁ = (a∥/2)(1, 1, 0), t₂ = (a∥/2)(1, −1, 0) (true of fcc and diamond), built as the bilayer builder
/// builds it (A's cells from z = 0, B's from A's last cell boundary) and made periodic along z (a second,
/// far interface closes the period). Force constants come from <see cref="ForceConstantCalculator"/>
/// with the junction's own atoms, so the couplings across the interface are those of the mixed
/// neighbourhood (Si-Ge parameters, strain), not bulk ones.
/// <para>At a transverse wave vector k the planes couple through
/// H_pp'(k) = Σ Φ(p → atoms of p') e^{ik·Δ∥} / √(m_p m_p'), so the cost of the AGF does not depend on the
/// deck's cross-section: its cells only set which k a periodic box allows, and here k is sampled.</para>
/// <para>Principal layers hold <see cref="LayerPlanes"/> planes: a multiple of both sides' stacking
/// periods (fcc 2, diamond 4 planes) that covers the longest coupling along z, so that only
/// neighbouring layers couple. Leads are bulk layers at least three layers from either interface;
/// the device is two layers on each side of the interface.</para>
/// </summary>
public sealed class LayeredJunction
{
    private readonly Double3[] _positions;
    private readonly int[] _types;
    private readonly double[] _masses;      // per atom (engine units)
    private readonly int[] _planeOf;        // atom → plane
    private readonly int[] _representative; // plane → an atom of it
    private readonly double _lengthZ;
    private readonly ForceConstantCalculator _calculator;
    private readonly Dictionary<int, IReadOnlyList<(int Plane, Double3 Offset, double[] Block)>> _couplings = [];
    private readonly int _interfacePlane;   // B's first plane

    public double InPlaneConstant { get; }
    /// <summary>Area of the primitive transverse cell (length²).</summary>
    public double CellArea => 0.5 * InPlaneConstant * InPlaneConstant;
    public int LayerPlanes { get; }
    public int PlaneCount => _representative.Length;

    public LayeredJunction(IManyBodyPotential potential, JunctionSide a, JunctionSide b, double inPlane, double? step = null)
    {
        InPlaneConstant = inPlane;
        int period = Lcm(a.Lattice.PlanesPerCell, b.Lattice.PlanesPerCell);
        double spacing = Math.Min(a.Lattice.PlaneSpacing(a.ConstantZ), b.Lattice.PlaneSpacing(b.ConstantZ));
        // Many-body constants reach at most two cutoffs; the slab is sized for that, the layers for what is found.
        int bound = RoundUp((int)Math.Ceiling(2 * potential.Cutoff / spacing), period);
        int cellsA = 6 * bound / a.Lattice.PlanesPerCell, cellsB = 6 * bound / b.Lattice.PlanesPerCell;
        var positions = new List<Double3>();
        var types = new List<int>();
        var masses = new List<double>();
        void Side(JunctionSide s, int cells, double z0)
        {
            for (int cz = 0; cz < cells; cz++)
                foreach (var (x, y, z) in s.Lattice.Basis)
                {
                    positions.Add(new Double3(x * inPlane, y * inPlane, z0 + (cz + z) * s.ConstantZ));
                    types.Add(s.Type);
                    masses.Add(s.Mass);
                }
        }
        double boundary = cellsA * a.ConstantZ;
        Side(a, cellsA, 0);
        Side(b, cellsB, boundary);
        _lengthZ = boundary + cellsB * b.ConstantZ;
        _positions = positions.ToArray();
        _types = types.ToArray();
        _masses = masses.ToArray();

        // Planes by z; each must hold two atoms of the a∥ × a∥ cell (one per primitive transverse cell).
        var zs = _positions.Select(p => p.Z).Distinct(new Tolerance(1e-6 * spacing)).OrderBy(z => z).ToArray();
        _planeOf = _positions.Select(p => Array.FindIndex(zs, z => Math.Abs(z - p.Z) < 1e-6 * spacing)).ToArray();
        _representative = Enumerable.Range(0, zs.Length).Select(p => Array.IndexOf(_planeOf, p)).ToArray();
        for (int p = 0; p < zs.Length; p++)
            if (_planeOf.Count(x => x == p) != 2)
                throw new ArgumentException($"plane {p} of the junction holds {_planeOf.Count(x => x == p)} atoms per a∥² cell; the AGF needs one per primitive (a∥/√2)² cell");
        _interfacePlane = _planeOf[cellsA * a.Lattice.AtomsPerCell];

        _calculator = new ForceConstantCalculator(potential, _positions, _types, ReferenceBox.Periodic(inPlane, inPlane, _lengthZ),
            step ?? 1e-4 * spacing);
        int reach = Math.Max(Reach(_interfacePlane - 3 * bound), Reach(_interfacePlane + 3 * bound));
        for (int p = _interfacePlane - bound; p < _interfacePlane + bound; p++) reach = Math.Max(reach, Reach(p));
        LayerPlanes = RoundUp(Math.Max(reach, 1), period);
        if (LayerPlanes > bound) throw new InvalidOperationException($"force constants reach {reach} planes, beyond the {bound} the slab was sized for");
    }

    /// <summary>The leads and device at transverse wave vector k (1/length; z ignored).</summary>
    public Junction At(Double3 k)
    {
        int p = LayerPlanes, i = _interfacePlane;
        var leftLead = new Lead(Hermitian(Block(k, i - 3 * p, p, i - 3 * p, p)), Block(k, i - 3 * p, p, i - 2 * p, p));
        var rightLead = new Lead(Hermitian(Block(k, i + 2 * p, p, i + 2 * p, p)), Block(k, i + 2 * p, p, i + 3 * p, p));
        var device = Hermitian(Block(k, i - 2 * p, 4 * p, i - 2 * p, 4 * p));
        var leftCoupling = Block(k, i - 3 * p, p, i - 2 * p, p);
        var rightCoupling = Block(k, i + p, p, i + 2 * p, p);
        return new Junction(leftLead, rightLead, device, leftCoupling, rightCoupling);
    }

    /// <summary>Side A's bulk lead and side B's at k: for counting each side's open channels.</summary>
    public (Lead A, Lead B) Leads(Double3 k)
    {
        var j = At(k);
        return (j.LeftLead, j.RightLead);
    }

    /// <summary>H between planes [from, from + count) and [from2, from2 + count2) at k (1/time²).</summary>
    private Matrix<Complex> Block(Double3 k, int from, int count, int from2, int count2)
    {
        var h = Matrix<Complex>.Build.Dense(3 * count, 3 * count2);
        for (int s = 0; s < count; s++)
        {
            int source = from + s;
            double ms = _masses[_representative[Wrap(source)]];
            foreach (var (plane, offset, block) in Couplings(source))
            {
                int t = plane - from2;
                if (t < 0 || t >= count2) continue;
                double mt = _masses[_representative[Wrap(plane)]];
                var phase = Complex.FromPolarCoordinates(1 / Math.Sqrt(ms * mt), k.X * offset.X + k.Y * offset.Y);
                for (int a = 0; a < 3; a++)
                    for (int b = 0; b < 3; b++)
                        h[3 * s + a, 3 * t + b] += block[a * 3 + b] * phase;
            }
        }
        return h;
    }

    /// <summary>The couplings of plane p's atom to every atom, each tagged with its plane counted without wrapping (so p ± n along z).</summary>
    private IReadOnlyList<(int Plane, Double3 Offset, double[] Block)> Couplings(int plane)
    {
        if (_couplings.TryGetValue(plane, out var cached)) return cached;
        int wrapped = Wrap(plane), shift = plane - wrapped;
        int atom = _representative[wrapped];
        var list = _calculator.Couplings(atom).Select(c =>
        {
            int images = (int)Math.Round((_positions[atom].Z + c.Offset.Z - _positions[c.Target].Z) / _lengthZ);
            return (_planeOf[c.Target] + images * PlaneCount + shift, c.Offset, c.Block);
        }).ToList();
        _couplings[plane] = list;
        return list;
    }

    private int Reach(int plane) => Couplings(plane).Max(c => Math.Abs(c.Item1 - plane));

    private int Wrap(int plane) => ((plane % PlaneCount) + PlaneCount) % PlaneCount;

    /// <summary>The reciprocal vectors of the primitive transverse cell: b₁ = (2π/a∥)(1, 1, 0), b₂ = (2π/a∥)(1, −1, 0).</summary>
    public (Double3 B1, Double3 B2) TransverseReciprocal =>
        (new Double3(2 * Math.PI / InPlaneConstant, 2 * Math.PI / InPlaneConstant, 0), new Double3(2 * Math.PI / InPlaneConstant, -2 * Math.PI / InPlaneConstant, 0));

    private static Matrix<Complex> Hermitian(Matrix<Complex> m) => 0.5 * (m + m.ConjugateTranspose());

    private static int RoundUp(int n, int multiple) => (n + multiple - 1) / multiple * multiple;

    private static int Lcm(int a, int b)
    {
        int x = a, y = b;
        while (y != 0) (x, y) = (y, x % y);
        return a / x * b;
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < eps;
        public int GetHashCode(double obj) => 0;
    }
}
