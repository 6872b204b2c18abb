using NemdEngine.Conformance;
using NemdEngine.Potentials.Files;

namespace NemdEngine.Tests.Potentials;

/// <summary>Loading a reference by LAMMPS pair style, as <c>nemd lattice</c> will.</summary>
public class ReferencePotentialsTests
{
    [Fact]
    public void LoadsByStyleAndRefusesUnknownStyles()
    {
        var heavySi = ReferencePotentials.Load("sw", ShippedPotentials.PathOf("Si.sw"),
            [new SpeciesElement("Si", "Si"), new SpeciesElement("heavy", "Si")]);
        Assert.Equal(2, heavySi.TypeCount);
        // Heavy Si is Si: its zinc-blende "compound" is the diamond crystal.
        Assert.Equal(-4.3366, CohesiveEnergy.EnergyPerAtom(heavySi, CubicCell.ZincBlende(0, 1), 5.43095), 6);
        Assert.IsType<ReferenceTersoff>(ReferencePotentials.Load("tersoff", ShippedPotentials.PathOf("SiGe.tersoff"), [new("Ge", "Ge")]));
        var e = Assert.Throws<PotentialFileException>(() =>
            ReferencePotentials.Load("eam", ShippedPotentials.PathOf("Si.sw"), [new("Si", "Si")]));
        Assert.EndsWith("Si.sw: pair style 'eam' has no reader; known: sw, tersoff", e.Message);
    }
}
