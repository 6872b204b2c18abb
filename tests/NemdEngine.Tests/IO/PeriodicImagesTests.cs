using NemdEngine.IO.Trajectory;

namespace NemdEngine.Tests.IO;

/// <summary>Wrapping one coordinate into [low, low + L): the result lies inside and wrapped + image · L gives x back.</summary>
public class PeriodicImagesTests
{
    [Theory]
    [InlineData(0f, 0f, 10f, 0f, 0)]
    [InlineData(9.5f, 0f, 10f, 9.5f, 0)]
    [InlineData(10f, 0f, 10f, 0f, 1)]
    [InlineData(-0.25f, 0f, 10f, 9.75f, -1)]
    [InlineData(-1e-7f, 0f, 10f, 0f, 0)]        // 10 - 1e-7 rounds to 10 in float: the bottom edge of image 0
    [InlineData(25f, 0f, 10f, 5f, 2)]
    [InlineData(-30f, 0f, 10f, 0f, -3)]
    [InlineData(-2f, -1.5f, 3f, 1f, -1)]        // a box starting at -1.5 (a periodic z from ZLow)
    public void WrapsIntoTheBoxAndCountsTheImage(float x, float low, float length, float wrapped, int image)
    {
        var (w, k) = PeriodicImages.Wrap(x, low, length);
        Assert.Equal((wrapped, image), (w, k));
        Assert.InRange(w, low, MathF.BitDecrement(low + length));
        Assert.Equal(x, w + k * (double)length, 1e-6);
    }

    [Fact]
    public void EveryFloatNearTheEdgesStaysInsideAndUnwrapsToItself()
    {
        const float length = 9.4032f;
        foreach (float edge in new[] { 0f, length, -length, 2 * length })
        {
            float x = edge;
            for (int k = 0; k < 64; k++) x = MathF.BitDecrement(x);
            for (int k = 0; k < 128; k++, x = MathF.BitIncrement(x))
            {
                var (w, image) = PeriodicImages.Wrap(x, 0, length);
                Assert.InRange(w, 0f, MathF.BitDecrement(length));
                Assert.Equal(x, w + image * (double)length, 1e-5);
            }
        }
    }
}
