using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace NemdEngine.Theory.Agf;

/// <summary>
/// A device between two leads: its mass-weighted force constants (1/time²), the coupling from the left
/// lead's surface layer into the device's first <c>LeftLead.Size</c> degrees of freedom (rows: lead,
/// columns: device), and from the device's last <c>RightLead.Size</c> ones into the right lead's surface
/// layer (rows: device, columns: lead). Principal layers couple only to their neighbours, so the leads
/// touch nothing else.
/// </summary>
public sealed record Junction(Lead LeftLead, Lead RightLead, Matrix<Complex> Device, Matrix<Complex> LeftCoupling, Matrix<Complex> RightCoupling);

/// <summary>
/// The atomistic Green's function transmission of a junction at one frequency (Caroli formula; Zhang,
/// Fisher and Mingo, J. Heat Transfer 129, 483 (2007)): Ξ(ω) = Tr[Γ_L G Γ_R G†] with
/// G = (ω² + iη − H_D − Σ_L − Σ_R)⁻¹, Σ_L = τ_L† g_L τ_L, Σ_R = τ_R g_R τ_R†, Γ = i(Σ − Σ†); g_L, g_R the
/// leads' surface Green's functions (<see cref="SurfaceGreensFunction"/>). Γ_L lives on the device's first
/// layer and Γ_R on its last, so only that corner block of G is needed: one LU solve for the last
/// layer's columns instead of an inverse.
/// </summary>
public static class CaroliTransmission
{
    /// <param name="omega">ω (rad/time).</param>
    /// <param name="eta">η (1/time²): small against ω² at the frequencies of interest, large enough to converge the decimation.</param>
    public static double At(Junction j, double omega, double eta)
    {
        var z = new Complex(omega * omega, eta);
        return At(j, z, SurfaceGreensFunction.Left(j.LeftLead, z), SurfaceGreensFunction.Right(j.RightLead, z));
    }

    /// <summary>Ξ with the leads' surface Green's functions already known (g_L of the left lead, g_R of the right).</summary>
    public static double At(Junction j, Complex z, Matrix<Complex> leftSurface, Matrix<Complex> rightSurface)
    {
        int n = j.Device.RowCount, nl = j.LeftLead.Size, nr = j.RightLead.Size;
        var sigmaL = j.LeftCoupling.ConjugateTranspose() * leftSurface * j.LeftCoupling;
        var sigmaR = j.RightCoupling * rightSurface * j.RightCoupling.ConjugateTranspose();
        var a = Matrix<Complex>.Build.DenseIdentity(n) * z - j.Device;
        a.SetSubMatrix(0, 0, a.SubMatrix(0, nl, 0, nl) - sigmaL);
        a.SetSubMatrix(n - nr, n - nr, a.SubMatrix(n - nr, nr, n - nr, nr) - sigmaR);
        var lastColumns = Matrix<Complex>.Build.Dense(n, nr);
        for (int c = 0; c < nr; c++) lastColumns[n - nr + c, c] = Complex.One;
        var corner = a.LU().Solve(lastColumns).SubMatrix(0, nl, 0, nr);   // G[first layer, last layer]
        return (Broadening(sigmaL) * corner * Broadening(sigmaR) * corner.ConjugateTranspose()).Trace().Real;
    }

    /// <summary>The transmission of a perfect lead: the device is one of its own layers, which counts the lead's open channels (integers, away from band edges).</summary>
    public static double Channels(Lead lead, double omega, double eta)
    {
        var z = new Complex(omega * omega, eta);
        return Channels(lead, z, SurfaceGreensFunction.Left(lead, z), SurfaceGreensFunction.Right(lead, z));
    }

    public static double Channels(Lead lead, Complex z, Matrix<Complex> leftSurface, Matrix<Complex> rightSurface) =>
        At(new Junction(lead, lead, lead.H00, lead.H01, lead.H01), z, leftSurface, rightSurface);

    private static Matrix<Complex> Broadening(Matrix<Complex> sigma) => (sigma - sigma.ConjugateTranspose()) * Complex.ImaginaryOne;
}
