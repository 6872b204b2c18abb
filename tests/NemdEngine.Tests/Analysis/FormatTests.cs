using NemdEngine.Analysis;

namespace NemdEngine.Tests.Analysis;

public class FormatTests
{
    [Theory]
    [InlineData(0.63031, 0.59, "0.63 ± 0.59")]
    [InlineData(0.51477, 0.044, "0.515 ± 0.044")]
    [InlineData(16000.3, 2345, "16000 ± 2300")]
    [InlineData(268.6, 15.2, "269 ± 15")]
    [InlineData(1.0, 0.0996, "1.00 ± 0.10")]
    [InlineData(-0.01234, 0.0011, "-0.0123 ± 0.0011")]
    [InlineData(6.3012e-7, 5.9e-8, "(6.30 ± 0.59)e-7")]
    [InlineData(1.234e7, 2.2e5, "(1.234 ± 0.022)e7")]
    [InlineData(2.5, 0.0, "2.5")]
    public void ValueIsGivenToThePrecisionOfItsError(double value, double error, string expected) =>
        Assert.Equal(expected, Format.Value(value, error));

    [Fact]
    public void UnknownErrorIsSaid()
    {
        Assert.Equal("0.5 (error unknown)", Format.Value(0.5, double.NaN));
        Assert.Equal("0.63 ± 0.59 σ²τ/k_B", new Measured(0.63031, 0.59, "σ²τ/k_B").ToString());
    }
}
