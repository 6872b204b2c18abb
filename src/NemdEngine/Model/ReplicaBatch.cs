using NemdEngine.Kernels;

namespace NemdEngine.Model;

/// <summary>
/// Puts independent copies of one system into one <see cref="ParticleSystem"/> (nemd run
/// --replicas): their atoms one block after the other, each keeping its own coordinates and atom
/// ids. The kernels tell replicas apart by atom index (<see cref="ParticleSystem.AtomsPerReplica"/>),
/// so one launch covers all of them and none sees another's atoms.
/// </summary>
public static class ReplicaBatch
{
    public static ParticleSystem Combine(IReadOnlyList<ParticleSystem> replicas)
    {
        if (replicas.Count == 0) throw new ArgumentException("no replicas to combine");
        var first = replicas[0];
        foreach (var r in replicas)
            if (r.Count != first.Count || r.BoxX != first.BoxX || r.BoxY != first.BoxY || r.ZLow != first.ZLow || r.ZHigh != first.ZHigh || r.PeriodicZ != first.PeriodicZ)
                throw new ArgumentException("replicas differ in atom count or box: they must be copies of one system");
        if ((long)first.Count * replicas.Count > int.MaxValue)
            throw new ArgumentException($"{replicas.Count} replicas of {first.Count} atoms exceed the {int.MaxValue} atoms one batch can index");
        T[] Concat<T>(Func<ParticleSystem, T[]> part) => replicas.SelectMany(part).ToArray();
        return new ParticleSystem
        {
            Positions = Concat<Vec3>(r => r.Positions),
            Velocities = Concat<Vec3>(r => r.Velocities),
            Types = Concat(r => r.Types),
            Masses = Concat(r => r.Masses),
            SpeciesMasses = first.SpeciesMasses,
            Ids = Concat(r => r.Ids),
            Regions = Concat(r => r.Regions),
            SpeciesNames = first.SpeciesNames,
            BoxX = first.BoxX,
            BoxY = first.BoxY,
            ZLow = first.ZLow,
            ZHigh = first.ZHigh,
            PeriodicZ = first.PeriodicZ,
            Replicas = replicas.Count,
        };
    }

    /// <summary>Replica <paramref name="replica"/>'s atom indices <paramref name="atoms"/> as indices into the batch of replicas of <paramref name="atomsPerReplica"/> atoms.</summary>
    public static IEnumerable<int> InBatch(int[] atoms, int replica, int atomsPerReplica) => atoms.Select(i => replica * atomsPerReplica + i);
}
