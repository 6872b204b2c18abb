using NemdEngine.IO.Trajectory;

namespace NemdEngine.Tests.IO;

/// <summary>Where trajectory files begin and end: at most a file's worth of frames, ending at checkpoints.</summary>
public class TrajectoryScheduleTests
{
    private static (long From, long To)[] Files(TrajectorySchedule s, int framesPerFile)
    {
        var files = new List<(long, long)>();
        for (var r = s.NextFile(s.BeginStep, framesPerFile); r is { } f; r = s.NextFile(f.To, framesPerFile)) files.Add(f);
        return [.. files];
    }

    [Fact]
    public void WithoutCheckpointsFilesHoldFramesPerFileAndTheLastTakesTheSamplesAfterTheLastFrame()
    {
        // Production 100..330: frames every 50 (150 ... 300), samples every 10 up to 330.
        var s = new TrajectorySchedule(100, 330, 50, 10);
        Assert.Equal([(100, 200), (200, 330)], Files(s, 2));
        Assert.Equal([(100, 150), (150, 200), (200, 250), (250, 330)], Files(s, 1));
        Assert.Equal([(100, 330)], Files(s, 100));
        Assert.Equal(4, s.TotalFrames);
    }

    [Fact]
    public void FilesEndAtTheFirstCheckpointAtOrAfterTheirFirstFrame()
    {
        // Checkpoints every 30 steps (counted from step 0): 150, 210, 270 hold frames; 120, 180, 240 do not end a file.
        var s = new TrajectorySchedule(100, 300, 50, 10) { CheckpointInterval = 30 };
        Assert.Equal([(100, 150), (150, 210), (210, 270), (270, 300)], Files(s, 100));
        // The size bound still applies: one frame per file.
        var t = new TrajectorySchedule(0, 400, 20, 10) { CheckpointInterval = 100 };
        Assert.Equal([(0, 20), (20, 40), (40, 60), (60, 80), (80, 100), (100, 120)], Files(t, 1)[..6]);
        Assert.Equal([(0, 100), (100, 200), (200, 300), (300, 400)], Files(t, 1000));
    }

    [Fact]
    public void AResumedScheduleStartsItsFirstFileAtTheResumeStep()
    {
        var s = new TrajectorySchedule(20, 120, 20, 10) { CheckpointInterval = 30, ResumedAt = 105 };
        Assert.Equal([(105, 120)], Files(s, 100));
        Assert.Equal(1, s.TotalFrames);
        var u = s with { ResumedAt = 60 };
        Assert.Equal([(60, 90), (90, 120)], Files(u, 100));
        Assert.Equal(3, u.TotalFrames);
    }

    [Fact]
    public void TheShippedDeckWritesItsTwentyFramesInNineFiles()
    {
        // As its comment says: production 20,000..180,000, a frame every 8,000, a checkpoint every 18,000.
        var deck = NemdEngine.Input.DeckReader.ReadFile(Input.DeckReaderTests.RepoFile("inputs/lj-mass-mismatch.toml"));
        long start = deck.Run.EquilibrationSteps;
        var s = new TrajectorySchedule(start, start + deck.Run.ProductionSteps, deck.Output.Trajectory!.Interval, deck.Run.SampleInterval)
        {
            CheckpointInterval = deck.Output.CheckpointInterval!.Value,
        };
        var files = Files(s, int.MaxValue);
        Assert.Equal(9, files.Length);
        Assert.Equal(20, s.TotalFrames);
        Assert.Equal((20000, 36000), files[0]);
        Assert.Equal((162000, 180000), files[^1]);
    }
}
