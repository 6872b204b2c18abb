namespace NemdEngine.Simulation.Minimization;

/// <summary>Why a minimization stopped.</summary>
public enum MinimizationStop
{
    /// <summary>max |F_i| fell to the force tolerance.</summary>
    ForceTolerance,
    /// <summary>The relative energy change of a step fell to the energy tolerance.</summary>
    EnergyTolerance,
    /// <summary>The step limit was reached first: not converged.</summary>
    MaxSteps,
}

/// <summary>
/// What a minimization did. Energies are the potential energy of the whole system (frozen atoms
/// included) divided by its atom count (energy); forces are max_i |F_i| over the mobile atoms (energy/length).
/// </summary>
/// <param name="Steps">FIRE steps done (one force evaluation each).</param>
/// <param name="Restarts">Steps that found P = F·v ≤ 0 with the atoms moving, so zeroed the velocities.</param>
/// <param name="NeighborBuilds">Neighbor-list rebuilds during the minimization.</param>
/// <param name="Summary">One line for the log, saying whether it converged and why it stopped.</param>
public sealed record MinimizationResult(
    int Steps,
    bool Converged,
    MinimizationStop Stop,
    double InitialEnergyPerAtom,
    double FinalEnergyPerAtom,
    double InitialMaxForce,
    double FinalMaxForce,
    int Restarts,
    long NeighborBuilds,
    string Summary);

/// <summary>One FIRE step as it ends, for progress display and tests.</summary>
/// <param name="Step">1 for the first step.</param>
/// <param name="Energy">Potential energy of the whole system after the step (energy).</param>
/// <param name="MaxForce">max |F_i| over the mobile atoms after the step (energy/length).</param>
/// <param name="Power">P = F·v after the step (energy/time): P ≤ 0 makes the next step a restart.</param>
/// <param name="Timestep">Δt this step moved the atoms with (time).</param>
/// <param name="Alpha">α this step mixed the velocities with (0 when it did not mix).</param>
/// <param name="Restarted">The step began with a restart (P ≤ 0 after the step before: velocities zeroed, half step back); the first step is one, from rest.</param>
public readonly record struct FireStep(int Step, double Energy, double MaxForce, double Power, double Timestep, double Alpha, bool Restarted);
