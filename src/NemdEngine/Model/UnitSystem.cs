namespace NemdEngine.Model;

/// <summary>
/// Unit labels of a unit system, used on every printed or written number. Values inside the
/// engine are always in these units; k_B = 1, so temperatures are energies divided by k_B.
/// </summary>
public sealed record UnitSystem(
    string Name,
    string Length,
    string Time,
    string Energy,
    string Mass,
    string Temperature,
    string HeatFlux,
    string Resistance,
    string Conductance,
    string Conductivity)
{
    /// <summary>Lennard-Jones reduced units: σ, τ = σ √(m/ε), ε, m, k_B = 1.</summary>
    public static readonly UnitSystem LennardJones = new(
        Name: "lj",
        Length: "σ",
        Time: "τ",
        Energy: "ε",
        Mass: "m",
        Temperature: "ε/k_B",
        HeatFlux: "ε/(σ²τ)",
        Resistance: "σ²τ/k_B",
        Conductance: "k_B/(σ²τ)",
        Conductivity: "k_B/(στ)");

    public static UnitSystem FromName(string name) => name switch
    {
        "lj" => LennardJones,
        _ => throw new ArgumentException($"unknown unit system '{name}'; expected \"lj\""),
    };
}
