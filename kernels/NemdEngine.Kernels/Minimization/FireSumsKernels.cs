using ILGPU;
using NemdEngine.Kernels.Launch;

namespace NemdEngine.Kernels.Minimization;

/// <summary>
/// The scalars FIRE needs after each force evaluation, reduced on the backend in two levels
/// without atomics: <see cref="FirePartialSumsKernel"/> (item t sums atoms t, t + T, t + 2T, …:
/// neighbouring threads read neighbouring atoms) then <see cref="FireCombineKernel"/> (the same
/// over the partials); the host reads the few second-level values and combines them in order.
/// Every sum is in double precision in a fixed order, so the result is the same bits every run.
/// Layout of a partials array of T items: slot-major, [slot · T + item].
/// </summary>
public static class FireSums
{
    /// <summary>P = Σ F·v over the mobile atoms (energy/time).</summary>
    public const int Power = 0;
    /// <summary>Σ |F|² over the mobile atoms.</summary>
    public const int ForceSquared = 1;
    /// <summary>Σ |v|² over the mobile atoms.</summary>
    public const int VelocitySquared = 2;
    /// <summary>Σ U_i over every atom (frozen ones included): the potential energy.</summary>
    public const int Energy = 3;
    /// <summary>max |F_i|² over the mobile atoms.</summary>
    public const int MaxForceSquared = 4;
    /// <summary>max |v_i,α| (largest velocity component) over the mobile atoms.</summary>
    public const int MaxVelocityComponent = 5;
    public const int Count = 6;

    /// <summary>True for slots combined by max, false for sums.</summary>
    public static bool IsMax(int slot) => slot >= MaxForceSquared;
}

/// <summary>First level: item t of <see cref="Items"/> reduces mobile atoms t, t + Items, … and the energies of atoms t, t + Items, ….</summary>
public struct FirePartialSumsKernel : IAtomKernel
{
    public ArrayView<int> Group;
    public ArrayView<Vec3> Forces;
    public ArrayView<Vec3> Velocities;
    public ArrayView<float> Energies;
    /// <summary>FireSums.Count × Items values, slot-major.</summary>
    public ArrayView<double> Partials;
    public int GroupCount;
    public int AtomCount;
    public int Items;

    public void Execute<TAccess>(int t) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        double power = 0, forceSquared = 0, velocitySquared = 0, energy = 0, maxForceSquared = 0, maxComponent = 0;
        for (int k = t; k < GroupCount; k += Items)
        {
            int i = memory.At(Group, k);
            Vec3 f = memory.At(Forces, i);
            Vec3 v = memory.At(Velocities, i);
            double f2 = (double)f.X * f.X + (double)f.Y * f.Y + (double)f.Z * f.Z;
            power += (double)f.X * v.X + (double)f.Y * v.Y + (double)f.Z * v.Z;
            forceSquared += f2;
            velocitySquared += (double)v.X * v.X + (double)v.Y * v.Y + (double)v.Z * v.Z;
            if (f2 > maxForceSquared) maxForceSquared = f2;
            float c = MathF.Max(MathF.Max(MathF.Abs(v.X), MathF.Abs(v.Y)), MathF.Abs(v.Z));
            if (c > maxComponent) maxComponent = c;
        }
        for (int j = t; j < AtomCount; j += Items) energy += memory.At(Energies, j);
        memory.At(Partials, FireSums.Power * Items + t) = power;
        memory.At(Partials, FireSums.ForceSquared * Items + t) = forceSquared;
        memory.At(Partials, FireSums.VelocitySquared * Items + t) = velocitySquared;
        memory.At(Partials, FireSums.Energy * Items + t) = energy;
        memory.At(Partials, FireSums.MaxForceSquared * Items + t) = maxForceSquared;
        memory.At(Partials, FireSums.MaxVelocityComponent * Items + t) = maxComponent;
    }
}

/// <summary>Second level: item u of <see cref="Items"/> combines partials u, u + Items, … of each slot (sum or max).</summary>
public struct FireCombineKernel : IAtomKernel
{
    /// <summary>FireSums.Count × PartialItems values, slot-major.</summary>
    public ArrayView<double> Partials;
    /// <summary>FireSums.Count × Items values, slot-major.</summary>
    public ArrayView<double> Combined;
    public int PartialItems;
    public int Items;

    public void Execute<TAccess>(int u) where TAccess : struct, IViewAccess
    {
        TAccess memory = default;
        for (int slot = 0; slot < FireSums.Count; slot++)
        {
            bool isMax = FireSums.IsMax(slot);
            double acc = 0;
            for (int j = u; j < PartialItems; j += Items)
            {
                double x = memory.At(Partials, slot * PartialItems + j);
                if (!isMax) acc += x;
                else if (x > acc) acc = x;
            }
            memory.At(Combined, slot * Items + u) = acc;
        }
    }
}
