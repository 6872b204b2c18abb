using NemdEngine.Potentials;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Tests.Potentials;

/// <summary>
/// The LAMMPS sw and tersoff readers and the table builders: entries spanning lines with comments, the
/// table layout and derived values, and for every kind of bad file the one-line message naming the
/// file, the line or the missing entry, and what is wrong.
/// </summary>
public class PotentialFileTests
{
    private const string SiLine = "Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0";

    private static PotentialFileException SwError(string text, params string[] elements) =>
        Assert.Throws<PotentialFileException>(() => StillingerWeberTable.Build(StillingerWeberFile.Parse(text, "bad.sw"), elements));

    private static PotentialFileException TersoffError(string text, params string[] elements) =>
        Assert.Throws<PotentialFileException>(() => TersoffTable.Build(TersoffFile.Parse(text, "bad.tersoff"), elements));

    [Fact]
    public void EntriesSpanLinesAroundComments()
    {
        var file = StillingerWeberFile.Parse("""
            # header
            Si Si Si 2.1683  2.0951  1.80  21.0 # a comment mid-entry
               1.20  -0.333333333333

               7.049556277  0.6022245584  4.0  0.0 0.0   # end
            """, "x.sw");
        var e = Assert.Single(file.Entries);
        Assert.Equal(("Si Si Si", 2, 2.1683, -0.333333333333, 0.6022245584), (e.Triplet, e.Line, e.Epsilon, e.CosTheta0, e.BigB));
    }

    [Fact]
    public void StillingerWeberTableLayoutAndDerivedValues()
    {
        // Species "A" (Si), "heavy" (Si) and "B" (Ge): n = 3, heavy-Si shares Si's entries.
        var table = StillingerWeberTable.Build(ShippedPotentials.SiGeSw,
            [new SpeciesElement("A", "Si"), new SpeciesElement("heavy", "Si"), new SpeciesElement("B", "Ge")]);
        Assert.Equal(3, table.TypeCount);
        Assert.Equal(9, table.Pairs.Length);
        Assert.Equal(27, table.Triplets.Length);
        Assert.Equal(table.Pairs[table.PairIndex(0, 0)], table.Pairs[table.PairIndex(1, 1)]);
        Assert.Equal(table.Pairs[table.PairIndex(0, 2)], table.Pairs[table.PairIndex(2, 1)]);
        var siGe = table.Pairs[table.PairIndex(0, 2)];
        Assert.Equal((float)(1.8 * 2.13805), siGe.Cutoff);
        Assert.Equal((float)(1.8 * 2.13805 * 1.8 * 2.13805), siGe.CutoffSquared);
        Assert.Equal((float)(7.049556277 * 2.045683016), siGe.AEpsilon);
        Assert.Equal((float)(1.2 * 2.13805), siGe.GammaSigma);
        // Triplet (Ge centre; Si, Ge neighbors) from entry "Ge Si Ge".
        var t = table.TripletEntries[table.TripletIndex(2, 0, 2)];
        Assert.Equal("Ge Si Ge", t.Triplet);
        Assert.Equal((float)(28.12393555 * 1.986999804), table.Triplets[table.TripletIndex(2, 0, 2)].LambdaEpsilon);
        Assert.Equal(1.8 * 2.181, table.MaxCutoff, 12);
    }

