using NemdEngine.Backends;
using NemdEngine.Input;
using NemdEngine.Lattice;
using NemdEngine.Potentials;
using NemdEngine.Sampling;
using NemdEngine.Simulation;

namespace NemdEngine.Tests.Simulation;

/// <summary>The memory estimate a deck is checked against, compared with what a run really allocates.</summary>
public class MemoryEstimateTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>A small bilayer with 2,016 atoms and its backend buffers: the estimate's device part must be within a factor 2 of the ledger.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DevicePartIsWithinAFactorTwoOfTheBackendsAllocations(bool vectorKernels)
    {
        var deck = TestSystems.Deck(cellsXY: 6, cellsA: 7, cellsB: 7) with
        {
            Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 200, SampleInterval = 10 },
            Analysis = new AnalysisSpec { Blocks = 2, MarginReservoir = 0.5, MarginInterface = 0.5 },
        };
        DeckValidator.Validate(deck);
        var estimate = MemoryEstimate.For(deck);

        using var backend = new ParallelCpuBackend(vectorKernels: vectorKernels);
        var setup = NemdEngine.Setup.SimulationSetup.FromDeck(deck);
        using var sim = setup.CreateEngine(backend);
        using var sampler = setup.CreateSampler(backend, sim);
        sim.Run(20);

        Assert.Equal(setup.System.Count, estimate.Atoms);
        Assert.Equal(sampler.BinCenters.Count, estimate.Bins);
        Assert.Equal(sim.Neighbors.Grid.CellCount, estimate.Cells);
        double ratio = estimate.DeviceBytes / backend.LiveBytes;
        output.WriteLine($"device estimate {estimate.DeviceBytes:F0} B, allocated {backend.LiveBytes} B (ratio {ratio:F3}); host estimate {estimate.HostBytes:F0} B");
        Assert.True(ratio is > 0.5 and < 2, $"estimate {estimate.DeviceBytes:F0} B, allocated {backend.LiveBytes} B (ratio {ratio:F2})");
        // The host part is the larger (a checkpoint holds the neighbor list three times over while written), of the same order.
        Assert.InRange(estimate.HostBytes / estimate.DeviceBytes, 1, 10);
    }

    [SkippableFact]
    public void TheRunnerRefusesARunItsBackendCannotHoldBeforeBuildingIt()
    {
        // A cross-section whose host part fits this machine but whose host and device parts together
        // (the cpu backend's buffers are host memory) do not: only the backend's check can refuse it.
        long available = MemoryEstimate.HostAvailableBytes;
        Deck Sized(int cells) => TestSystems.Deck(cellsXY: cells, cellsA: 16, cellsB: 16, reservoir: 3) with
        {
            Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 100, SampleInterval = 10 },
            Analysis = new AnalysisSpec { Blocks = 2 },
            Output = new OutputSpec { Directory = TestTemp.Path($"nemd-device-memory-{Guid.NewGuid():N}") },
        };
        int cells = 6;
        while (MemoryEstimate.For(Sized(cells)) is var e && e.HostBytes + e.DeviceBytes <= available) cells += 2;
        Skip.IfNot(MemoryEstimate.For(Sized(cells)).HostBytes < available, "no cross-section separates the host check from the backend's on this machine");
        var deck = Sized(cells);
        DeckValidator.Validate(deck);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<DeckException>(() => NemdEngine.Workflow.NemdRunner.Run(deck, new NemdEngine.Workflow.RunOverrides(Device: "cpu"),
            NemdEngine.Workflow.SilentObserver.Instance, new Serilog.LoggerConfiguration().CreateLogger()));
        Assert.StartsWith("<deck>: key 'geometry.cross_section': needs about", error.Message);
        Assert.Contains("of memory", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refused after {clock.Elapsed.TotalSeconds:F1} s: the system was built first");
    }

    [Fact]
    public void SamplesKeptForTheAnalysisScaleAsSamplesTimesBins()
    {
        var deck = TestSystems.Deck() with { Run = new RunSpec { EquilibrationSteps = 0, ProductionSteps = 1_000_000, SampleInterval = 10 } };
        var fine = deck with { Analysis = deck.Analysis with { BinWidth = 0.01 } };
        var (a, b) = (MemoryEstimate.For(deck), MemoryEstimate.For(fine));
        Assert.Equal(100_000, a.Samples);
        double perSampleBin = MemoryEstimate.SampleCopies * 8;
        Assert.Equal(perSampleBin * (b.Samples * b.Bins - a.Samples * a.Bins), b.HostBytes - a.HostBytes - 48 * (b.Bins - a.Bins), 6);
        Assert.Equal("analysis", b.Largest.Table);
        Assert.Equal("bin_width", b.Largest.Key);
    }

    [Fact]
    public void BytesAreWrittenInBinaryUnits()
    {
        Assert.Equal("512 B", MemoryEstimate.Bytes(512));
        Assert.Equal("1.5 KiB", MemoryEstimate.Bytes(1536));
        Assert.Equal("24 GiB", MemoryEstimate.Bytes(24.0 * 1024 * 1024 * 1024));
        Assert.Equal("2E+30 B", MemoryEstimate.Bytes(2e30));
    }
}
