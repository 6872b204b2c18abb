namespace NemdEngine.Potentials.Files;

/// <summary>
/// The potential files of inputs/potentials/ (Si.sw, SiGe.sw, SiGe.tersoff), compiled into the library
/// so that `nemd selftest` and `nemd bench` work from any folder and from the GPU bundle.
/// </summary>
public static class ShippedPotentialFiles
{
    /// <summary>The text of a shipped file, e.g. "SiGe.sw".</summary>
    public static string Text(string name)
    {
        using var stream = typeof(ShippedPotentialFiles).Assembly.GetManifestResourceStream($"NemdEngine.potentials.{name}")
            ?? throw new ArgumentException($"no shipped potential file '{name}'");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static StillingerWeberFile StillingerWeber(string name) => StillingerWeberFile.Parse(Text(name), $"inputs/potentials/{name}");

    public static TersoffFile Tersoff(string name) => TersoffFile.Parse(Text(name), $"inputs/potentials/{name}");
}
