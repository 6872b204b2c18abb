namespace NemdEngine.Potentials.Files;

/// <summary>
/// One entry of a LAMMPS <c>pair_style sw</c> file, metal units. LAMMPS (pair_sw.cpp) uses entry i-j-j for
/// the two-body term of the pair i-j and for the radial factor of bond i-j in three-body terms centred
/// on i; entry i-j-k supplies only λ, ε (as λε) and cos θ0 of the angle j-i-k.
/// </summary>
/// <param name="Epsilon">ε, eV.</param>
/// <param name="Sigma">σ, Å.</param>
/// <param name="LittleA">a: the cutoff is a σ (dimensionless).</param>
/// <param name="Lambda">λ, three-body strength (dimensionless; the energy is λε).</param>
/// <param name="Gamma">γ, three-body radial decay (dimensionless).</param>
/// <param name="CosTheta0">cos θ0 of the three-body term.</param>
/// <param name="BigA">A, two-body prefactor (dimensionless; the energy is Aε).</param>
/// <param name="BigB">B, two-body repulsion coefficient.</param>
/// <param name="P">p, repulsive power.</param>
/// <param name="Q">q, attractive power.</param>
/// <param name="Tol">tol: LAMMPS shortens the neighbor cutoff to where the radial factor falls below tol (0 = exact a σ).</param>
/// <param name="Line">line of the file where the entry starts.</param>
public sealed record StillingerWeberEntry(
    string Element1, string Element2, string Element3,
    double Epsilon, double Sigma, double LittleA, double Lambda, double Gamma, double CosTheta0,
    double BigA, double BigB, double P, double Q, double Tol, int Line)
{
    public string Triplet => $"{Element1} {Element2} {Element3}";

    /// <summary>a σ (Å): where the two-body term and the bond's radial factor reach zero.</summary>
    public double Cutoff => LittleA * Sigma;

    /// <summary>
    /// The neighbor cutoff (Å) LAMMPS applies: a σ, or with tol &gt; 0 (capped at 0.01) the shorter
    /// a σ + σ/ln(tol) (γσ/ln(tol) when γ &lt; 1), beyond which the radial factor is below tol.
    /// </summary>
    public double NeighborCutoff
    {
        get
        {
            if (Tol <= 0) return Cutoff;
            double tol = Math.Min(Tol, 0.01);
            return Cutoff + (Gamma < 1 ? Gamma * Sigma : Sigma) / Math.Log(tol);
        }
    }
}

/// <summary>A parsed <c>pair_style sw</c> file (LAMMPS format: element1 element2 element3 then 11 numbers).</summary>
public sealed class StillingerWeberFile
{
    public const string Style = "Stillinger-Weber";

    /// <summary>The numeric fields of an entry, in file order (LAMMPS doc pair_sw).</summary>
    public static readonly IReadOnlyList<string> FieldNames =
        ["epsilon", "sigma", "a", "lambda", "gamma", "costheta0", "A", "B", "p", "q", "tol"];

    /// <summary>The name used in messages: the path as given.</summary>
    public required string Name { get; init; }
    public required IReadOnlyList<StillingerWeberEntry> Entries { get; init; }

    public static StillingerWeberFile Read(string path) => Parse(PotentialFileReader.ReadText(path, Style), path);

    public static StillingerWeberFile Parse(string text, string name)
    {
        var raw = PotentialFileReader.Parse(text, name, Style, FieldNames);
        PotentialFileReader.RejectDuplicates(raw, name);
        var entries = raw.Select(e =>
        {
            var v = e.Values;
            // LAMMPS refuses negative values of all but cos θ0 ("Illegal Stillinger-Weber parameter").
            for (int f = 0; f < v.Length; f++)
                if (f != 5 && v[f] < 0)
                    throw PotentialFileException.At(name, e.Line, $"{FieldNames[f]} of {Style} entry {e.Triplet} is {v[f]}; it must not be negative");
            return new StillingerWeberEntry(e.Elements[0], e.Elements[1], e.Elements[2],
                v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], e.Line);
        }).ToArray();
        return new StillingerWeberFile { Name = name, Entries = entries };
    }
}
