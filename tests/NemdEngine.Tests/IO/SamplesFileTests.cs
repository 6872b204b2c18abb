using System.Globalization;
using System.Text.Json;
using NemdEngine.Input;
using NemdEngine.IO;
using NemdEngine.IO.H5md;
using NemdEngine.Lattice;
using NemdEngine.Sampling;
using NemdEngine.Workflow;
using Serilog;

namespace NemdEngine.Tests.IO;

/// <summary>
/// samples.h5md, read by h5py: at a checkpoint it holds the samples the checkpoint holds, at the
/// end those of samples.bin (what `nemd analyze` reads), value for value, with no trajectory written.
/// </summary>
public sealed class SamplesFileTests : IDisposable
{
    private readonly string dir = TestTemp.Path($"nemd-samples-{Guid.NewGuid():N}");
    private static readonly ILogger Log = new LoggerConfiguration().CreateLogger();

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    /// <summary>1,440 atoms; production steps 20..120, a sample every 10, checkpoints every 30; no trajectory.</summary>
    private Deck SmallDeck() => TestSystems.Deck() with
    {
        Thermostat = new ThermostatSpec(0.4, 0.2, 0.5),
        Run = new RunSpec { EquilibrationSteps = 20, ProductionSteps = 100, SampleInterval = 10, InitialTemperature = 0.3 },
        Analysis = new AnalysisSpec { MarginReservoir = 0.5, MarginInterface = 0.5, Blocks = 2 },
        Output = new OutputSpec { Directory = dir, CheckpointInterval = 30 },
    };

    [SkippableFact]
    public void H5pyReadsTheSamplesOfEachCheckpointAndOfTheFinishedRun()
    {
        Peers.RequirePythonModule("h5py", "apt-get install python3-h5py");
        using (var cancel = new CancellationTokenSource())
            Assert.Throws<RunInterruptedException>(() => NemdRunner.Run(SmallDeck(), new RunOverrides(Device: "cpu"), new StopAtCheckpoint(60, cancel), Log, cancel.Token));
        Assert.Empty(Directory.GetFiles(dir, "trajectory*"));
        var atCheckpoint = RunFiles.ReadCheckpoint(Path.Combine(dir, RunFiles.Checkpoint)).Samples;
        Assert.Equal(4, atCheckpoint.Times.Length);
        AssertSame(atCheckpoint, H5py(Path.Combine(dir, SamplesFile.FileName)));

        NemdRunner.Resume(dir, SilentObserver.Instance, Log);
        var final = RunFiles.ReadSamples(Path.Combine(dir, RunFiles.Samples)).Samples;
        Assert.Equal(10, final.Times.Length);
        AssertSame(final, H5py(Path.Combine(dir, SamplesFile.FileName)));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    private void AssertSame(ProductionSamples expected, JsonElement h5)
    {
        const double dt = 0.005;
        Assert.Equal(20, h5.GetProperty("production_start_step").GetInt64());
        Assert.Equal(dt, Number(h5.GetProperty("timestep")));
        Assert.Equal("tau", h5.GetProperty("time_unit").GetString());
        Assert.Equal("epsilon/k_B", h5.GetProperty("temperature_unit").GetString());
        Assert.Equal(["frozen", "hot", "mobile", "cold"], h5.GetProperty("region_names").EnumerateArray().Select(e => e.GetString()));

        var steps = h5.GetProperty("step").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(expected.Times.Select((_, k) => 30L + 10 * k), steps);
        var times = Numbers(h5, "time");
        for (int k = 0; k < steps.Length; k++)
        {
            Assert.Equal(steps[k] * dt, times[k]);
            Assert.Equal(expected.Times[k], (steps[k] - 20) * dt, 12);
        }
        Assert.Equal(expected.HotBathEnergy, Numbers(h5, "hot_bath_energy"));
        Assert.Equal(expected.ColdBathEnergy, Numbers(h5, "cold_bath_energy"));
        Assert.Equal(expected.HotReservoirTemperature, Numbers(h5, "hot_reservoir_temperature"));
        Assert.Equal(expected.ColdReservoirTemperature, Numbers(h5, "cold_reservoir_temperature"));
        Assert.Equal(expected.Temperatures.SelectMany(t => t), Numbers(h5, "temperature_profile"));
        Assert.Equal(expected.BinCenters, Numbers(h5, "bin_center"));
        Assert.Equal(expected.AtomsPerBin, Numbers(h5, "atoms_per_bin"));
        Assert.Equal(expected.BinWidth, Number(h5.GetProperty("bin_width")));
        var bins = ProfileBins.Of(expected.BinCenters, BilayerBuilder.Build(SmallDeck()).Layout);
        Assert.Equal(bins.Regions, h5.GetProperty("bin_region").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(bins.Sides, h5.GetProperty("bin_side").EnumerateArray().Select(e => e.GetInt32()));
        // Every region of the bilayer appears, on its side: walls on both, the hot reservoir on A, the cold one on B.
        Assert.Equal([0, 1, 2, 3], bins.Regions.Distinct().Order());
        Assert.All(bins.Regions.Zip(bins.Sides).Where(b => b.First == 1), b => Assert.Equal(0, b.Second));
        Assert.All(bins.Regions.Zip(bins.Sides).Where(b => b.First == 3), b => Assert.Equal(1, b.Second));
    }

    /// <summary>The file as h5py reads it; numbers as Python repr strings (exact, NaN kept).</summary>
    private static JsonElement H5py(string path)
    {
        string script = """
            import sys, json, h5py, numpy as np
            num = lambda a: ["NaN" if np.isnan(x) else repr(float(x)) for x in np.ravel(a)]
            text = lambda x: x.decode() if isinstance(x, bytes) else str(x)
            with h5py.File(sys.argv[1], "r") as f:
                o, p = f["observables"], f["parameters"]
                t = o["temperature_profile"]
                out = dict(production_start_step=int(p.attrs["production_start_step"]), timestep=repr(float(p["timestep"][()])),
                           time_unit=text(p["timestep"].attrs["reduced_unit"]), temperature_unit=text(t["value"].attrs["reduced_unit"]),
                           region_names=[text(x) for x in p.attrs["region_names"]],
                           step=[int(s) for s in t["step"][()]], time=num(t["time"][()]),
                           bin_center=num(t["bin_center"][()]), atoms_per_bin=num(t["atoms_per_bin"][()]), bin_width=repr(float(t["bin_width"][()])),
                           bin_region=[int(x) for x in t["bin_region"][()]], bin_side=[int(x) for x in t["bin_side"][()]])
                for name in o:
                    assert list(o[name]["step"][()]) == out["step"], name
                    out[name] = num(o[name]["value"][()])
            print(json.dumps(out))
            """;
        var (code, output, err) = Peers.Run(Peers.Python, ["-c", script, path], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, err);
        return JsonDocument.Parse(output).RootElement;
    }

    private static double Number(JsonElement e) => double.Parse(e.GetString()!, CultureInfo.InvariantCulture);
    private static double[] Numbers(JsonElement h5, string name) => h5.GetProperty(name).EnumerateArray().Select(Number).ToArray();
}
