namespace NemdEngine.Potentials.Files;

/// <summary>
/// A potential file that cannot be used: the one-line message names the file (and the line where
/// there is one) and what is wrong, e.g. "SiGe.sw:17: field 5 (sigma) is 'x', not a number" or
/// "Si.sw: no entry for Ge Si Si; the deck maps species 'Ge' to element Ge".
/// </summary>
public sealed class PotentialFileException : Exception
{
    public PotentialFileException(string message) : base(message) { }
    public PotentialFileException(string message, Exception inner) : base(message, inner) { }

    /// <summary>"file:line: problem" (or "file: problem" when <paramref name="line"/> is null).</summary>
    public static PotentialFileException At(string file, int? line, string problem) =>
        new($"{file}{(line is int l ? $":{l}" : "")}: {problem}");
}
