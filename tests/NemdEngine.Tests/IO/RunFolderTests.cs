using NemdEngine.IO;

namespace NemdEngine.Tests.IO;

/// <summary>A run folder holds one run: claimed with run.json, refused or cleared when it holds another, locked while in use.</summary>
public class RunFolderTests
{
    private static string NewFolder(string tag)
    {
        string dir = TestTemp.Path($"nemd-folder-{tag}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static void Touch(string dir, string relative)
    {
        string path = Path.Combine(dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, relative);
    }

    private static string[] Entries(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(dir, p)).Order(StringComparer.Ordinal).ToArray();

    // What runs and `nemd analyze` leave in a folder, temporaries and resumed attempts included.
    private static readonly string[] RunFiles =
    [
        "run.json", "results.json", "results.json.tmp", "profile.csv", "profile.png", "profile.png.tmp.png", "nemd.log",
        "samples.bin", "samples.bin.tmp", "checkpoint.bin", "checkpoint.bin.tmp",
        "trajectory-0000.h5md", "trajectory-0001.h5md.part", "trajectory-0001.h5md.part.short", "samples.h5md", "samples.h5md.tmp", "profile.svg", "profile.svg.tmp.svg", "trajectory-files.txt",
        "trajectory-from-60-0000.h5md", "trajectory-from-60-files.txt", "trajectory-from-60-files.txt.tmp",
    ];

    [Fact]
    public void ANewRunClaimsItsFolderWithARunJsonNamingItsId()
    {
        string dir = Path.Combine(NewFolder("new"), "not", "there", "yet");
        string id;
        using (var folder = RunFolder.Claim(dir, overwrite: false, deckPath: "deck.toml"))
        {
            id = folder.RunId;
            Assert.Equal(Path.GetFullPath(dir), folder.Directory);
            Assert.Empty(folder.Cleared);
        }
        Assert.Equal(["run.json"], Entries(dir));
        Assert.Equal(id, RunFolder.ReadRunId(dir));
        Assert.Contains(Path.GetFullPath("deck.toml"), File.ReadAllText(Path.Combine(dir, "run.json")));
    }

    [Fact]
    public void AFolderHoldingAnyFileOfAnEarlierRunIsRefusedNamingTheFolderAndOverwrite()
    {
        foreach (string name in RunFiles.Append("analysis-mr1-mi1-b2/results.json"))
        {
            string dir = NewFolder("refused");
            Touch(dir, name);
            Touch(dir, "deck.toml");
            var e = Assert.Throws<RunFolderException>(() => RunFolder.Claim(dir, overwrite: false));
            Assert.Contains(dir, e.Message);
            Assert.Contains("holds another run", e.Message);
            Assert.Contains("--overwrite clears it", e.Message);
            Assert.Contains(name.Split('/')[0], e.Message);
            Assert.Equal(new[] { name, "deck.toml" }.Concat(name.Contains('/') ? [name.Split('/')[0]] : []).Order(StringComparer.Ordinal), Entries(dir));
        }
    }

    [Fact]
    public void OverwriteDeletesNemdEnginesFilesOnlyAndKeepsEverythingElse()
    {
        string dir = NewFolder("overwrite");
        string earlier;
        using (var first = RunFolder.Claim(dir, overwrite: false)) earlier = first.RunId;
        foreach (string name in RunFiles.Where(n => n != "run.json")) Touch(dir, name);
        string[] others =
        [
            "deck.toml", "notes.txt", "trajectory-notes.md", "profile.toml", "results.json.bak", "my-samples.bin",
            Path.Combine("analysis-mr1-mi1-b2", "my-plot.svg"), Path.Combine("data", "results.json"),
        ];
        foreach (string name in others) Touch(dir, name);
        Touch(dir, Path.Combine("analysis-mr1-mi1-b2", "results.json"));
        Touch(dir, Path.Combine("analysis-mr0-mi0.5-b4", "results.json"));
        Touch(dir, Path.Combine("analysis-mr0-mi0.5-b4", "profile.png"));

        using var folder = RunFolder.Claim(dir, overwrite: true);
        Assert.NotEqual(earlier, folder.RunId);
        Assert.Contains("checkpoint.bin", folder.Cleared);
        Assert.Contains("analysis-mr0-mi0.5-b4", folder.Cleared);
        Assert.Contains("deck.toml", folder.Kept);
        Assert.Equal(others.Append("analysis-mr1-mi1-b2").Append("data").Append("run.json").Order(StringComparer.Ordinal), Entries(dir));
        folder.Dispose();
        Assert.Equal(folder.RunId, RunFolder.ReadRunId(dir));
    }

    [Fact]
    public void AFolderWithOnlyOtherFilesIsClaimedAsItIs()
    {
        string dir = NewFolder("others");
        Touch(dir, "deck.toml");
        Touch(dir, Path.Combine("analysis-old", "results.json"));
        using (RunFolder.Claim(dir, overwrite: false)) { }
        Assert.Equal(new[] { "analysis-old", Path.Combine("analysis-old", "results.json"), "deck.toml", "run.json" }, Entries(dir));
    }

    [Fact]
    public void ARunningRunHoldsItsFolderAgainstASecondRunEvenWithOverwrite()
    {
        string dir = NewFolder("inuse");
        using (var running = RunFolder.Claim(dir, overwrite: false))
        {
            Touch(dir, "checkpoint.bin");
            var e = Assert.Throws<RunFolderException>(() => RunFolder.Claim(dir, overwrite: true));
            Assert.Contains("in use by a running nemd", e.Message);
            Assert.Throws<RunFolderException>(() => RunFolder.Open(dir, running.RunId));
            Assert.Throws<RunFolderException>(() => RunFolder.ReadRunId(dir));
            Assert.True(File.Exists(Path.Combine(dir, "checkpoint.bin")));
        }
        using (RunFolder.Claim(dir, overwrite: true)) { }
        Assert.False(File.Exists(Path.Combine(dir, "checkpoint.bin")));
    }

    [Fact]
    public void ResumeOpensTheFoldersRunAndRefusesACheckpointOfAnotherRun()
    {
        string dir = NewFolder("resume");
        string id;
        using (var claimed = RunFolder.Claim(dir, overwrite: false)) id = claimed.RunId;
        using (var same = RunFolder.Open(dir, id)) Assert.Equal(id, same.RunId);
        using (var old = RunFolder.Open(dir, null)) Assert.Equal(id, old.RunId); // a checkpoint of format 1 or 2
        var e = Assert.Throws<RunFolderException>(() => RunFolder.Open(dir, "another-run"));
        Assert.Contains("another-run", e.Message);
        Assert.Contains(id, e.Message);

        // A folder from before run ids gets a run.json, with the checkpoint's id if it has one.
        string legacy = NewFolder("legacy");
        Touch(legacy, "checkpoint.bin");
        using (var adopted = RunFolder.Open(legacy, "from-checkpoint"))
        {
            Assert.True(adopted.Adopted);
            Assert.Equal("from-checkpoint", adopted.RunId);
        }
        Assert.Equal("from-checkpoint", RunFolder.ReadRunId(legacy));
    }

    [Fact]
    public void SamplesOfAnotherRunThanTheFoldersAreRefused()
    {
        RunFolder.CheckSameRun(null, null, "/x/samples.bin");
        RunFolder.CheckSameRun(null, "a", "/x/samples.bin");
        RunFolder.CheckSameRun("a", "a", "/x/samples.bin");
        var e = Assert.Throws<RunFolderException>(() => RunFolder.CheckSameRun("a", "b", "/x/samples.bin"));
        Assert.Contains("/x/samples.bin is from run b, not from run a", e.Message);
        e = Assert.Throws<RunFolderException>(() => RunFolder.CheckSameRun("a", null, "/x/samples.bin"));
        Assert.Contains("an earlier run", e.Message);
    }
}
