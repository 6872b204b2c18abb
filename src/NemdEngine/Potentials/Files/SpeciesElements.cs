namespace NemdEngine.Potentials.Files;

/// <summary>One species of the deck and the element of the potential file it is mapped to (several species may share one).</summary>
public readonly record struct SpeciesElement(string Species, string Element);

/// <summary>
/// The deck's species → element mapping seen by a table builder: type indices, the distinct elements,
/// and messages that say which species are behind a missing or unknown element.
/// </summary>
internal sealed class SpeciesElements
{
    private readonly IReadOnlyList<SpeciesElement> _species;
    private readonly string _file;

    public SpeciesElements(IReadOnlyList<SpeciesElement> species, string file, IEnumerable<string> elementsInFile)
    {
        if (species.Count == 0) throw PotentialFileException.At(file, null, "no species are mapped to elements of the file");
        _species = species;
        _file = file;
        var known = elementsInFile.Distinct(StringComparer.Ordinal).ToList();
        foreach (var s in species)
            if (!known.Contains(s.Element, StringComparer.Ordinal))
                throw PotentialFileException.At(file, null,
                    $"element {s.Element} (species '{s.Species}') is not in the file, which has entries for {(known.Count == 0 ? "no element" : string.Join(", ", known))}");
    }

    public int TypeCount => _species.Count;
    public string Element(int type) => _species[type].Element;

    /// <summary>"no entry for Ge Si Si; the deck maps species 'Ge' to element Ge and species 'Si' to element Si".</summary>
    public PotentialFileException Missing(int i, int j, int k)
    {
        var elements = new[] { Element(i), Element(j), Element(k) };
        var clauses = elements.Distinct(StringComparer.Ordinal).Select(e =>
        {
            var names = _species.Where(s => s.Element == e).Select(s => $"'{s.Species}'").ToList();
            return $"species {string.Join(" and ", names)} to element {e}";
        });
        return PotentialFileException.At(_file, null, $"no entry for {string.Join(' ', elements)}; the deck maps {string.Join(" and ", clauses)}");
    }
}