    [Fact]
    public void TersoffTableLayoutAndDerivedValues()
    {
        var table = TersoffTable.Build(ShippedPotentials.SiGeTersoff, "Si", "Ge");
        var siGe = table.Pairs[table.PairIndex(0, 1)];
        var geSi = table.Pairs[table.PairIndex(1, 0)];
        Assert.Equal((1799.6347f, 2.4625f, 444.7177f, 1.71845f), (siGe.A, siGe.Lambda1, siGe.B, siGe.Lambda2));
        Assert.Equal((float)((2.8996 + 0.15) * (2.8996 + 0.15)), siGe.CutoffSquared);
        // The bond order is the centre's: β, n of Si for Si-Ge, of Ge for Ge-Si.
        Assert.Equal((1.1e-6f, 0.78734f, (float)(-0.5 / 0.78734)), (siGe.Beta, siGe.N, siGe.MinusHalfOverN));
        Assert.Equal((9.0166e-7f, 0.75627f), (geSi.Beta, geSi.N));
        // Neighbor k = Ge of bond Si-Si: the cutoff on r_ik is the Si-Ge one, the angular part Si's.
        var ssg = table.Triplets[table.TripletIndex(0, 0, 1)];
        Assert.Equal((2.8996f, 0.15f, 3, 0f), (ssg.R, ssg.D, ssg.M, ssg.Lambda3));
        Assert.Equal((float)(1.0039e5 * 1.0039e5), ssg.C2);
        Assert.Equal((float)(1 + 1.0039e5 * 1.0039e5 / (16.217 * 16.217)), ssg.OnePlusC2OverD2);
        Assert.Equal(-0.59825f, ssg.H);
        Assert.Equal(3.1, table.MaxCutoff, 12);
    }

    [Fact]
    public void TooManyFieldsNamesTheLineAndTheFormat()
    {
        var e = SwError($"# c\n\n{SiLine} 9.9\n", "Si");
        Assert.Equal("bad.sw:3: Stillinger-Weber entry 'Si Si Si ...' has 15 fields, expected 14 (element1 element2 element3 epsilon sigma a lambda gamma costheta0 A B p q tol)", e.Message);
    }

    [Fact]
    public void AnEntryCutShortByTheEndOfTheFile()
    {
        var e = SwError("Si Si Si 2.1683 2.0951 1.80\n  21.0 1.20\n", "Si");
        Assert.StartsWith("bad.sw:1: Stillinger-Weber entry 'Si Si Si ...' ends at the end of the file with 8 of 14 ", e.Message);
    }

    [Fact]
    public void ANonNumberNamesItsOwnLineAndField()
    {
        var e = SwError("Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333\n 7.049556277 O.6022245584 4.0 0.0 0.0\n", "Si");
        Assert.Equal("bad.sw:2: field 11 (B) of Stillinger-Weber entry Si Si Si is 'O.6022245584', not a number", e.Message);
        var t = TersoffError("Si Si Si 3.0 1.0 0.0 1.0039e5 16.217 -0.59825 0.78734 1.1000e-6 1.7322 471.18 2.85 0.15 2.4799 NaN\n", "Si");
        Assert.Equal("bad.tersoff:1: field 17 (A) of Tersoff entry Si Si Si is 'NaN', not a number", t.Message);
    }

    [Fact]
    public void IllegalValuesAreNamed()
    {
        Assert.Equal("bad.sw:1: sigma of Stillinger-Weber entry Si Si Si is -2.0951; it must not be negative",
            SwError(SiLine.Replace(" 2.0951 ", " -2.0951 ", StringComparison.Ordinal), "Si").Message);
        const string ge = "Ge Ge Ge 3.0 1.0 0.0 1.0643e5 15.652 -0.43884 0.75627 9.0166e-7 1.7047 419.23 2.95 0.15 2.4451 1769.0";
        Assert.Equal("bad.tersoff:1: m of Tersoff entry Ge Ge Ge is 2; LAMMPS accepts m = 1 or 3",
            TersoffError("Ge Ge Ge 2.0" + ge[12..], "Ge").Message);
        Assert.StartsWith("bad.tersoff:1: D of Tersoff entry Ge Ge Ge is 3.5, larger than R = 2.95",
            TersoffError(ge.Replace(" 0.15 ", " 3.5 ", StringComparison.Ordinal), "Ge").Message);
    }

    [Fact]
    public void DuplicateEntriesNameBothLines()
    {
        Assert.Equal("bad.sw:3: second entry for Si Si Si (the first is on line 1)", SwError($"{SiLine}\n\n{SiLine}\n", "Si").Message);
    }

