using NemdEngine.Cli;
using NemdEngine.IO;
using NemdEngine.Workflow;

namespace NemdEngine.Tests.Workflow;

/// <summary>`nemd run` through its real parser: exit codes, one-line reasons, files left readable.</summary>
[Collection("Console")]
public class RunCommandTests
{
    private static (int Code, string Error) Nemd(params string[] args)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            var root = new System.CommandLine.RootCommand { RunCommand.Create() };
            return (root.Parse(args).Invoke(), error.ToString());
        }
        finally { Console.SetError(saved); }
    }

    [Fact]
    public void BadDeckExitsWithCode2AndOneLineNamingTheKey()
    {
        string deck = ShippedDeck.WriteEdited(("t_cold = 0.24", "t_cold = 0.5"));
        var (code, error) = Nemd("run", deck);
        Assert.Equal(RunCommand.ExitBadInput, code);
        Assert.Contains("thermostat.t_cold", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void MissingDeckFileIsABadInput()
    {
        var (code, error) = Nemd("run", "/nonexistent/deck.toml");
        Assert.Equal(RunCommand.ExitBadInput, code);
        Assert.Contains("/nonexistent/deck.toml", error);
    }

    [Fact]
    public void UnknownDeviceIsABadInputNamingTheChoices()
    {
        var (code, error) = Nemd("run", Input.DeckReaderTests.RepoFile("inputs/lj-identical.toml"), "--device", "gpu", "--out",
            TestTemp.Path($"nemd-device-{Guid.NewGuid():N}"));
        Assert.Equal(RunCommand.ExitBadInput, code);
        Assert.Contains("unknown device 'gpu'", error);
        Assert.Contains("cuda[:N]", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void BlownUpRunStopsNamingStepAndAtomAndLeavesItsLogReadable()
    {
        // A timestep 100x too large throws atoms through the walls within a few steps.
        string deck = ShippedDeck.WriteEdited(("timestep = 0.005", "timestep = 0.5"), ("cells_A = 16", "cells_A = 8"), ("cells_B = 16", "cells_B = 8"),
            ("margin_reservoir = 2.0", "margin_reservoir = 1.0"), ("margin_interface = 2.0", "margin_interface = 1.0"));
        string output = TestTemp.Path($"nemd-blowup-{Guid.NewGuid():N}");
        var (code, error) = Nemd("run", deck, "--out", output);
        Assert.Equal(RunCommand.ExitRunFailed, code);
        Assert.Matches(@"step \d+: atom \d+ ", error);
        string log = File.ReadAllText(Path.Combine(output, "nemd.log"));
        Assert.Contains("Run stopped", log);
        Assert.Matches(@"step \d+: atom \d+ ", log);
    }

    [Fact]
    public void ReplicasOfASpectralDeckAreRefusedNamingTheKey()
    {
        string deck = ShippedDeck.WriteEdited(("[output.trajectory]", "[spectral]\nresolution = 0.1\n\n# [output.trajectory]"), ("interval = 8000 ", "# interval = 8000 "),
            ("fields = [\"position\"]", "# fields"), ("compression = false", "# compression = false"));
        string output = TestTemp.Path($"nemd-replicas-{Guid.NewGuid():N}");
        var (code, error) = Nemd("run", deck, "--replicas", "2", "--out", output);
        Assert.Equal(RunCommand.ExitBadInput, code);
        Assert.Contains("spectral.enabled", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(output), "a refused batch writes nothing");
    }

    [Fact]
    public void ResumeKeepsTheStoredReplicaCount()
    {
        var (code, error) = Nemd("run", "--resume", TestTemp.Path("anything"), "--replicas", "4");
        Assert.Equal(RunCommand.ExitBadInput, code);
        Assert.Contains("--replicas", error);
        Assert.Contains("cannot be changed", error);
    }

    [Fact]
    public void ReplicasRunThroughTheCommandLineIntoOneFolderEach()
    {
        string deck = ShippedDeck.WriteEdited(("cells_A = 16", "cells_A = 6"), ("cells_B = 16", "cells_B = 6"), ("reservoir_cells = 3 ", "reservoir_cells = 1 "),
            ("equilibration_steps = 20000", "equilibration_steps = 200"), ("margin_reservoir = 2.0", "margin_reservoir = 1.0"), ("margin_interface = 2.0", "margin_interface = 1.0"));
        string output = TestTemp.Path($"nemd-replicas-{Guid.NewGuid():N}");
        var (code, error) = Nemd("run", deck, "--replicas", "3", "--steps", "400", "--device", "cpu", "--out", output);
        Assert.True(code == 0, error);
        foreach (string file in new[] { RunOutputs.ReplicasCsv, RunOutputs.ReplicasJson, RunFolder.Log, RunFolder.Manifest })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        for (int r = 0; r < 3; r++)
            foreach (string file in new[] { RunOutputs.Results, RunOutputs.Profile, RunFiles.Samples, RunFiles.Checkpoint })
                Assert.True(File.Exists(Path.Combine(output, ReplicaRunner.FolderName(r), file)), $"{ReplicaRunner.FolderName(r)}/{file}");
        Assert.Contains("[output.trajectory] is left out", File.ReadAllText(Path.Combine(output, RunFolder.Log)));
        // The same folder again is another run's: refused without --overwrite.
        var (again, refusal) = Nemd("run", deck, "--replicas", "2", "--steps", "400", "--device", "cpu", "--out", output);
        Assert.Equal(RunCommand.ExitBadInput, again);
        Assert.Contains("--overwrite", refusal);
        // With it, a smaller batch leaves no replica of the earlier one behind.
        (again, refusal) = Nemd("run", deck, "--replicas", "2", "--steps", "400", "--device", "cpu", "--out", output, "--overwrite");
        Assert.True(again == 0, refusal);
        Assert.False(Directory.Exists(Path.Combine(output, ReplicaRunner.FolderName(2))));
        string table = File.ReadAllText(Path.Combine(output, RunOutputs.ReplicasCsv));
        Assert.Equal(2 + 2, table.Trim().Split('\n').Length);
        // --resume of the finished batch finds it as a batch, runs no step and writes the same table.
        (again, refusal) = Nemd("run", "--resume", output);
        Assert.True(again == 0, refusal);
        Assert.Equal(table, File.ReadAllText(Path.Combine(output, RunOutputs.ReplicasCsv)));
    }
}
