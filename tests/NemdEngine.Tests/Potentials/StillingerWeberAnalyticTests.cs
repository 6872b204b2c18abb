using NemdEngine.Conformance;

namespace NemdEngine.Tests.Potentials;

/// <summary>
/// Two- and three-atom Stillinger-Weber energies against the closed form of Stillinger and Weber
/// (PRB 31, 5262, 1985), in their reduced units (lengths in σ, energies in ε):
/// v2(r) = A (B r^−p − r^−q) exp(1/(r − a)), v3 = λ exp(γ/(r_ij − a) + γ/(r_ik − a)) (cos θ_jik + 1/3)²,
/// and for Si-Ge the mixing rule stated in inputs/potentials/SiGe.sw.
/// </summary>
public class StillingerWeberAnalyticTests
{
    private const double A = 7.049556277, B = 0.6022245584, LittleA = 1.80, Gamma = 1.20;
    private static readonly (double Epsilon, double Sigma, double Lambda) Si = (2.1683, 2.0951, 21.0), Ge = (1.93, 2.181, 31.0);

    private static (double Epsilon, double Sigma, double Lambda) Mix((double Epsilon, double Sigma, double Lambda) x, (double Epsilon, double Sigma, double Lambda) y) =>
        (Math.Sqrt(x.Epsilon * y.Epsilon), (x.Sigma + y.Sigma) / 2, Math.Sqrt(x.Lambda * y.Lambda));

    /// <summary>ε v2(r/σ) in eV, r in Å (p = 4, q = 0).</summary>
    private static double V2(double r, (double Epsilon, double Sigma, double Lambda) p)
    {
        double x = r / p.Sigma;
        return p.Epsilon * A * (B * Math.Pow(x, -4) - 1) * Math.Exp(1 / (x - LittleA));
    }

    /// <summary>The three-body term of the angle at a centre with bonds of parameters pj, pk: strength √(λε_ij λε_ik).</summary>
    private static double V3(double rj, double rk, double cos, (double Epsilon, double Sigma, double Lambda) pj, (double Epsilon, double Sigma, double Lambda) pk)
    {
        double strength = Math.Sqrt(pj.Lambda * pj.Epsilon * pk.Lambda * pk.Epsilon);
        return strength * Math.Exp(Gamma / (rj / pj.Sigma - LittleA) + Gamma / (rk / pk.Sigma - LittleA)) * Math.Pow(cos + 1.0 / 3, 2);
    }

    [Theory]
    [InlineData(0, 0, 2.35)]   // Si-Si at the diamond bond length
    [InlineData(0, 1, 2.45)]   // Si-Ge
    [InlineData(1, 1, 3.00)]   // Ge-Ge, well into the decay
    [InlineData(0, 0, 3.70)]   // Si-Si just inside a σ = 3.7712 Å
    public void TwoAtoms(int typeA, int typeB, double r)
    {
        var potential = ShippedPotentials.StillingerWeber("Si", "Ge");
        var p = typeA != typeB ? Mix(Si, Ge) : typeA == 0 ? Si : Ge;
        var result = ManyBodyReference.Compute(potential, [new(0, 0, 0), new(r, 0, 0)], [typeA, typeB], ReferenceBox.Open, pairwise: true);
        // 10 significant digits of the mixed values in the file.
        Assert.Equal(V2(r, p), result.Energy, 1e-8 * Math.Abs(V2(r, p)));
        // F_1 = dφ2/dr along +x (attraction pulls atom 0 towards atom 1), by a fine central difference of the closed form.
        double slope = (V2(r + 1e-6, p) - V2(r - 1e-6, p)) / 2e-6;
        Assert.Equal(slope, result.Forces[0].X, 1e-6 * (1 + Math.Abs(slope)));
        Assert.Equal(-result.Forces[0].X, result.Forces[1].X, 12);
        // A dimer's pairwise force is the pair force.
        Assert.Equal(result.Forces[0], result.Pairwise![(0, 1)]);
        Assert.Equal(0.5 * result.Energy, result.SiteEnergies[0], 12);
    }

    [Fact]
    public void BeyondTheCutoffThereIsNothing()
    {
        var potential = ShippedPotentials.StillingerWeber("Si", "Ge");
        var result = ManyBodyReference.Compute(potential, [new(0, 0, 0), new(1.8 * 2.13805 + 1e-9, 0, 0)], [0, 1], ReferenceBox.Open);
        Assert.Equal(0, result.Energy);
        Assert.Equal(Double3.Zero, result.Forces[0]);
    }

    [Theory]
    [InlineData(0, 0, 0, 100.0)]   // Si3
    [InlineData(0, 1, 1, 100.0)]   // Si centre, two Ge
    [InlineData(1, 0, 1, 95.0)]    // Ge centre, Si and Ge
    [InlineData(1, 1, 1, 105.0)]   // Ge3
    public void ThreeAtoms(int centre, int second, int third, double angleDegrees)
    {
        // Atom 0 at the origin, atoms 1 and 2 at 2.40 Å and 2.45 Å with the given angle at atom 0; the
        // 1-2 distance (3.6–3.9 Å) is inside every cutoff, so all three angles and pairs contribute.
        var potential = ShippedPotentials.StillingerWeber("Si", "Ge");
        double r01 = 2.40, r02 = 2.45, angle = angleDegrees * Math.PI / 180;
        Double3[] x = [new(0, 0, 0), new(r01, 0, 0), new(r02 * Math.Cos(angle), r02 * Math.Sin(angle), 0)];
        int[] types = [centre, second, third];
        var result = ManyBodyReference.Compute(potential, x, types, ReferenceBox.Open);

        (double Epsilon, double Sigma, double Lambda) P(int a, int b) => types[a] != types[b] ? Mix(Si, Ge) : types[a] == 0 ? Si : Ge;
        double R(int a, int b) => (x[a] - x[b]).Length;
        double Cos(int c, int a, int b) => (x[a] - x[c]).Dot(x[b] - x[c]) / (R(c, a) * R(c, b));
        double cutoff12 = LittleA * P(1, 2).Sigma;
        Assert.True(R(1, 2) < cutoff12, $"r12 = {R(1, 2)} Å should be inside the cutoff {cutoff12} Å");
        double expected = V2(R(0, 1), P(0, 1)) + V2(R(0, 2), P(0, 2)) + V2(R(1, 2), P(1, 2))
                        + V3(R(0, 1), R(0, 2), Cos(0, 1, 2), P(0, 1), P(0, 2))
                        + V3(R(1, 0), R(1, 2), Cos(1, 0, 2), P(1, 0), P(1, 2))
                        + V3(R(2, 0), R(2, 1), Cos(2, 0, 1), P(2, 0), P(2, 1));
        Assert.Equal(expected, result.Energy, 1e-8 * Math.Abs(expected));
    }
}
