namespace NemdEngine.Kernels.Sampling;

/// <summary>
/// 64-bit fixed point for sums built with atomics. Integer addition is associative, so a sum
/// gets the same bits whatever order threads add in, on every backend (OpenMM accumulates
/// forces the same way). Resolution 2^-30 ≈ 9.3e-10; range ±8.6e9 per sum.
/// </summary>
public static class FixedPoint
{
    public const double Scale = 1073741824.0; // 2^30

    public static long From(double value) => (long)(value * Scale + (value >= 0 ? 0.5 : -0.5));

    public static double ToDouble(long value) => value / Scale;
}
