using NemdEngine.Conformance;

namespace NemdEngine.Phonons;

/// <summary>Evenly spaced frequencies ω_k = (k + ½) Δω, k = 0 .. Count − 1, up to <see cref="Max"/> (rad/time): bin centres.</summary>
public sealed record FrequencyGrid(double Max, int Count)
{
    public double Step => Max / Count;
    public double this[int k] => (k + 0.5) * Step;
    public double[] Values => Enumerable.Range(0, Count).Select(k => this[k]).ToArray();
}

/// <summary>
/// What the mismatch models need from one side's phonons, on a frequency grid, from a Monkhorst-Pack
/// q-mesh over the whole Brillouin zone with Gaussian broadening:
/// the density of states per atom g(ω) (∫ g dω = 3), and per branch (ordered by frequency at each q)
/// the transmitting channels per area N_j(ω) = 2π (1/V) Σ_q ½ |v_z| δ(ω − ω_qj) (1/length²): the
/// number of modes per area that carry energy toward a (001) plane, in the units of the Landauer
/// transmission T(ω), so that G = ∫ dω/2π ħω ∂n/∂T N(ω) is the conductance if every mode crossed.
/// </summary>
public sealed class PhononSpectrum
{
    public required FrequencyGrid Grid { get; init; }
    /// <summary>g(ω) per atom (per rad/time).</summary>
    public required double[] DensityOfStates { get; init; }
    /// <summary>N_j(ω) of each branch j (1/length²).</summary>
    public required double[][] BranchChannels { get; init; }
    /// <summary>The highest frequency on the mesh (rad/time).</summary>
    public required double MaxFrequency { get; init; }

    /// <summary>Σ_j N_j(ω).</summary>
    public double[] Channels => Enumerable.Range(0, Grid.Count).Select(k => BranchChannels.Sum(b => b[k])).ToArray();

    /// <param name="mesh">points per reciprocal axis (mesh³ in all), shifted by half a step so that no point sits on Γ or a zone face.</param>
    /// <param name="broadening">Gaussian width in grid steps.</param>
    public static PhononSpectrum Compute(BulkCrystal crystal, FrequencyGrid grid, int mesh = 16, double broadening = 1.0)
    {
        var b = crystal.ReciprocalVectors();
        int modes = crystal.Modes;
        var dos = new double[grid.Count];
        var channels = Enumerable.Range(0, modes).Select(_ => new double[grid.Count]).ToArray();
        double sigma = broadening * grid.Step, maxFrequency = 0;
        int reach = (int)Math.Ceiling(4 * broadening) + 1;
        double norm = 1 / (Math.Sqrt(2 * Math.PI) * sigma);
        for (int i = 0; i < mesh; i++)
            for (int j = 0; j < mesh; j++)
                for (int l = 0; l < mesh; l++)
                {
                    var q = ((i + 0.5) / mesh) * b[0] + ((j + 0.5) / mesh) * b[1] + ((l + 0.5) / mesh) * b[2];
                    var at = crystal.ModesAt(q);
                    for (int n = 0; n < modes; n++)
                    {
                        double w = at[n].Frequency, v = Math.Abs(at[n].VelocityZ);
                        maxFrequency = Math.Max(maxFrequency, w);
                        int centre = (int)Math.Floor(w / grid.Step);
                        for (int k = Math.Max(0, centre - reach); k <= Math.Min(grid.Count - 1, centre + reach); k++)
                        {
                            double x = (grid[k] - w) / sigma;
                            double weight = norm * Math.Exp(-0.5 * x * x);
                            dos[k] += weight;
                            channels[n][k] += 0.5 * v * weight;
                        }
                    }
                }
        double points = (double)mesh * mesh * mesh;
        double perAtom = 1 / (points * crystal.Basis.Length);
        double perVolume = 2 * Math.PI / (points * crystal.CellVolume);
        return new PhononSpectrum
        {
            Grid = grid,
            DensityOfStates = dos.Select(g => g * perAtom).ToArray(),
            BranchChannels = channels.Select(c => c.Select(x => x * perVolume).ToArray()).ToArray(),
            MaxFrequency = maxFrequency,
        };
    }

    /// <summary>The highest frequency of a crystal, from a coarse mesh plus Γ and the zone-boundary points along the axes (rad/time).</summary>
    public static double HighestFrequency(BulkCrystal crystal, int mesh = 8)
    {
        var b = crystal.ReciprocalVectors();
        double max = 0;
        for (int i = 0; i <= mesh; i++)
            for (int j = 0; j <= mesh; j++)
                for (int l = 0; l <= mesh; l++)
                {
                    var q = ((double)i / mesh) * b[0] + ((double)j / mesh) * b[1] + ((double)l / mesh) * b[2];
                    max = Math.Max(max, crystal.ModesAt(q, velocities: false)[^1].Frequency);
                }
        return max;
    }
}
