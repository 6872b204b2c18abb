using MathNet.Numerics.LinearAlgebra;
using NemdEngine.Theory.Agf;
using Xunit.Abstractions;
using Complex = System.Numerics.Complex;

namespace NemdEngine.Tests.Theory;

/// <summary>
/// AGF on the harmonic 1D chain: springs k everywhere, masses m₁ on the left and m₂ on the right. Wave
/// matching gives T(ω) = sin q₁ sin q₂ / sin²((q₁ + q₂)/2) with cos q_i = 1 − m_i ω²/2k, zero above the
/// heavier chain's cut-off 2√(k/m); the AGF must reproduce it.
/// </summary>
public class AgfChainTests(ITestOutputHelper output)
{
    private static Matrix<Complex> M(double v) => Matrix<Complex>.Build.Dense(1, 1, new Complex(v, 0));

    private static Junction Chain(double k, double m1, double m2)
    {
        var left = new Lead(M(2 * k / m1), M(-k / m1));
        var right = new Lead(M(2 * k / m2), M(-k / m2));
        var device = Matrix<Complex>.Build.DenseOfArray(new Complex[,]
        {
            { 2 * k / m1, -k / Math.Sqrt(m1 * m2) },
            { -k / Math.Sqrt(m1 * m2), 2 * k / m2 },
        });
        var leftCoupling = M(-k / m1);
        var rightCoupling = M(-k / m2);
        return new Junction(left, right, device, leftCoupling, rightCoupling);
    }

    public static double Analytic(double k, double m1, double m2, double omega)
    {
        double c1 = 1 - m1 * omega * omega / (2 * k), c2 = 1 - m2 * omega * omega / (2 * k);
        if (Math.Abs(c1) >= 1 || Math.Abs(c2) >= 1) return 0;
        double q1 = Math.Acos(c1), q2 = Math.Acos(c2);
        double s = Math.Sin(0.5 * (q1 + q2));
        return Math.Sin(q1) * Math.Sin(q2) / (s * s);
    }

    [Fact]
    public void MassJunctionReproducesTheAnalyticTransmission()
    {
        double k = 1.0, m1 = 1.0, m2 = 3.0;
        double cutoff2 = 2 * Math.Sqrt(k / m2);
        double worst = 0;
        for (int n = 1; n < 60; n++)
        {
            double omega = n * 0.04;   // to 2.36, beyond the heavy cut-off 1.155 and below the light one 2
            double agf = CaroliTransmission.At(Chain(k, m1, m2), omega, 1e-9);
            double exact = Analytic(k, m1, m2, omega);
            if (Math.Abs(omega - cutoff2) > 0.02) worst = Math.Max(worst, Math.Abs(agf - exact));
            if (n % 6 == 0) output.WriteLine($"ω = {omega:F2}: AGF {agf:F6}, analytic {exact:F6}");
        }
        output.WriteLine($"largest |AGF − analytic| away from the heavy cut-off: {worst:E2}");
        Assert.True(worst < 1e-4);
        // Low frequency: the impedance formula 4 Z₁Z₂/(Z₁+Z₂)², Z ∝ √m.
        double low = CaroliTransmission.At(Chain(k, m1, m2), 0.01, 1e-12);
        Assert.Equal(4 * Math.Sqrt(3) / Math.Pow(1 + Math.Sqrt(3), 2), low, 4);
    }

    [Fact]
    public void IdenticalChainsTransmitOneChannelInsideTheBandAndNoneOutside()
    {
        var lead = new Lead(M(2.0), M(-1.0));
        for (double omega = 0.05; omega < 1.99; omega += 0.1)
            Assert.Equal(1, CaroliTransmission.Channels(lead, omega, 1e-9), 5);
        Assert.Equal(0, CaroliTransmission.Channels(lead, 2.1, 1e-9), 5);
    }
}
