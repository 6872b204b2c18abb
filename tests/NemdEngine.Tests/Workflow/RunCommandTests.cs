using NemdEngine.Cli;

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
}
