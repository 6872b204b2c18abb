using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using NemdEngine.Conformance;
using NemdEngine.Lattice;

namespace NemdEngine.Phonons;

/// <summary>A phonon mode at one wave vector: ω (rad/time), the eigenvector (3 × basis, mass-weighted, unit norm) and the group velocity along z (length/time).</summary>
public readonly record struct PhononMode(double Frequency, Vector<Complex> Eigenvector, double VelocityZ)
{
    /// <summary>Σ over basis atoms of |e_z|²: 1 for a mode polarized along z, 0 for one polarized in the plane.</summary>
    public double LongitudinalWeight
    {
        get
        {
            double w = 0;
            for (int k = 2; k < Eigenvector.Count; k += 3) { var c = Eigenvector[k]; w += c.Real * c.Real + c.Imaginary * c.Imaginary; }
            return w;
        }
    }
}

/// <summary>
/// One side's crystal as a phonon problem: the primitive cell of its lattice (tetragonally strained
/// when the in-plane constant differs from the one along z), one species, its mass, and the harmonic
/// force constants of each basis atom from <see cref="ForceConstantCalculator"/> under the deck's
/// potentials. The dynamical matrix uses the atom-position phase convention:
/// D_κα,κ'β(q) = Σ Φ_κα,κ'β(Δ) e^{i q·Δ} / √(m_κ m_κ'), Δ = r_κ' − r_κ of each coupling.
/// </summary>
public sealed class BulkCrystal
{
    /// <summary>The primitive lattice vectors (rows; length).</summary>
    public Double3[] LatticeVectors { get; }
    /// <summary>Basis positions (length) in the primitive cell.</summary>
    public Double3[] Basis { get; }
    /// <summary>Mass of every atom (engine units: energy·time²/length²).</summary>
    public double Mass { get; }
    /// <summary>Constant along z of the conventional cell (length): the X point is 2π/a_z.</summary>
    public double ConstantZ { get; }
    public double ConstantInPlane { get; }
    /// <summary>Force constants of each basis atom κ: (κ', Δ, Φ).</summary>
    public IReadOnlyList<(int Target, Double3 Offset, double[] Block)>[] Couplings { get; }

    public int Modes => 3 * Basis.Length;
    /// <summary>Volume of the primitive cell (length³).</summary>
    public double CellVolume { get; }
    /// <summary>Atoms per volume (1/length³).</summary>
    public double NumberDensity => Basis.Length / CellVolume;
    /// <summary>Mass density (engine mass per length³).</summary>
    public double MassDensity => NumberDensity * Mass;

    private BulkCrystal(Double3[] vectors, Double3[] basis, double mass, double aInPlane, double aZ, IReadOnlyList<(int, Double3, double[])>[] couplings)
    {
        LatticeVectors = vectors;
        Basis = basis;
        Mass = mass;
        ConstantInPlane = aInPlane;
        ConstantZ = aZ;
        Couplings = couplings;
        CellVolume = Math.Abs(Triple(vectors[0], vectors[1], vectors[2]));
    }

    /// <summary>
    /// The crystal of <paramref name="lattice"/> with in-plane constant <paramref name="aInPlane"/> and
    /// <paramref name="aZ"/> along z, every site of species <paramref name="type"/> with mass
    /// <paramref name="mass"/> (engine units), under <paramref name="potential"/> (its length and energy units).
    /// </summary>
    public static BulkCrystal Build(IManyBodyPotential potential, CrystalLattice lattice, double aInPlane, double aZ, int type, double mass, double? step = null)
    {
        var scale = new Double3(aInPlane, aInPlane, aZ);
        var fractional = lattice.Basis.Select(b => new Double3(b.X, b.Y, b.Z)).ToArray();
        var centering = Centering(fractional);
        var primitive = centering.Length switch
        {
            1 => new[] { new Double3(1, 0, 0), new Double3(0, 1, 0), new Double3(0, 0, 1) },
            4 => centering.Where(t => t.LengthSquared > 0).ToArray(),
            _ => throw new ArgumentException($"lattice {lattice.Style}: a centering of {centering.Length} translations has no primitive cell here"),
        };
        // Each conventional atom belongs to the sublattice of the first basis atom it is a centering translation of.
        var sublattice = new int[fractional.Length];
        var representatives = new List<int>();
        for (int p = 0; p < fractional.Length; p++)
        {
            int found = representatives.FindIndex(r => centering.Any(t => IsLatticeVector(fractional[p] - fractional[r] - t)));
            if (found < 0) { representatives.Add(p); found = representatives.Count - 1; }
            sublattice[p] = found;
        }
        var positions = fractional.Select(f => Scale(f, scale)).ToArray();
        var box = ReferenceBox.Periodic(aInPlane, aInPlane, aZ);
        var calculator = new ForceConstantCalculator(potential, positions, Enumerable.Repeat(type, positions.Length).ToArray(), box,
            step ?? 1e-4 * lattice.NearestNeighbour * Math.Min(aInPlane, aZ));
        var couplings = representatives
            .Select(r => (IReadOnlyList<(int, Double3, double[])>)calculator.Couplings(r).Select(c => (sublattice[c.Target], c.Offset, c.Block)).ToList())
            .ToArray();
        return new BulkCrystal(primitive.Select(v => Scale(v, scale)).ToArray(), representatives.Select(r => positions[r]).ToArray(),
            mass, aInPlane, aZ, couplings);
    }

