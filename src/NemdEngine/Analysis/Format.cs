using System.Globalization;

namespace NemdEngine.Analysis;

/// <summary>
/// Numbers as a scientist writes them: a value to the precision of its standard error (the error
/// to two significant digits, the value rounded to the same decimal place: 0.63 ± 0.59, not
/// 0.63031 ± 0.59), in scientific notation with a shared exponent when it is very small or large.
/// </summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"value ± error"; an exact value (error 0) alone; an unknown error (NaN, ∞) says so.</summary>
    public static string Value(double value, double error)
    {
        if (!double.IsFinite(value)) return value.ToString(Invariant);
        if (error == 0) return value.ToString("G6", Invariant);
        if (!double.IsFinite(error)) return $"{value.ToString("G4", Invariant)} (error unknown)";
        error = Math.Abs(error);
        int place = Magnitude(error) - 1;                       // decimal place of the error's 2nd digit
        double roundedError = Round(error, place);
        if (Magnitude(roundedError) - 1 > place) place++;       // 0.0996 → 0.10: one digit fewer
        double largest = Math.Max(Math.Abs(value), roundedError);
        int exponent = Magnitude(largest);
        if (exponent is >= -3 and < 6)
        {
            int decimals = Math.Max(0, -place);
            return $"{Round(value, place).ToString($"F{decimals}", Invariant)} ± {Round(error, place).ToString($"F{decimals}", Invariant)}";
        }
        // Shared exponent: (6.30 ± 0.59)e-7.
        double scale = Math.Pow(10, exponent);
        int scaledDecimals = Math.Max(0, exponent - place);
        return $"({Round(value / scale, place - exponent).ToString($"F{scaledDecimals}", Invariant)} ± {Round(error / scale, place - exponent).ToString($"F{scaledDecimals}", Invariant)})e{exponent.ToString(Invariant)}";
    }

    /// <summary>A fraction as a percentage with two significant digits, whole above 100: 0.0312 → "3.1 %", 3.898 → "390 %".</summary>
    public static string Percent(double fraction) =>
        !double.IsFinite(fraction) ? "∞ %"
        : Math.Abs(fraction) >= 1 ? $"{(100 * fraction).ToString("F0", Invariant)} %"
        : $"{(100 * fraction).ToString("G2", Invariant)} %";

    private static int Magnitude(double x) => x == 0 ? 0 : (int)Math.Floor(Math.Log10(Math.Abs(x)));

    private static double Round(double x, int place) =>
        place >= 0 ? Math.Round(x / Math.Pow(10, place)) * Math.Pow(10, place) : Math.Round(x, Math.Min(15, -place));
}
