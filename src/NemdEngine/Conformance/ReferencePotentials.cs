using NemdEngine.Potentials;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Conformance;

/// <summary>
/// The double-precision reference of a LAMMPS-format many-body potential file, by pair style: what
/// <c>nemd lattice</c> needs to minimise E(a) for a deck's species (see <see cref="CohesiveEnergy"/>).
/// </summary>
public static class ReferencePotentials
{
    /// <summary>The LAMMPS pair styles that have a reader and a reference.</summary>
    public static readonly IReadOnlyList<string> Styles = ["sw", "tersoff"];

    /// <param name="style">LAMMPS pair style name: "sw" or "tersoff".</param>
    /// <param name="path">the potential file.</param>
    /// <param name="species">each species type (in order) and the element of the file it maps to.</param>
    public static IManyBodyPotential Load(string style, string path, IReadOnlyList<SpeciesElement> species) => style switch
    {
        "sw" => new ReferenceStillingerWeber(StillingerWeberTable.Build(StillingerWeberFile.Read(path), species)),
        "tersoff" => new ReferenceTersoff(TersoffTable.Build(TersoffFile.Read(path), species)),
        _ => throw PotentialFileException.At(path, null, $"pair style '{style}' has no reader; known: {string.Join(", ", Styles)}"),
    };
}
