using NemdEngine.Input;
using NemdEngine.Kernels;

namespace NemdEngine.Conformance;

/// <summary>
/// The oracle (OpenMM's Reference platform idea): all-pairs truncated and shifted LJ in double
/// precision, x/y minimum image, no neighbor list. Independent of every engine code path.
/// </summary>
public static class ReferenceLennardJones
{
    public static (double Energy, double[,] Forces) Compute(Vec3[] positions, int[] types, PairSpec[,] pairs, double boxX, double boxY)
    {
        int n = positions.Length;
        var forces = new double[n, 3];
        double energy = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                var p = pairs[types[i], types[j]];
                double dx = positions[i].X - (double)positions[j].X;
                double dy = positions[i].Y - (double)positions[j].Y;
                double dz = positions[i].Z - (double)positions[j].Z;
                dx -= boxX * Math.Round(dx / boxX);
                dy -= boxY * Math.Round(dy / boxY);
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= p.Cutoff * p.Cutoff) continue;
                double sr6 = Math.Pow(p.Sigma * p.Sigma / r2, 3);
                double src6 = Math.Pow(p.Sigma / p.Cutoff, 6);
                energy += 4 * p.Epsilon * (sr6 * sr6 - sr6) - (p.Shift ? 4 * p.Epsilon * (src6 * src6 - src6) : 0);
                double fr = 24 * p.Epsilon * (2 * sr6 * sr6 - sr6) / r2;
                forces[i, 0] += fr * dx; forces[i, 1] += fr * dy; forces[i, 2] += fr * dz;
                forces[j, 0] -= fr * dx; forces[j, 1] -= fr * dy; forces[j, 2] -= fr * dz;
            }
        return (energy, forces);
    }
}
