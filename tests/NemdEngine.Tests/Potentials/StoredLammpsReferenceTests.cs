using NemdEngine.Conformance;
using Xunit.Abstractions;

namespace NemdEngine.Tests.Potentials;

/// <summary>
/// The references against LAMMPS's stored answers (Reference/*.json, written by the LAMMPS cross-check
/// with NEMD_WRITE_REFERENCE=1): no peer needed, so a regression of a reader, a table or a reference
/// fails here on every machine.
/// </summary>
public class StoredLammpsReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<string> StoredCases => new(ManyBodyCase.All.Where(c => c.Stored).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(StoredCases))]
    public void ReferenceMatchesStoredLammpsAnswer(string name)
    {
        var c = ManyBodyCase.Named(name);
        var data = LammpsReferenceData.Load(name);
        Assert.Equal((c.Style, c.PotentialFile), (data.Style, data.PotentialFile));
        Assert.Equal(c.Elements, data.Elements);
        var system = data.ToSystem();
        var ours = ManyBodyReference.Compute(c.Reference(), system.Positions, system.Types, system.Box, pairwise: true);
        ManyBodyAgreement.Check(ours, data.ToResult(), output, $"{name} vs stored LAMMPS ({data.Source})");
    }
}
