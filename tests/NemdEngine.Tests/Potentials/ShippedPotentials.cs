using NemdEngine.Conformance;
using NemdEngine.Potentials;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Tests.Potentials;

/// <summary>The potential files shipped in inputs/potentials/ and references built from them.</summary>
public static class ShippedPotentials
{
    public static string PathOf(string name) => Input.DeckReaderTests.RepoFile($"inputs/potentials/{name}");

    public static StillingerWeberFile SiSw => StillingerWeberFile.Read(PathOf("Si.sw"));
    public static StillingerWeberFile SiGeSw => StillingerWeberFile.Read(PathOf("SiGe.sw"));
    public static TersoffFile SiGeTersoff => TersoffFile.Read(PathOf("SiGe.tersoff"));

    public static ReferenceStillingerWeber StillingerWeber(params string[] elements) =>
        new(StillingerWeberTable.Build(SiGeSw, elements));

    public static ReferenceTersoff Tersoff(params string[] elements) =>
        new(TersoffTable.Build(SiGeTersoff, elements));
}
