namespace NemdEngine.Kernels.Potentials;

/// <summary>Parameters of one species pair of the truncated and shifted Lennard-Jones potential.</summary>
public struct LennardJonesParams
{
    /// <summary>4 ε σ¹² (energy · length¹²).</summary>
    public float C12;
    /// <summary>4 ε σ⁶ (energy · length⁶).</summary>
    public float C6;
    /// <summary>Cutoff squared (length²); 0 turns the pair off.</summary>
    public float CutoffSquared;
    /// <summary>U(r_c) subtracted so that U is continuous at the cutoff (energy); 0 when unshifted.</summary>
    public float Shift;

    public static LennardJonesParams Create(double epsilon, double sigma, double cutoff, bool shift)
    {
        double s6 = Math.Pow(sigma, 6);
        double c12 = 4 * epsilon * s6 * s6, c6 = 4 * epsilon * s6;
        double rc6 = Math.Pow(cutoff, 6);
        return new LennardJonesParams
        {
            C12 = (float)c12,
            C6 = (float)c6,
            CutoffSquared = (float)(cutoff * cutoff),
            Shift = shift ? (float)(c12 / (rc6 * rc6) - c6 / rc6) : 0f,
        };
    }
}

/// <summary>U = 4ε[(σ/r)¹² − (σ/r)⁶] − U(r_c) for r &lt; r_c; F/r = (12 C12 r⁻¹² − 6 C6 r⁻⁶) / r².</summary>
public readonly struct LennardJones : IPairEvaluator<LennardJonesParams>
{
    public bool Evaluate(float r2, LennardJonesParams p, out float forceOverR, out float energy)
    {
        if (r2 >= p.CutoffSquared)
        {
            forceOverR = 0f;
            energy = 0f;
            return false;
        }
        float inv2 = 1.0f / r2;
        float inv6 = inv2 * inv2 * inv2;
        float term12 = p.C12 * inv6 * inv6;
        float term6 = p.C6 * inv6;
        forceOverR = (12.0f * term12 - 6.0f * term6) * inv2;
        energy = term12 - term6 - p.Shift;
        return true;
    }
}