    /// <summary>The reciprocal vectors b_i with a_i·b_j = 2π δ_ij (1/length).</summary>
    public Double3[] ReciprocalVectors()
    {
        var (a1, a2, a3) = (LatticeVectors[0], LatticeVectors[1], LatticeVectors[2]);
        double v = Triple(a1, a2, a3);
        return [(2 * Math.PI / v) * Cross(a2, a3), (2 * Math.PI / v) * Cross(a3, a1), (2 * Math.PI / v) * Cross(a1, a2)];
    }

    /// <summary>D(q) (1/time²), Hermitian by construction (the mean of D and D†, which differ by the finite-difference error only).</summary>
    public Matrix<Complex> DynamicalMatrix(Double3 q) => Build(q, derivativeZ: false);

    /// <summary>∂D/∂q_z (length/time²): the Hellmann-Feynman group velocity is v_z = e†(∂D/∂q_z)e / 2ω.</summary>
    public Matrix<Complex> DynamicalMatrixDerivativeZ(Double3 q) => Build(q, derivativeZ: true);

    private Matrix<Complex> Build(Double3 q, bool derivativeZ)
    {
        var d = Matrix<Complex>.Build.Dense(Modes, Modes);
        double inverseMass = 1 / Mass;
        for (int k = 0; k < Basis.Length; k++)
            foreach (var (target, offset, block) in Couplings[k])
            {
                var phase = Complex.FromPolarCoordinates(inverseMass, q.Dot(offset));
                if (derivativeZ) phase *= new Complex(0, offset.Z);
                for (int a = 0; a < 3; a++)
                    for (int b = 0; b < 3; b++)
                        d[3 * k + a, 3 * target + b] += block[a * 3 + b] * phase;
            }
        return 0.5 * (d + d.ConjugateTranspose());
    }

    /// <summary>The modes at q (1/length), in ascending frequency; a negative eigenvalue (an instability, or rounding at Γ) gives ω = −√|λ|.</summary>
    public PhononMode[] ModesAt(Double3 q, bool velocities = true)
    {
        var evd = DynamicalMatrix(q).Evd(Symmetricity.Hermitian);
        var derivative = velocities ? DynamicalMatrixDerivativeZ(q) : null;
        var modes = new PhononMode[Modes];
        for (int n = 0; n < Modes; n++)
        {
            double lambda = evd.EigenValues[n].Real;
            double omega = Math.Sign(lambda) * Math.Sqrt(Math.Abs(lambda));
            var e = evd.EigenVectors.Column(n);
            double v = 0;
            if (derivative is not null && omega > 0)
                v = e.ConjugateDotProduct(derivative * e).Real / (2 * omega);
            modes[n] = new PhononMode(omega, e, v);
        }
        return modes.OrderBy(m => m.Frequency).ToArray();
    }

    /// <summary>The translations (fractions of the conventional cell) that map the basis onto itself: the lattice's centering.</summary>
    private static Double3[] Centering(Double3[] basis) =>
        basis.Select(b => Wrap(b - basis[0]))
            .Where(t => basis.All(p => basis.Any(o => IsLatticeVector(p + t - o))))
            .ToArray();

    private static Double3 Wrap(Double3 f) => new(f.X - Math.Floor(f.X + 1e-9), f.Y - Math.Floor(f.Y + 1e-9), f.Z - Math.Floor(f.Z + 1e-9));

    private static bool IsLatticeVector(Double3 f) =>
        Math.Abs(f.X - Math.Round(f.X)) < 1e-9 && Math.Abs(f.Y - Math.Round(f.Y)) < 1e-9 && Math.Abs(f.Z - Math.Round(f.Z)) < 1e-9;

    private static Double3 Scale(Double3 f, Double3 s) => new(f.X * s.X, f.Y * s.Y, f.Z * s.Z);

    internal static Double3 Cross(Double3 a, Double3 b) => new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    internal static double Triple(Double3 a, Double3 b, Double3 c) => a.Dot(Cross(b, c));
}
