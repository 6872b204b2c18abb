using NemdEngine.Conformance;
using NemdEngine.Phonons;

namespace NemdEngine.Theory.Agf;

/// <summary>How finely the AGF samples: k-points per transverse reciprocal axis (a shifted mesh, halved by time reversal), frequencies, and η relative to ω_max².</summary>
public sealed record AgfOptions(int KPoints = 10, int Frequencies = 80, double RelativeEta = 1e-6, bool CountChannels = true);

/// <summary>
/// The AGF transmission of a junction per area, T(ω) = (1/(N_k A_cell)) Σ_k Ξ(ω, k) (1/length²), the
/// Landauer form of <see cref="Landauer"/>; with it each lead's open channels per area N_A(ω), N_B(ω)
/// (the transmission of the lead joined to itself), which give the sides' radiation conductances for
/// the NEMD correction on the same k-mesh and grid.
/// </summary>
public sealed record AgfSpectrum(FrequencyGrid Grid, double[] Transmission, double[]? ChannelsA, double[]? ChannelsB, int KPointsComputed, double Seconds);

public static class InterfaceTransmission
{
    public static AgfSpectrum Compute(LayeredJunction junction, FrequencyGrid grid, AgfOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (b1, b2) = junction.TransverseReciprocal;
        int n = options.KPoints;
        // k and −k give the same Ξ (time reversal); the half-shifted mesh maps onto itself under k → −k.
        var points = new List<(Double3 K, double Weight)>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                int self = i * n + j, partner = (n - 1 - i) * n + (n - 1 - j);
                if (self > partner) continue;
                points.Add((((i + 0.5) / n) * b1 + ((j + 0.5) / n) * b2, self == partner ? 1 : 2));
            }
        double eta = options.RelativeEta * grid.Max * grid.Max;
        var perK = new (double[] T, double[]? A, double[]? B)[points.Count];
        Parallel.For(0, points.Count, p =>
        {
            var (k, _) = points[p];
            var j = junction.At(k);
            var t = new double[grid.Count];
            double[]? ca = options.CountChannels ? new double[grid.Count] : null, cb = options.CountChannels ? new double[grid.Count] : null;
            for (int w = 0; w < grid.Count; w++)
            {
                var z = new System.Numerics.Complex(grid[w] * grid[w], eta);
                var leftA = SurfaceGreensFunction.Left(j.LeftLead, z);
                var rightB = SurfaceGreensFunction.Right(j.RightLead, z);
                t[w] = CaroliTransmission.At(j, z, leftA, rightB);
                if (ca is null || cb is null) continue;
                // Each lead joined to itself: two more decimations, the other two are shared.
                ca[w] = CaroliTransmission.Channels(j.LeftLead, z, leftA, SurfaceGreensFunction.Right(j.LeftLead, z));
                cb[w] = CaroliTransmission.Channels(j.RightLead, z, SurfaceGreensFunction.Left(j.RightLead, z), rightB);
            }
            perK[p] = (t, ca, cb);
        });
        double norm = 1 / ((double)n * n * junction.CellArea);
        double[] Sum(Func<(double[] T, double[]? A, double[]? B), double[]?> pick) =>
            Enumerable.Range(0, grid.Count).Select(w => norm * perK.Select((r, p) => points[p].Weight * pick(r)![w]).Sum()).ToArray();
        return new AgfSpectrum(grid, Sum(r => r.T), options.CountChannels ? Sum(r => r.A) : null, options.CountChannels ? Sum(r => r.B) : null,
            points.Count, clock.Elapsed.TotalSeconds);
    }
}
