using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace NemdEngine.Theory.Agf;

/// <summary>
/// A device between two leads: its mass-weighted force constants (1/time²), the coupling from the left
/// lead's surface layer into the device's first atoms (rows: left-lead degrees of freedom, columns: the
/// device's) and from the device's last atoms into the right lead's surface layer (rows: device, columns:
/// right lead).
/// </summary>
public sealed record Junction(Lead LeftLead, Lead RightLead, Matrix<Complex> Device, Matrix<Complex> LeftCoupling, Matrix<Complex> RightCoupling);

/// <summary>
/// The atomistic Green's function transmission of a junction at one frequency (Caroli formula; Zhang,
/// Fisher and Mingo, J. Heat Transfer 129, 483 (2007)): Ξ(ω) = Tr[Γ_L G Γ_R G†] with
/// G = (ω² + iη − H_D − Σ_L − Σ_R)⁻¹, Σ_L = τ_L† g_L τ_L, Σ_R = τ_R g_R τ_R†, Γ = i(Σ − Σ†); g_L, g_R the
/// leads' surface Green's functions (<see cref="SurfaceGreensFunction"/>).
/// </summary>
public static class CaroliTransmission
{
    /// <param name="omega">ω (rad/time).</param>
    /// <param name="eta">η (1/time²): small against ω² at the frequencies of interest, large enough to converge the decimation.</param>
    public static double At(Junction j, double omega, double eta)
    {
        var z = new Complex(omega * omega, eta);
        var gl = SurfaceGreensFunction.Left(j.LeftLead, z);
        var gr = SurfaceGreensFunction.Right(j.RightLead, z);
        var sigmaL = j.LeftCoupling.ConjugateTranspose() * gl * j.LeftCoupling;
        var sigmaR = j.RightCoupling * gr * j.RightCoupling.ConjugateTranspose();
        int n = j.Device.RowCount;
        var g = (Matrix<Complex>.Build.DenseIdentity(n) * z - j.Device - sigmaL - sigmaR).Inverse();
        var gammaL = Broadening(sigmaL);
        var gammaR = Broadening(sigmaR);
        return (gammaL * g * gammaR * g.ConjugateTranspose()).Trace().Real;
    }

    /// <summary>The transmission of a perfect lead: the device is one of its own layers, which counts the lead's open channels (integers, away from band edges).</summary>
    public static double Channels(Lead lead, double omega, double eta) =>
        At(new Junction(lead, lead, lead.H00, lead.H01, lead.H01), omega, eta);

    private static Matrix<Complex> Broadening(Matrix<Complex> sigma) => (sigma - sigma.ConjugateTranspose()) * Complex.ImaginaryOne;
}
