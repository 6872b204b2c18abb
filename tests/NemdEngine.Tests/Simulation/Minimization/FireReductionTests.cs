using ILGPU;
using ILGPU.Runtime;
using NemdEngine.Backends;
using NemdEngine.Conformance;
using NemdEngine.Simulation.Minimization;

namespace NemdEngine.Tests.Simulation.Minimization;

/// <summary>The backend's two-level reduction against plain host sums over the read-back arrays.</summary>
[Collection(FireBackends.Collection)]
public class FireReductionTests(FireBackends backends)
{
    public static TheoryData<string> Devices => new() { DeviceCatalog.Cpu, DeviceCatalog.IlgpuCpu };

    /// <summary>18,432 atoms: 288 first-level items, so second-level items combine two partials each.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public void ScalarsEqualTheHostSums(string device)
    {
        var backend = backends.Get(device);
        var deck = ConformanceSystems.Deck(cellsXY: 12, cellsA: 16, cellsB: 16, pairs: ConformanceSystems.TwoSpeciesPairs);
        using var sim = ConformanceSystems.Create(backend, deck, ConformanceSystems.AllNve, out var system);
        Assert.True(system.Count > 256 * 64, "the system must be large enough for both levels to combine");
        var mobile = system.MobileIndices();
        using var group = backend.Allocate<int>(mobile.Length);
        group.CopyFromCPU(mobile);
        using var reduction = new FireReduction(backend, sim.State, group, mobile.Length);
        double potential = sim.ComputeEnergy().Potential; // also fills the per-atom energies
        var forces = sim.ReadForces();
        var velocities = sim.ReadVelocities();

        var s = reduction.Reduce();

        double p = 0, ff = 0, vv = 0, maxF = 0, maxV = 0;
        foreach (int i in mobile)
        {
            var (f, v) = (forces[i], velocities[i]);
            p += (double)f.X * v.X + (double)f.Y * v.Y + (double)f.Z * v.Z;
            double f2 = (double)f.X * f.X + (double)f.Y * f.Y + (double)f.Z * f.Z;
            ff += f2;
            vv += (double)v.X * v.X + (double)v.Y * v.Y + (double)v.Z * v.Z;
            maxF = Math.Max(maxF, Math.Sqrt(f2));
            maxV = Math.Max(maxV, Math.Max(Math.Abs(v.X), Math.Max(Math.Abs(v.Y), Math.Abs(v.Z))));
        }
        Assert.True(Math.Abs(s.Power - p) <= 1e-12 * Math.Sqrt(ff * vv), $"P {s.Power} vs {p}");
        Assert.Equal(ff, s.ForceSquared, ff * 1e-12);
        Assert.Equal(vv, s.VelocitySquared, vv * 1e-12);
        Assert.Equal(potential, s.Energy, Math.Abs(potential) * 1e-12);
        Assert.Equal(maxF, s.MaxForce);
        Assert.Equal(maxV, s.MaxVelocityComponent);
        Assert.Equal(s, reduction.Reduce()); // the same bits again
    }
}
