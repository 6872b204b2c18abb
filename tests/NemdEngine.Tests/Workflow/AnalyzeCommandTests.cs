using System.Text.Json.Nodes;
using NemdEngine.Cli;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.Workflow;
using Serilog;

namespace NemdEngine.Tests.Workflow;

/// <summary>`nemd analyze DIR` on the samples.bin of a finished small run, through the real parser.</summary>
[Collection("Console")]
public class AnalyzeCommandTests
{
    private static (int Code, string Output, string Error) Nemd(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (savedOut, savedError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var root = new System.CommandLine.RootCommand { AnalyzeCommand.Create() };
            return (root.Parse(args).Invoke(), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }

    private static JsonObject Results(string dir) => JsonNode.Parse(File.ReadAllText(Path.Combine(dir, RunOutputs.Results)))!.AsObject();

    [Fact]
    public void OtherMarginsMoveTheFitWindowsAndTheOriginalMarginsReproduceRK()
    {
        string dir = TestTemp.Path($"nemd-analyze-{Guid.NewGuid():N}");
        var deck = TestSystems.Deck() with
        {
            Thermostat = new ThermostatSpec(0.4, 0.2, 0.5),
            Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 100, SampleInterval = 10, InitialTemperature = 0.3 },
            Analysis = new AnalysisSpec { MarginReservoir = 0.5, MarginInterface = 0.5, Blocks = 2 },
            Output = new OutputSpec { Directory = dir, CheckpointInterval = 0 },
        };
        NemdRunner.Run(deck, new RunOverrides(Device: "cpu"), SilentObserver.Instance, new LoggerConfiguration().CreateLogger());
        var original = Results(dir);

        var (code, output, error) = Nemd("analyze", dir, "--margins", "0.5,0.5");
        Assert.True(code == 0, error);
        string same = Path.Combine(dir, "analysis-mr0.5-mi0.5-b2");
        Assert.Contains("R_K", output);
        Assert.Contains(same, output);
        Assert.Equal(original["kapitza_resistance"]!.ToJsonString(), Results(same)["kapitza_resistance"]!.ToJsonString());
        Assert.Equal(original["fit"]!.ToJsonString(), Results(same)["fit"]!.ToJsonString());

        (code, _, error) = Nemd("analyze", dir, "--margins", "0,1", "--blocks", "5");
        Assert.True(code == 0, error);
        var other = Results(Path.Combine(dir, "analysis-mr0-mi1-b5"));
        Assert.Equal(0.0, other["fit"]!["margin_reservoir"]!["value"]!.GetValue<double>());
        Assert.Equal(1.0, other["fit"]!["margin_interface"]!["value"]!.GetValue<double>());
        Assert.Equal(5, other["errors"]!["blocks"]!["R_K"]!.GetValue<int>());
        Assert.NotEqual(original["fit"]!["A"]!["z_min"]!["value"]!.GetValue<double>(), other["fit"]!["A"]!["z_min"]!["value"]!.GetValue<double>());
        Assert.NotEqual(original["fit"]!["A"]!["z_max"]!["value"]!.GetValue<double>(), other["fit"]!["A"]!["z_max"]!["value"]!.GetValue<double>());
        Assert.NotEqual(original["kapitza_resistance"]!.ToJsonString(), other["kapitza_resistance"]!.ToJsonString());
        // The run's own results are untouched.
        Assert.Equal(original.ToJsonString(), Results(dir).ToJsonString());

        (code, _, error) = Nemd("analyze", dir, "--margins", "3,3");
        Assert.Equal(RunCommand.ExitBadInput, code);
        Assert.Contains("--margins 3,3", error);
        (code, _, error) = Nemd("analyze", dir, "--margins", "x");
        Assert.Equal(RunCommand.ExitBadInput, code);
        Assert.Contains("--margins", error);
        (code, _, error) = Nemd("analyze", Path.Combine(dir, "nothing-here"));
        Assert.Equal(RunCommand.ExitBadInput, code);
        Assert.Contains("samples.bin", error);
    }
}
