namespace NemdEngine.Kernels.Random;

/// <summary>
/// Counter-based random numbers: a pure hash of (seed, step, atom id, stream), so a draw
/// does not depend on thread layout, launch order or backend (as HOOMD-blue does).
/// Mixing is two rounds of the SplitMix64 finalizer (Steele, Lea and Flood 2014).
/// </summary>
public static class CounterRng
{
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>64 random bits for the given counter.</summary>
    public static ulong Hash(ulong seed, long step, int atomId, int stream)
    {
        ulong key = Mix(seed + 0x9E3779B97F4A7C15UL);
        key = Mix(key ^ ((ulong)step * 0xD1B54A32D192ED03UL));
        key = Mix(key ^ (((ulong)(uint)atomId << 8) | (uint)(stream & 0xFF)));
        return key;
    }

    /// <summary>Uniform in the open interval (0, 1), 24 bits of resolution.</summary>
    public static float Uniform(ulong bits) => ((bits >> 40) + 0.5f) * (1.0f / 16777216.0f);

    /// <summary>Two independent standard normal deviates (Box-Muller) for one counter.</summary>
    public static void Gaussian2(ulong seed, long step, int atomId, int stream, out float g0, out float g1)
    {
        ulong bits = Hash(seed, step, atomId, stream);
        float u0 = Uniform(bits);
        float u1 = Uniform(bits << 24);
        float radius = MathF.Sqrt(-2.0f * MathF.Log(u0));
        float angle = 2.0f * MathF.PI * u1;
        g0 = radius * MathF.Cos(angle);
        g1 = radius * MathF.Sin(angle);
    }
}
