using NemdEngine.Analysis;

namespace NemdEngine.Tests.Analysis;

public class AnswerClockTests
{
    [Fact]
    public void AnswerIsTheFirstCheckAfterWhichTheErrorStaysBelowTarget()
    {
        var clock = new AnswerClock(0.1);
        clock.Observe(0.30, 10, 100);
        clock.Observe(0.08, 20, 200); // a dip below the target ...
        clock.Observe(0.12, 30, 300); // ... that did not last
        clock.Observe(0.09, 40, 400);
        clock.Observe(0.07, 50, 500);
        var answer = clock.Finish(0.06, 60, productionSteps: 600, secondsPerStep: 0.1, finalStep: 600);
        Assert.True(answer.Reached);
        Assert.Equal(40, answer.ReachedAtSeconds);
        Assert.Equal(400, answer.ReachedAtStep);
        Assert.Null(answer.ProjectedSeconds);
    }

    [Fact]
    public void UnreachedTargetIsProjectedFromTheInverseSquareRootLaw()
    {
        var clock = new AnswerClock(0.1);
        clock.Observe(0.05, 10, 100);
        // Ends at twice the target: four times the production is needed, i.e. 3 × 1000 more steps at 0.2 s.
        var answer = clock.Finish(0.2, 250, productionSteps: 1000, secondsPerStep: 0.2, finalStep: 1200);
        Assert.False(answer.Reached);
        Assert.Equal(250 + 3 * 1000 * 0.2, answer.ProjectedSeconds!.Value, 9);
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(double.NaN, 0.1)]
    [InlineData(1.0, double.NaN)]
    public void UndefinedRelativeErrorNeverCountsAsAnAnswer(double value, double stderr)
    {
        double relative = AnswerClock.RelativeError(new Measured(value, stderr, "u"));
        Assert.True(double.IsPositiveInfinity(relative));
        var answer = new AnswerClock(0.1).Finish(relative, 10, 100, 0.1, 100);
        Assert.False(answer.Reached);
        Assert.Null(answer.ProjectedSeconds);
    }
}
