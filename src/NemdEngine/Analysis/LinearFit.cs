namespace NemdEngine.Analysis;

/// <summary>An ordinary least-squares line y = Intercept + Slope z over Points points in [ZMin, ZMax].</summary>
public sealed record LineFit(double Intercept, double Slope, int Points, double ZMin, double ZMax)
{
    public double Evaluate(double z) => Intercept + Slope * z;
}

/// <summary>Ordinary least squares of y on z (pure function).</summary>
public static class LinearFit
{
    public static LineFit Fit(IReadOnlyList<double> z, IReadOnlyList<double> y)
    {
        int n = z.Count;
        if (n < 2 || y.Count != n) throw new ArgumentException($"a line needs at least 2 points with matching z and y, got {n} and {y.Count}");
        double mz = z.Average(), my = y.Average(), szz = 0, szy = 0;
        for (int k = 0; k < n; k++)
        {
            szz += (z[k] - mz) * (z[k] - mz);
            szy += (z[k] - mz) * (y[k] - my);
        }
        if (szz == 0) throw new ArgumentException("all points share one z: the slope is undefined");
        double slope = szy / szz;
        return new LineFit(my - slope * mz, slope, n, z.Min(), z.Max());
    }
}
