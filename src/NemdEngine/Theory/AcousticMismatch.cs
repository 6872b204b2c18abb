namespace NemdEngine.Theory;

/// <summary>
/// The acoustic mismatch model for one polarization (no mode conversion): a plane wave from side 1 at
/// angle θ₁ to the normal refracts by Snell's law, sin θ₂ = (c₂/c₁) sin θ₁, and crosses with the energy
/// transmission t = 4 Z₁Z₂ cos θ₁ cos θ₂ / (Z₁ cos θ₁ + Z₂ cos θ₂)², Z = ρc; beyond the critical angle
/// (sin θ₂ &gt; 1) it is totally reflected. The angle-integrated transmission weights t by the flux
/// through the plane, 2 sin θ cos θ dθ over the hemisphere (which integrates to 1).
/// </summary>
public static class AcousticMismatch
{
    /// <param name="density1">mass densities ρ (any one unit for both).</param>
    /// <param name="speed1">sound speeds c (any one unit for both).</param>
    /// <param name="angle">θ₁ (rad), 0 = normal incidence.</param>
    public static double Transmission(double density1, double speed1, double density2, double speed2, double angle)
    {
        double sin2 = speed2 / speed1 * Math.Sin(angle);
        if (sin2 >= 1) return 0;
        double cos1 = Math.Cos(angle), cos2 = Math.Sqrt(1 - sin2 * sin2);
        double z1 = density1 * speed1 * cos1, z2 = density2 * speed2 * cos2;
        double denominator = (z1 + z2) * (z1 + z2);
        return denominator > 0 ? 4 * z1 * z2 / denominator : 0;
    }

    /// <summary>∫₀^{π/2} t(θ) 2 sin θ cos θ dθ by Simpson's rule on <paramref name="intervals"/> intervals (even).</summary>
    public static double AngleIntegrated(double density1, double speed1, double density2, double speed2, int intervals = 4000)
    {
        double h = 0.5 * Math.PI / intervals, sum = 0;
        for (int k = 0; k <= intervals; k++)
        {
            double theta = k * h;
            double f = Transmission(density1, speed1, density2, speed2, theta) * 2 * Math.Sin(theta) * Math.Cos(theta);
            sum += f * (k == 0 || k == intervals ? 1 : k % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }
}
