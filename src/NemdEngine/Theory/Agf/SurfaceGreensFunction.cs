using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace NemdEngine.Theory.Agf;

/// <summary>
/// A semi-infinite periodic lead of principal layers: H00 within a layer, H01 from a layer to the next
/// one along +z (mass-weighted force constants, 1/time²; H10 = H01†). A principal layer must be thick
/// enough that only neighbouring layers couple.
/// </summary>
public sealed record Lead(Matrix<Complex> H00, Matrix<Complex> H01)
{
    public Matrix<Complex> H10 => H01.ConjugateTranspose();
    public int Size => H00.RowCount;
}

/// <summary>
/// Surface Green's functions of a semi-infinite lead by decimation (Lopez Sancho, Lopez Sancho and
/// Rubio, J. Phys. F 15, 851 (1985)): each iteration folds every other layer into its neighbours, so
/// after n iterations the effective couplings α, β span 2ⁿ layers; they decay with the small imaginary
/// part η of z = ω² + iη, and the iteration stops when they are negligible.
/// </summary>
public static class SurfaceGreensFunction
{
    /// <summary>g of the lead's last layer when the lead extends to −∞ (a left lead, its surface facing +z).</summary>
    public static Matrix<Complex> Left(Lead lead, Complex z) => Decimate(lead.H00, lead.H10, lead.H01, z);

    /// <summary>g of the lead's first layer when the lead extends to +∞ (a right lead, its surface facing −z).</summary>
    public static Matrix<Complex> Right(Lead lead, Complex z) => Decimate(lead.H00, lead.H01, lead.H10, z);

    /// <param name="alpha">coupling from the surface layer into the bulk (toward the lead's infinite end).</param>
    /// <param name="beta">coupling back, alpha†.</param>
    private static Matrix<Complex> Decimate(Matrix<Complex> h00, Matrix<Complex> alpha, Matrix<Complex> beta, Complex z, int maxIterations = 200)
    {
        int n = h00.RowCount;
        var zI = Matrix<Complex>.Build.DenseIdentity(n) * z;
        var surface = h00.Clone();
        var bulk = h00.Clone();
        var a = alpha.Clone();
        var b = beta.Clone();
        double scale = h00.FrobeniusNorm() + alpha.FrobeniusNorm();
        for (int it = 0; it < maxIterations; it++)
        {
            var g = (zI - bulk).Inverse();
            var ag = a * g;
            var bg = b * g;
            var agb = ag * b;
            surface += agb;
            bulk += agb + bg * a;
            a = ag * a;
            b = bg * b;
            if (a.FrobeniusNorm() + b.FrobeniusNorm() < 1e-13 * scale) break;
        }
        return (zI - surface).Inverse();
    }
}
