using NemdEngine.Model;
using PureHDF;

namespace NemdEngine.IO.H5md;

/// <summary>
/// How one quantity's unit is written in an H5MD file: the attribute that carries it, the label,
/// and the factor from engine units to the written values (written = engine × Scale).
/// </summary>
public readonly record struct H5mdUnit(string Attribute, string Label, double Scale = 1)
{
    /// <summary>H5MD's own attribute (H5MD 1.1 units module), read by MDAnalysis and OVITO.</summary>
    public const string Standard = "unit";

    /// <summary>
    /// The attribute for reduced units. MDAnalysis raises on any <c>unit</c> string it does not
    /// know, even with convert_units=False, so a label such as "tau" must not sit under <c>unit</c>.
    /// </summary>
    public const string Reduced = "reduced_unit";

    /// <summary>Puts this unit on <paramref name="target"/>.</summary>
    public void ApplyTo(H5Object target) => target.Attributes[Attribute] = Label;
}

/// <summary>
/// The unit of every quantity an H5MD file of a run holds, per unit system.
/// <para>Where a unit system has real units, every label is a string MDAnalysis 2.4's
/// H5MDReader knows (its _unit_translation: time ps, fs, ns, s, AKMA; length Angstrom, nm, pm,
/// fm; velocity "Angstrom ps-1", ...; force "kJ mol-1 Angstrom-1", "kcal mol-1 Angstrom-1", N,
/// "J m-1"), so <c>MDAnalysis.Universe(path)</c> opens the file with its default
/// convert_units=True. It has no eV-based force, so metal forces are written in kJ mol⁻¹ Å⁻¹
/// (× 96.485 per eV Å⁻¹) rather than under a label it would reject. Reduced LJ units go under
/// <c>reduced_unit</c>: MDAnalysis then finds no units and needs convert_units=False.</para>
/// </summary>
public sealed record H5mdUnits(
    H5mdUnit Length, H5mdUnit Time, H5mdUnit Velocity, H5mdUnit Force,
    H5mdUnit Energy, H5mdUnit Mass, H5mdUnit Temperature)
{
    /// <summary>kJ/mol per eV: N_A · e / 1000 (both exact in the 2019 SI).</summary>
    public const double KilojoulePerMolePerElectronvolt = 6.02214076e23 * 1.602176634e-19 / 1000;

    /// <summary>True when every label is H5MD's <c>unit</c> (MDAnalysis can convert the file).</summary>
    public bool Standard => new[] { Length, Time, Velocity, Force, Energy, Mass, Temperature }.All(u => u.Attribute == H5mdUnit.Standard);

    public static H5mdUnits For(UnitSystem units) => units.Name switch
    {
        // Spelled in ASCII (the printed labels are σ, τ, ε): attribute readers need not handle UTF-8.
        "lj" => new(Reduced("sigma"), Reduced("tau"), Reduced("sigma/tau"), Reduced("epsilon/sigma"), Reduced("epsilon"), Reduced("m"), Reduced("epsilon/k_B")),
        // LAMMPS `units metal`: Å, ps, eV, g/mol, K (shared/physics.md).
        "metal" => new(Unit("Angstrom"), Unit("ps"), Unit("Angstrom ps-1"), Unit("kJ mol-1 Angstrom-1", KilojoulePerMolePerElectronvolt),
            Unit("eV"), Unit("g mol-1"), Unit("K")),
        _ => throw new ArgumentException($"no H5MD unit labels for unit system '{units.Name}'; add them to {nameof(H5mdUnits)}"),
    };

    private static H5mdUnit Reduced(string label) => new(H5mdUnit.Reduced, label);
    private static H5mdUnit Unit(string label, double scale = 1) => new(H5mdUnit.Standard, label, scale);
}
