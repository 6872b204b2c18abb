using System.Diagnostics;
using NemdEngine.Input;
using NemdEngine.IO.H5md;
using NemdEngine.IO.Trajectory;
using NemdEngine.Kernels;
using NemdEngine.Model;
using NemdEngine.Sampling;
using NemdEngine.Simulation;
using Serilog;

namespace NemdEngine.Workflow;

/// <summary>
/// Connects a production run to the H5MD writer ([output.trajectory] of the deck): a frame every
/// interval steps, read from the backend, and the observables of every profile sample.
/// </summary>
internal sealed class TrajectoryRecorder : IDisposable
{
    private readonly H5mdTrajectoryWriter writer;
    private readonly TrajectoryFields fields;
    private readonly long start;
    private readonly int interval;
    private readonly double dt;
    private readonly Vec3 box;
    private readonly ILogger log;
    private readonly Stopwatch writeTime = new();

    private TrajectoryRecorder(H5mdTrajectoryWriter writer, TrajectoryFields fields, long start, int interval, double dt, Vec3 box, ILogger log)
    {
        (this.writer, this.fields, this.start, this.interval, this.dt, this.box, this.log) = (writer, fields, start, interval, dt, box, log);
    }

    /// <summary>The recorder for a deck with [output.trajectory], or null.</summary>
    /// <param name="start">Step at which production begins.</param>
    /// <param name="resumedAt">Step a resumed production continues from: its files are named
    /// trajectory-from-STEP-NNNN.h5md so the first attempt's files are never overwritten.</param>
    /// <param name="checkpointInterval">Steps between the run's checkpoints (0: none): files end there.</param>
    public static TrajectoryRecorder? Create(Deck deck, string outDir, ParticleSystem system, BilayerLayout layout, ProfileSampler sampler,
        long start, long? resumedAt, long checkpointInterval, ILogger log)
    {
        if (deck.Output.Trajectory is not { } spec) return null;
        var fields = spec.Fields.Aggregate(TrajectoryFields.None, (all, name) => all | TrajectoryFieldNames.ByName[name]);
        var boundary = new[] { "periodic", "periodic", system.PeriodicZ ? "periodic" : "none" };
        var options = new TrajectoryOptions(fields, spec.Compression, UnitSystem.FromName(deck.Units), boundary, BoxOrigin: new Vec3(0, 0, system.ZLow));
        var schedule = new TrajectorySchedule(start, start + deck.Run.ProductionSteps, spec.Interval, deck.Run.SampleInterval)
        {
            CheckpointInterval = checkpointInterval,
            ResumedAt = resumedAt,
        };
        string baseName = resumedAt is long step ? $"trajectory-from-{step}" : "trajectory";
        var writer = new H5mdTrajectoryWriter(outDir, options, TrajectoryAtoms.Of(system, layout), ProfileBins.Of(sampler.BinCenters, layout), schedule, baseName);
        if (writer.FramesTotal == 0 && resumedAt is not null)
            log.Information("Trajectory: no frame falls after step {Step}: no further file is written", resumedAt);
        else if (writer.FramesTotal == 0)
            log.Warning("output.trajectory.interval = {Interval} exceeds the {Steps} production steps: no trajectory is written", spec.Interval, deck.Run.ProductionSteps);
        else
            log.Information("Trajectory: {Frames} frames of {Fields} every {Interval} steps in {Files} file(s) of up to {PerFile} frames{Compression}",
                writer.FramesTotal, spec.Fields, spec.Interval, writer.SegmentCount, writer.FramesPerSegment, spec.Compression ? ", deflate" : "");
        var edges = new Vec3(system.BoxX, system.BoxY, system.ZHigh - system.ZLow);
        return new TrajectoryRecorder(writer, fields, start, spec.Interval, deck.Run.Timestep, edges, log);
    }

    public IReadOnlyList<string> Files => writer.Files;

    /// <summary>Records the sampler's latest sample, taken at <paramref name="step"/>.</summary>
    public void Sampled(long step, ProfileSampler sampler) =>
        writer.WriteObservables(new ObservableSample(step, step * dt, sampler.LastHotEnergy, sampler.LastColdEnergy,
            sampler.LastHotTemperature, sampler.LastColdTemperature, sampler.LastProfile!));

    /// <summary>Writes a frame if <paramref name="step"/> is a trajectory step.</summary>
    public void AfterStep(long step, SimulationEngine sim)
    {
        if ((step - start) % interval != 0) return;
        writeTime.Start();
        writer.WriteFrame(new TrajectoryFrame(step, step * dt, box,
            fields.HasFlag(TrajectoryFields.Position) ? sim.ReadPositions() : null,
            fields.HasFlag(TrajectoryFields.Velocity) ? sim.ReadVelocities() : null,
            fields.HasFlag(TrajectoryFields.Force) ? sim.ReadForces() : null));
        writeTime.Stop();
    }

    /// <summary>A checkpoint of the state after <paramref name="step"/> is about to be written: the file ending there is closed first.</summary>
    public void Checkpoint(long step)
    {
        writeTime.Start();
        writer.Checkpoint(step);
        writeTime.Stop();
    }

    /// <summary>Finishes the last file (a successful run).</summary>
    public void Close()
    {
        writeTime.Start();
        writer.Close();
        writeTime.Stop();
        log.Information("Wrote {Files} trajectory file(s) in {Seconds:F2} s of the run", writer.Files.Count, writeTime.Elapsed.TotalSeconds);
    }

    /// <summary>After a failure: finishes the open file with the frames it has; logs, never throws.</summary>
    public void Dispose()
    {
        writer.Dispose();
        if (writer.DisposeError is { } e) log.Error("The last trajectory file could not be finished: {Error}", e.Message);
    }
}
