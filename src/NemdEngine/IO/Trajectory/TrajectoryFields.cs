namespace NemdEngine.IO.Trajectory;

/// <summary>Per-atom quantities a trajectory can hold; names as written in decks and in the H5MD file.</summary>
[Flags]
public enum TrajectoryFields
{
    None = 0,
    /// <summary>Positions (length), time-dependent, wrapped into the box, with their image flags.</summary>
    Position = 1,
    /// <summary>Velocities (length/time), time-dependent.</summary>
    Velocity = 2,
    /// <summary>Forces (energy/length), time-dependent.</summary>
    Force = 4,
    /// <summary>Species index (into /parameters species_names), time-independent. Always written; a deck may still list it.</summary>
    Species = 8,
    /// <summary>Mass (mass), time-independent. Always written; a deck may still list it.</summary>
    Mass = 16,
    /// <summary>Stable atom identifier, time-independent. Always written; a deck may still list it.</summary>
    Id = 32,
}

/// <summary>Names of <see cref="TrajectoryFields"/> as used in decks.</summary>
public static class TrajectoryFieldNames
{
    public static readonly IReadOnlyDictionary<string, TrajectoryFields> ByName = new Dictionary<string, TrajectoryFields>(StringComparer.Ordinal)
    {
        ["position"] = TrajectoryFields.Position,
        ["velocity"] = TrajectoryFields.Velocity,
        ["force"] = TrajectoryFields.Force,
        ["species"] = TrajectoryFields.Species,
        ["mass"] = TrajectoryFields.Mass,
        ["id"] = TrajectoryFields.Id,
    };

    /// <summary>The fields that change with time (one [frames][N][3] dataset each).</summary>
    public const TrajectoryFields TimeDependent = TrajectoryFields.Position | TrajectoryFields.Velocity | TrajectoryFields.Force;
}
