namespace NemdEngine.Tests.Input;

/// <summary>The bad-input corpus of real materials: potential files, elements, structure files and lattice constants.</summary>
public partial class BadInputCorpusTests
{
    private static (int, string, string) RunSi(params (string, string)[] edits) =>
        Nemd("run", RealMaterialsDeck.WriteEdited(edits), "--out", Temp("si"), "--device", "cpu");

    [Fact]
    public void AnElementThePotentialFileLacksNamesTheFileAndTheSpecies()
    {
        string error = AssertBadInput(RunSi(("element = \"Si\"          # same SW", "element = \"Xx\"          # same SW")),
            "key 'potential[0].file'", "Si.sw", "element Xx (species 'heavySi') is not in the file");
        Assert.Contains("si-deck-", error);
    }

    [Fact]
    public void APotentialFileWithoutTheMixedEntriesNamesTheMissingTriplet()
    {
        // Si and Ge entries but no Si-Ge mixing: a two-element deck needs e.g. Si Ge Ge.
        string file = TestTemp.Path($"pure-{Guid.NewGuid():N}.sw");
        File.WriteAllText(file, "# Si and Ge, no mixed entries\n"
            + "Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0\n"
            + "Ge Ge Ge 1.93 2.181 1.80 31.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0\n");
        AssertBadInput(RunSi(("element = \"Si\"          # same SW", "element = \"Ge\"          # same SW"),
                ($"file = \"{RealMaterialsDeck.PotentialsFolder}/Si.sw\"", $"file = \"{file}\"")),
            "key 'potential[0].file'", "pure-", "no entry for");
    }

    [Fact]
    public void ASpeciesWithoutAnElementIsRefusedWhenAPotentialFileIsUsed() =>
        AssertBadInput(RunSi(("element = \"Si\"          # same SW parameters as Si", "")), "key 'species[1].element'", "is required by the [[potential]] files");

    [Fact]
    public void ALatticeConstantThatCrowdsTheAtomsIsRefused() =>
        AssertBadInput(RunSi(("constant = 5.431 ", "constant = 2.5 ")), "key 'lattice.constant'", "nearest neighbours", "less than half");

    [Fact]
    public void AStructureFileWhoseAtomsOverlapIsRefusedNamingTheAtoms() =>
        AssertBadInput(Nemd("run", Workflow.RealMaterialsCommandTests.WriteStructureDeck(DataFile((1, 1, 5), (1, 1, 5.2), (10, 10, 1), (10, 10, 9)), Temp("overlap-run")), "--device", "cpu"),
            "key 'structure.file'", "atoms-", "0.2 apart", "at least");

    [Fact]
    public void AStructureFileWithAnAtomOutsideItsBoxIsRefused() =>
        AssertBadInput(Nemd("run", Workflow.RealMaterialsCommandTests.WriteStructureDeck(DataFile((1, 1, 5), (10, 10, 1), (10, 10, 12)), Temp("outside-run")), "--device", "cpu"),
            "key 'structure.file'", "atoms-", "is outside the box", "above zhi");

    /// <summary>A LAMMPS data file of Si atoms at the given positions in a 20 Å box, z from 0 to 10 Å.</summary>
    private static string DataFile(params (double X, double Y, double Z)[] atoms)
    {
        string path = TestTemp.Path($"atoms-{Guid.NewGuid():N}.data");
        var text = new System.Text.StringBuilder("test\n\n");
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{atoms.Length} atoms\n1 atom types\n\n0 20 xlo xhi\n0 20 ylo yhi\n0 10 zlo zhi\n\nMasses\n\n1 28.0855 # Si\n\nAtoms # atomic\n\n");
        for (int i = 0; i < atoms.Length; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 1 {atoms[i].X} {atoms[i].Y} {atoms[i].Z}\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
