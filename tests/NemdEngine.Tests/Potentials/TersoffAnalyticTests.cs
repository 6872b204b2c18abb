using NemdEngine.Conformance;

namespace NemdEngine.Tests.Potentials;

/// <summary>
/// A Tersoff dimer has no third atom, so ζ = 0, b = 1 and E = fc(r) (A e^(−λ1 r) − B e^(−λ2 r)), with the
/// Tersoff 1989 values written out here (PRB 39, 5566; the Si-Ge cross terms by its mixing rule).
/// </summary>
public class TersoffAnalyticTests
{
    private static double Dimer(double r, double a, double lambda1, double b, double lambda2, double bigR, double bigS)
    {
        // Tersoff's own cutoff form: 1 below R, ½ + ½ cos(π (r − R)/(S − R)) up to S (LAMMPS writes it with R ± D).
        double fc = r < bigR ? 1 : r > bigS ? 0 : 0.5 + 0.5 * Math.Cos(Math.PI * (r - bigR) / (bigS - bigR));
        return fc * (a * Math.Exp(-lambda1 * r) - b * Math.Exp(-lambda2 * r));
    }

    [Theory]
    [InlineData(0, 0, 2.35)]
    [InlineData(0, 0, 2.90)]   // inside Si's cutoff region 2.7–3.0 Å
    [InlineData(1, 1, 3.05)]   // inside Ge's 2.8–3.1 Å
    [InlineData(0, 1, 2.45)]
    [InlineData(0, 1, 2.95)]   // inside Si-Ge's √(2.7·2.8)–√(3.0·3.1) Å
    public void Dimers(int typeA, int typeB, double r)
    {
        var potential = ShippedPotentials.Tersoff("Si", "Ge");
        var result = ManyBodyReference.Compute(potential, [new(0, 0, 0), new(0, 0, r)], [typeA, typeB], ReferenceBox.Open);
        double expected = (typeA, typeB) switch
        {
            (0, 0) => Dimer(r, 1830.8, 2.4799, 471.18, 1.7322, 2.7, 3.0),
            (1, 1) => Dimer(r, 1769.0, 2.4451, 419.23, 1.7047, 2.8, 3.1),
            // χ_SiGe = 1.00061; λ arithmetic, A, B, R, S geometric means.
            _ => Dimer(r, Math.Sqrt(1830.8 * 1769.0), (2.4799 + 2.4451) / 2, 1.00061 * Math.Sqrt(471.18 * 419.23), (1.7322 + 1.7047) / 2,
                       Math.Sqrt(2.7 * 2.8), Math.Sqrt(3.0 * 3.1)),
        };
        // Si and Ge are exact; the file's Si-Ge cross terms are rounded (A, B to 1e-4 eV, R to 1e-4 Å,
        // D = 0.1500 for 0.15002 Å), which inside the cutoff region moves fc by up to ~1e-3 relative.
        double tolerance = typeA == typeB ? 1e-12 : r < 2.7 ? 1e-6 : 2e-3;   // measured 1.2e-7 and 4.5e-4
        Assert.True(Math.Abs(result.Energy - expected) <= tolerance * Math.Abs(expected),
            $"E = {result.Energy:R} eV, closed form {expected:R} eV, relative difference {Math.Abs(result.Energy - expected) / Math.Abs(expected):E2} (bound {tolerance:E0})");
    }
}
