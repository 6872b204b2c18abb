namespace NemdEngine.Potentials;

/// <summary>
/// A potential's parameters as its force kernels read them (host side). Each table becomes one
/// force term of the simulation (<see cref="Simulation.Forces.ForceField"/>); the terms add up.
/// </summary>
public interface IPotentialTable
{
    /// <summary>What the potential is, for logs and errors ("lj", "sw", "tersoff").</summary>
    string Style { get; }

    /// <summary>Largest interaction range (length): the neighbor list covers it plus the skin.</summary>
    double MaxCutoff { get; }
}
