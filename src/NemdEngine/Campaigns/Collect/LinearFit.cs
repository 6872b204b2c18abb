namespace NemdEngine.Campaigns.Collect;

/// <summary>
/// Weighted least squares of y = a + b x with weights 1/σ_y², and the covariance of (a, b) from the
/// stated errors, (Xᵀ W X)⁻¹. With more points than parameters, a reduced χ² above 1 (scatter the
/// errors do not explain) scales the covariance by χ²/dof (the Birge ratio), so the intercept's
/// error is never smaller than the scatter of the points says.
/// </summary>
public sealed record LinearFit(double Intercept, double InterceptStdErr, double Slope, double SlopeStdErr, double ChiSquaredPerDof, int Points)
{
    /// <summary>Fits the points; needs at least 2 distinct x and every σ finite and positive.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 distinct x, or an error that is not a positive finite number.</exception>
    public static LinearFit Weighted(IReadOnlyList<(double X, double Y, double StdErr)> points)
    {
        if (points.Select(p => p.X).Distinct().Count() < 2) throw new ArgumentException("needs at least 2 distinct x");
        if (points.Any(p => !(p.StdErr > 0) || !double.IsFinite(p.StdErr) || !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
            throw new ArgumentException("every point needs a finite value and a positive finite error");
        // Normal equations of the 2-parameter model, solved by MathNet (the general form, should the model grow).
        var x = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(points.Count, 2, (i, j) => j == 0 ? 1 : points[i].X);
        var w = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Diagonal(points.Count, points.Count, i => 1 / (points[i].StdErr * points[i].StdErr));
        var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(points.Count, i => points[i].Y);
        var covariance = (x.Transpose() * w * x).Inverse();
        var beta = covariance * (x.Transpose() * w * y);
        var residuals = y - x * beta;
        double chi2 = residuals.PointwiseMultiply(residuals).PointwiseMultiply(w.Diagonal()).Sum();
        int dof = points.Count - 2;
        double reduced = dof > 0 ? chi2 / dof : double.NaN;
        double scale = dof > 0 && reduced > 1 ? reduced : 1;
        return new LinearFit(beta[0], Math.Sqrt(covariance[0, 0] * scale), beta[1], Math.Sqrt(covariance[1, 1] * scale), reduced, points.Count);
    }
}
