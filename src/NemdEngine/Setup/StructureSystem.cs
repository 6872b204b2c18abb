using NemdEngine.Input;
using NemdEngine.IO.Structures;
using NemdEngine.Kernels;
using NemdEngine.Lattice;
using NemdEngine.Model;

namespace NemdEngine.Setup;

/// <summary>
/// A deck's system when its atoms come from a structure file ([structure]): species by name from the
/// deck (its masses, in engine units), regions from the deck's z ranges (frozen, hot, cold; the rest
/// side A below the interface plane, B above), x and y wrapped into the box, thermal velocities as
/// for a built bilayer. The layout's bins are the deck's bin_width (a file has no lattice planes).
/// </summary>
public static class StructureSystem
{
    /// <summary>Slack (length) beyond the file's z bounds before an atom counts as lost.</summary>
    private const double LostSlack = 5;

    /// <exception cref="StructureFileException">The file cannot be read or names a species the deck lacks.</exception>
    public static AtomicStructure Read(Deck deck)
    {
        var spec = deck.Structure ?? throw new ArgumentException("the deck builds its atoms; it has no [structure]");
        var structure = StructureFile.Read(spec.File, deck.Species.ToDictionary(s => s.Name, s => s.Mass));
        foreach (var name in structure.SpeciesNames.Distinct())
            if (!deck.Species.Any(s => s.Name == name))
                throw new StructureFileException(spec.File, null, $"species '{name}' is not one of the deck's [[species]] ({string.Join(", ", deck.Species.Select(s => s.Name))})");
        return StructureChecks.WrapIntoBox(structure);
    }

    public static (ParticleSystem System, BilayerLayout Layout) Build(Deck deck)
    {
        var spec = deck.Structure!;
        var structure = Read(deck);
        var units = UnitSystem.FromName(deck.Units);
        var layout = Layout(deck, structure.Box);
        var names = deck.Species.Select(s => s.Name).ToArray();
        int n = structure.Count;
        var types = Enumerable.Range(0, n).Select(i => Array.IndexOf(names, structure.SpeciesOf(i))).ToArray();
        var positions = structure.Positions.Select(p => new Vec3((float)p.X, (float)p.Y, (float)p.Z)).ToArray();
        var system = new ParticleSystem
        {
            Positions = positions,
            Velocities = new Vec3[n],
            Types = types,
            Masses = types.Select(t => (float)(deck.Species[t].Mass * units.MassScale)).ToArray(),
            SpeciesMasses = deck.Species.Select(s => s.Mass).ToArray(),
            Ids = Enumerable.Range(0, n).ToArray(),
            Regions = positions.Select(p => RegionOf(spec, p.Z)).ToArray(),
            SpeciesNames = names,
            BoxX = (float)structure.Box.LengthX,
            BoxY = (float)structure.Box.LengthY,
            ZLow = (float)(structure.Box.ZLow - LostSlack),
            ZHigh = (float)(structure.Box.ZHigh + LostSlack),
        };
        BilayerBuilder.AssignVelocities(system, deck);
        return (system, layout);
    }

    /// <summary>The regions along z the deck's ranges give, over the file's box.</summary>
    public static BilayerLayout Layout(Deck deck, StructureBox box)
    {
        var spec = deck.Structure!;
        double width = deck.Analysis.BinWidth ?? throw new ArgumentException("a [structure] deck needs analysis.bin_width");
        double frozenLowTop = spec.Frozen.Where(r => r.High <= spec.Hot.Low).Select(r => r.High).DefaultIfEmpty(box.ZLow).Max();
        double frozenHighBottom = spec.Frozen.Where(r => r.Low >= spec.Cold.High).Select(r => r.Low).DefaultIfEmpty(box.ZHigh).Min();
        return new BilayerLayout
        {
            LengthX = box.LengthX,
            LengthY = box.LengthY,
            ZStart = box.ZLow,
            ZEnd = box.ZHigh,
            FrozenLowTop = frozenLowTop,
            HotReservoirTop = spec.Hot.High,
            InterfaceZ = spec.InterfaceZ,
            ColdReservoirBottom = spec.Cold.Low,
            FrozenHighBottom = frozenHighBottom,
            PlaneSpacing = width,
            PlaneSpacingB = width,
            SideBoundary = box.ZHigh,
        };
    }

    private static Region RegionOf(StructureSpec spec, double z) =>
        spec.Frozen.Any(r => r.Contains(z)) ? Region.Frozen
        : spec.Hot.Contains(z) ? Region.HotReservoir
        : spec.Cold.Contains(z) ? Region.ColdReservoir
        : z < spec.InterfaceZ ? Region.MaterialA : Region.MaterialB;
}

/// <summary>The system a deck describes, whichever way it gets its atoms: built from [lattice] and [geometry], or read from [structure].</summary>
public static class DeckSystem
{
    public static (ParticleSystem System, BilayerLayout Layout) Build(Deck deck) =>
        deck.Structure is null ? BilayerBuilder.Build(deck) : StructureSystem.Build(deck);

    /// <summary>Where the regions lie (a [structure] deck reads its file for the box).</summary>
    public static BilayerLayout Layout(Deck deck) =>
        deck.Structure is null ? BilayerBuilder.Layout(deck) : StructureSystem.Layout(deck, StructureSystem.Read(deck).Box);
}