    [Fact]
    public void AMissingTripletNamesItAndTheSpeciesBehindIt()
    {
        // SiGe.sw without its "Ge Si Si" entry (two lines).
        string text = File.ReadAllText(ShippedPotentials.PathOf("SiGe.sw"));
        int at = text.IndexOf("Ge Si Si", StringComparison.Ordinal);
        int end = text.IndexOf('\n', text.IndexOf('\n', at) + 1);
        var file = StillingerWeberFile.Parse(text[..at] + text[(end + 1)..], "SiGe.sw");
        var e = Assert.Throws<PotentialFileException>(() => StillingerWeberTable.Build(file,
            [new SpeciesElement("Si", "Si"), new SpeciesElement("heavy", "Si"), new SpeciesElement("Ge", "Ge")]));
        Assert.Equal("SiGe.sw: no entry for Ge Si Si; the deck maps species 'Ge' to element Ge and species 'Si' and 'heavy' to element Si", e.Message);
        // The Tersoff builder says the same.
        var t = TersoffError("Si Si Si 3.0 1.0 0.0 1.0039e5 16.217 -0.59825 0.78734 1.1000e-6 1.7322 471.18 2.85 0.15 2.4799 1830.8\n" +
                             "Ge Ge Ge 3.0 1.0 0.0 1.0643e5 15.652 -0.43884 0.75627 9.0166e-7 1.7047 419.23 2.95 0.15 2.4451 1769.0\n", "Si", "Ge");
        Assert.Equal("bad.tersoff: no entry for Si Si Ge; the deck maps species 'Si' to element Si and species 'Ge' to element Ge", t.Message);
    }

    [Fact]
    public void AnUnknownElementNamesItsSpeciesAndTheFilesElements()
    {
        var e = Assert.Throws<PotentialFileException>(() => StillingerWeberTable.Build(ShippedPotentials.SiGeSw,
            [new SpeciesElement("substrate", "Si"), new SpeciesElement("film", "C")]));
        Assert.EndsWith("SiGe.sw: element C (species 'film') is not in the file, which has entries for Si, Ge", e.Message);
    }

    [Fact]
    public void EntriesLammpsWouldApplyInAtomOrderMustAgree()
    {
        string siGe = File.ReadAllText(ShippedPotentials.PathOf("SiGe.sw"));
        // Two-body σ of Ge-Si made different from Si-Ge's.
        int at = siGe.IndexOf("Ge Si Si 2.045683016  2.13805", StringComparison.Ordinal);
        string asymmetric = siGe[..at] + "Ge Si Si 2.045683016  2.14805" + siGe[(at + "Ge Si Si 2.045683016  2.13805".Length)..];
        var e = Assert.Throws<PotentialFileException>(() => StillingerWeberTable.Build(StillingerWeberFile.Parse(asymmetric, "SiGe.sw"), "Si", "Ge"));
        Assert.Matches(@"^SiGe\.sw:\d+: two-body sigma of Si Ge Ge \(2\.13805\) differs from that of Ge Si Si on line \d+ \(2\.14805\); LAMMPS would use either depending on atom order, so they must be equal$", e.Message);
        // Three-body cos θ0 of Si Si Ge against Si Ge Si.
        const string siGeSi = "Si Ge Si 2.106099352  2.116575 1.80  23.14754273  1.20  -0.333333333333";
        at = siGe.IndexOf(siGeSi, StringComparison.Ordinal);
        string angular = siGe[..at] + siGeSi.Replace("-0.333333333333", "-0.3", StringComparison.Ordinal) + siGe[(at + siGeSi.Length)..];
        e = Assert.Throws<PotentialFileException>(() => StillingerWeberTable.Build(StillingerWeberFile.Parse(angular, "SiGe.sw"), "Si", "Ge"));
        Assert.Contains("three-body costheta0 of Si Si Ge", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatCannotBeReadIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.sw");
        var e = Assert.Throws<PotentialFileException>(() => StillingerWeberFile.Read(path));
        Assert.StartsWith($"{path}: cannot read the Stillinger-Weber file: ", e.Message);
    }
}
