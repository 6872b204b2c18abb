namespace NemdEngine.Potentials.Files;

/// <summary>
/// One entry of a LAMMPS <c>pair_style tersoff</c> file, metal units. LAMMPS (pair_tersoff.cpp) uses entry
/// i-j-j for the repulsive and attractive pair terms of bond i-j and for its bond order (n, β), and
/// entry i-j-k for the contribution of neighbor k to the bond order of bond i-j (m, γ, λ3, c, d, h and
/// the cutoff R, D applied to r_ik).
/// </summary>
/// <param name="M">m: exponent of the λ3 term, 1 or 3.</param>
/// <param name="Gamma">γ of the angular function.</param>
/// <param name="Lambda3">λ3, 1/Å.</param>
/// <param name="C">c of the angular function.</param>
/// <param name="D">d of the angular function.</param>
/// <param name="CosTheta0">h = cos θ0 of the angular function.</param>
/// <param name="N">n of the bond order.</param>
/// <param name="Beta">β of the bond order.</param>
/// <param name="Lambda2">λ2, 1/Å (attractive decay).</param>
/// <param name="BigB">B, eV (attractive prefactor).</param>
/// <param name="BigR">R, Å: middle of the cutoff region.</param>
/// <param name="BigD">D, Å: half width of the cutoff region, which runs from R − D to R + D.</param>
/// <param name="Lambda1">λ1, 1/Å (repulsive decay).</param>
/// <param name="BigA">A, eV (repulsive prefactor).</param>
public sealed record TersoffEntry(
    string Element1, string Element2, string Element3,
    double M, double Gamma, double Lambda3, double C, double D, double CosTheta0, double N, double Beta,
    double Lambda2, double BigB, double BigR, double BigD, double Lambda1, double BigA, int Line)
{
    public string Triplet => $"{Element1} {Element2} {Element3}";

    /// <summary>R + D (Å): beyond it the cutoff function is 0.</summary>
    public double Cutoff => BigR + BigD;
}

/// <summary>A parsed <c>pair_style tersoff</c> file (LAMMPS format: element1 element2 element3 then 14 numbers).</summary>
public sealed class TersoffFile
{
    public const string Style = "Tersoff";

    /// <summary>The numeric fields of an entry, in file order (LAMMPS doc pair_tersoff).</summary>
    public static readonly IReadOnlyList<string> FieldNames =
        ["m", "gamma", "lambda3", "c", "d", "costheta0", "n", "beta", "lambda2", "B", "R", "D", "lambda1", "A"];

    public required string Name { get; init; }
    public required IReadOnlyList<TersoffEntry> Entries { get; init; }

    public static TersoffFile Read(string path) => Parse(PotentialFileReader.ReadText(path, Style), path);

    public static TersoffFile Parse(string text, string name)
    {
        var raw = PotentialFileReader.Parse(text, name, Style, FieldNames);
        PotentialFileReader.RejectDuplicates(raw, name);
        var entries = raw.Select(e =>
        {
            var v = e.Values;
            string At(int f) => $"{FieldNames[f]} of {Style} entry {e.Triplet} is {v[f]}";
            // The checks LAMMPS makes ("Illegal Tersoff parameter"), each named. λ3 and h may be negative.
            if (v[0] != 1 && v[0] != 3)
                throw PotentialFileException.At(name, e.Line, $"{At(0)}; LAMMPS accepts m = 1 or 3");
            foreach (int f in (int[])[1, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13])
                if (v[f] < 0)
                    throw PotentialFileException.At(name, e.Line, $"{At(f)}; it must not be negative");
            if (v[11] > v[10])
                throw PotentialFileException.At(name, e.Line, $"{At(11)}, larger than R = {v[10]}: the cutoff region R − D .. R + D would start below 0");
            return new TersoffEntry(e.Elements[0], e.Elements[1], e.Elements[2],
                v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], e.Line);
        }).ToArray();
        return new TersoffFile { Name = name, Entries = entries };
    }
}
