using NemdEngine.Conformance;
using NemdEngine.Lattice;
using NemdEngine.Model;
using NemdEngine.Phonons;
using NemdEngine.Tests.Phonons;
using NemdEngine.Theory;
using NemdEngine.Theory.Agf;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Theory;

/// <summary>
/// AGF of the 3D [001] LJ fcc junction built from the engine's force constants: identical sides transmit
/// exactly their open channels (integers, the count of right-going bulk bands at (ω, k∥)), a mass
/// mismatch transmits no more than the side with fewer channels, and the channel density matches the
/// bulk q-mesh's.
/// </summary>
public class AgfInterfaceTests(ITestOutputHelper output)
{
    private static double A0 => PhononSystems.LennardJonesA0.Value;

    private static LayeredJunction Junction(double m1, double m2) =>
        new(PhononSystems.LennardJones(), new JunctionSide(CrystalLattice.Fcc, A0, 0, m1), new JunctionSide(CrystalLattice.Fcc, A0, 0, m2), A0);

    /// <summary>Right-going bulk bands at (ω, k∥): upward crossings of ω by the bands over one period of k_z (4π/a for fcc).</summary>
    private static int BulkChannels(BulkCrystal crystal, Double3 k, double omega, int steps = 4000)
    {
        double period = 4 * Math.PI / crystal.ConstantZ;
        int Below(double kz) => crystal.ModesAt(new Double3(k.X, k.Y, kz), velocities: false).Count(m => m.Frequency < omega);
        int crossings = 0, previous = Below(0);
        for (int s = 1; s <= steps; s++)
        {
            int now = Below(s * period / steps);
            if (now < previous) crossings += previous - now;
            previous = now;
        }
        return crossings;
    }

    [Fact]
    public void IdenticalSidesTransmitTheBulkChannelCountAtEveryFrequency()
    {
        var junction = Junction(1, 1);
        output.WriteLine($"principal layer: {junction.LayerPlanes} planes");
        var crystal = PhononSystems.LennardJonesFcc.Value;
        double top = PhononSpectrum.HighestFrequency(crystal, 4);
        var (b1, b2) = junction.TransverseReciprocal;
        int checkedPoints = 0;
        foreach (var k in new[] { 0.13 * b1 + 0.31 * b2, 0.05 * b1 + 0.02 * b2 })
        {
            var j = junction.At(k);
            for (double f = 0.05; f < 1.05; f += 0.15)
            {
                double omega = f * top;
                double xi = CaroliTransmission.At(j, omega, 1e-7 * top * top);
                double channels = CaroliTransmission.Channels(j.LeftLead, omega, 1e-7 * top * top);
                int bulk = BulkChannels(crystal, k, omega, 500);
                output.WriteLine($"k = ({k.X:F3}, {k.Y:F3}), ω = {omega:F3}: Ξ = {xi:F5}, lead channels {channels:F5}, bulk bands {bulk}");
                Assert.Equal(channels, xi, 3);
                Assert.Equal(bulk, xi, 2);
                checkedPoints++;
            }
        }
        Assert.True(checkedPoints >= 14);
    }

    [Fact]
    public void MassMismatchTransmitsAtMostTheSmallerChannelCountAndMatchesTheBulkChannelDensity()
    {
        var junction = Junction(1, 3);
        double top = PhononSpectrum.HighestFrequency(PhononSystems.LennardJonesFcc.Value, 4);
        var grid = new FrequencyGrid(1.02 * top, 30);
        var agf = InterfaceTransmission.Compute(junction, grid, new AgfOptions(KPoints: 6));
        output.WriteLine($"{agf.KPointsComputed} k-points × {grid.Count} ω in {agf.Seconds:F2} s");
        for (int w = 0; w < grid.Count; w++)
        {
            Assert.True(agf.Transmission[w] <= Math.Min(agf.ChannelsA![w], agf.ChannelsB![w]) + 1e-4 * agf.ChannelsA!.Max(), $"ω = {grid[w]}: T = {agf.Transmission[w]} exceeds the channels {agf.ChannelsA![w]}, {agf.ChannelsB![w]}");
            if (w % 3 == 0) output.WriteLine($"ω = {grid[w]:F3}: T = {agf.Transmission[w]:F4}, N_A = {agf.ChannelsA[w]:F4}, N_B = {agf.ChannelsB[w]:F4} per σ²");
        }
        // Nothing crosses above the heavy side's band top (light top / √3).
        Assert.All(Enumerable.Range(0, grid.Count).Where(w => grid[w] > top / Math.Sqrt(3) * 1.03), w => Assert.True(agf.Transmission[w] < 1e-4));
        // The classical radiation conductance of side A from AGF channels and from the bulk q-mesh (independent routes).
        var spectrum = PhononSpectrum.Compute(PhononSystems.LennardJonesFcc.Value, new FrequencyGrid(1.02 * top, 200), mesh: 16);
        double fromAgf = Landauer.Classical(grid, agf.ChannelsA!, UnitSystem.LennardJones);
        double fromMesh = Landauer.Classical(spectrum.Grid, spectrum.Channels, UnitSystem.LennardJones);
        double g = Landauer.Classical(grid, agf.Transmission, UnitSystem.LennardJones);
        output.WriteLine($"G_rad,A: AGF {fromAgf:F4}, q-mesh {fromMesh:F4} k_B/(σ²τ); G_AGF = {g:F4}");
        Assert.Equal(1, fromAgf / fromMesh, 1);
        // Bounded by the radiation limit ∫ min(N_A, N_B), and far from zero (mass ratio 3 transmits most low-ω phonons).
        double limit = Landauer.Classical(grid, agf.ChannelsA!.Zip(agf.ChannelsB!, Math.Min).ToArray(), UnitSystem.LennardJones);
        output.WriteLine($"radiation limit {limit:F4} k_B/(σ²τ)");
        Assert.InRange(g, 0.3 * limit, limit);
    }
}
