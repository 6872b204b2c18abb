namespace NemdEngine.IO.Trajectory;

/// <summary>
/// What does not change during a run and is written once per file: species index, mass (mass
/// unit) and id of every atom, and the species names the indices refer to.
/// </summary>
public sealed record TrajectoryAtoms(int[] Species, float[] Masses, int[] Ids, IReadOnlyList<string> SpeciesNames)
{
    public int Count => Species.Length;
}
